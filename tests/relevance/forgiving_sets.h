// The generated "forgiving query" sets of the relevance suite: entry titles typed with one
// typo, or cut off mid-word as someone types them. Every choice (which titles, which
// word, which edit) follows from a hash of the entry's id, so each run asks the same
// queries of the same index, and no choice looks at how the engine ranks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clubsearch::relevance {

// XXH3 of `text` with `seed`: stable across runs and machines (std::hash is not).
std::uint64_t stable_hash(std::string_view text, std::uint64_t seed);

// Whether `text` (UTF-8) holds a Chinese, Japanese or Korean character, or CJK punctuation.
bool has_cjk(std::string_view text);

// The whitespace-separated words of `text`, as written.
std::vector<std::string_view> split_words(std::string_view text);

// The part of a written word that an edit or a cut may touch: from its first ASCII letter
// to its last, when that is five ASCII letters or more and nothing else ("“Attention”,"
// → "Attention"; "GPT-4o", "self-attention" and "Résumé" have none). Offsets in `word`.
struct LetterCore {
  std::size_t begin = 0;
  std::size_t size = 0;
};
std::optional<LetterCore> letter_core(std::string_view word);

// An entry title someone may type again, and the id of the one entry that holds it.
struct TitleCandidate {
  std::string id;
  std::string title;
};

// The titles fit for the sets: two words or more, one of them with a letter core, no
// CJK, and held by only one of `entries` (so the intended entry is defined). In the
// order of `entries`.
std::vector<TitleCandidate> title_candidates(const std::vector<TitleCandidate>& entries);

// `candidates` in the order of stable_hash(id, seed): a sample that does not follow the
// blog's file order, the same on every run.
std::vector<TitleCandidate> shuffled(std::vector<TitleCandidate> candidates, std::uint64_t seed);

// How many queries to take from each blog, given how many each can give: the least
// per-blog cap whose total reaches `total`, so that small blogs give all they have and
// large ones share the rest evenly; when all of them together cannot reach `total`, the
// largest count (everything is taken).
std::size_t per_blog_quota(const std::vector<std::size_t>& available, std::size_t total);

// The typing slips a typo query makes, each on an inner letter (never the first or the
// last, which readers keep right).
enum class Edit {
  drop,       // "transformer" → "transfomer"
  swap,       // the letter and the next one: "transformer" → "transfromer"
  neighbour,  // the letter replaced by a key beside it on a QWERTY keyboard: "transformer" → "transformwr"
  doubled,    // the letter typed twice: "transformer" → "transformmer"
};
inline constexpr Edit kEdits[] = {Edit::drop, Edit::swap, Edit::neighbour, Edit::doubled};

// `word` (ASCII letters) with `edit` at letter `at` (1 ≤ at ≤ size − 2; a swap needs
// `at + 1` inner too and two different letters); `variant` picks among the keys beside
// the letter. nullopt when the edit cannot be made there. A replaced letter keeps its case.
std::optional<std::string> edited(std::string_view word, Edit edit, std::size_t at, std::size_t variant = 0);

// Whether a word (ASCII letters, as typed) is a word of the index: its stem is a term.
using KnownWord = std::function<bool(std::string_view word)>;

inline constexpr std::size_t kMaxQueryWords = 6;  // a reader types the start of a long title

// The title's first kMaxQueryWords words with one edit in one word that has a letter core.
// `seed` picks the first edit to try among all that the words allow (word, kind, letter);
// an edit that makes a word the index knows (`known`: then it is no typo) is skipped
// for the next. nullopt when every edit makes a known word, or no word can be edited.
std::optional<std::string> typo_query(std::string_view title, std::uint64_t seed, const KnownWord& known);

// The title as typed so far, cut inside a word: the whole words before one (not the
// first) that has a letter core, then 3 to size − 2 of that core's letters (after any
// punctuation before it), all chosen by `seed` among the first kMaxQueryWords words.
// "Set Transformer - A Framework" → "Set Transf". nullopt when no word can be cut.
std::optional<std::string> prefix_query(std::string_view title, std::uint64_t seed);

}  // namespace clubsearch::relevance
