// Generating the forgiving query sets: candidate titles, their sample, and the typo and
// prefix each one is typed with.
#include "tests/relevance/forgiving_sets.h"

#include <xxhash.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace clubsearch::relevance {

namespace {

bool ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The keys around each letter on a QWERTY keyboard, diagonals included: where a finger
// lands when it misses.
std::string_view keys_beside(char letter) {
  static constexpr std::string_view kBeside[26] = {
      "qwsz",    // a
      "vghn",    // b
      "xdfv",    // c
      "serfcx",  // d
      "wsdr",    // e
      "drtgvc",  // f
      "ftyhbv",  // g
      "gyujnb",  // h
      "ujko",    // i
      "huikmn",  // j
      "jiolm",   // k
      "kop",     // l
      "njk",     // m
      "bhjm",    // n
      "iklp",    // o
      "ol",      // p
      "wa",      // q
      "edft",    // r
      "awedxz",  // s
      "rfgy",    // t
      "yhji",    // u
      "cfgb",    // v
      "qase",    // w
      "zsdc",    // x
      "tghu",    // y
      "asx",     // z
  };
  const char c = lower(letter);
  return c >= 'a' && c <= 'z' ? kBeside[c - 'a'] : std::string_view{};
}

// The next code point of valid UTF-8 at `pos`, which moves past it; a stray byte is
// taken as itself.
char32_t next_code_point(std::string_view text, std::size_t& pos) {
  const auto byte = static_cast<unsigned char>(text[pos]);
  std::size_t length = byte < 0x80 ? 1 : (byte & 0xE0) == 0xC0 ? 2 : (byte & 0xF0) == 0xE0 ? 3 : 4;
  if (pos + length > text.size() || byte >= 0xF8 || (byte & 0xC0) == 0x80) length = 1;
  char32_t code_point = length == 1 ? byte : byte & (0x7Fu >> length);
  for (std::size_t k = 1; k < length; ++k)
    code_point = (code_point << 6) | (static_cast<unsigned char>(text[pos + k]) & 0x3Fu);
  pos += length;
  return code_point;
}

bool cjk(char32_t c) {
  return (c >= 0x1100 && c <= 0x11FF)        // Hangul jamo
         || (c >= 0x2E80 && c <= 0x9FFF)     // radicals, CJK punctuation, kana, Bopomofo, ideographs
         || (c >= 0xAC00 && c <= 0xD7AF)     // Hangul syllables
         || (c >= 0xF900 && c <= 0xFAFF)     // compatibility ideographs
         || (c >= 0xFF00 && c <= 0xFFEF)     // full-width forms
         || (c >= 0x20000 && c <= 0x3FFFF);  // ideographs beyond the BMP
}

// Punctuation that may stand around a word ("(Sparse)", "“Attention”,"): ASCII's, the
// Latin-1 quotes and marks, and Unicode's general punctuation (dashes, quotes, ellipsis).
// A letter of any script is not: "Über" has no ASCII core.
bool edge_punctuation(char32_t c) {
  if (c < 0x80) return !ascii_letter(static_cast<char>(c)) && !(c >= '0' && c <= '9');
  return c == 0xA1 || c == 0xAB || c == 0xBB || c == 0xBF || (c >= 0x2010 && c <= 0x205E);
}

std::string joined(const std::vector<std::string_view>& words, std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < count && i < words.size(); ++i) {
    if (i > 0) text += ' ';
    text += words[i];
  }
  return text;
}

}  // namespace

std::uint64_t stable_hash(std::string_view text, std::uint64_t seed) {
  return XXH3_64bits_withSeed(text.data(), text.size(), seed);
}

bool has_cjk(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size())
    if (cjk(next_code_point(text, pos))) return true;
  return false;
}

std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  const auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && space(text[pos])) ++pos;
    const std::size_t start = pos;
    while (pos < text.size() && !space(text[pos])) ++pos;
    if (pos > start) words.push_back(text.substr(start, pos - start));
  }
  return words;
}

std::optional<LetterCore> letter_core(std::string_view word) {
  std::size_t begin = 0;
  while (begin < word.size()) {
    std::size_t next = begin;
    if (!edge_punctuation(next_code_point(word, next))) break;
    begin = next;
  }
  std::size_t end = word.size();
  while (end > begin) {
    std::size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(word[start]) & 0xC0) == 0x80) --start;
    std::size_t next = start;
    if (!edge_punctuation(next_code_point(word, next))) break;
    end = start;
  }
  if (end - begin < 5 || !std::all_of(word.begin() + static_cast<std::ptrdiff_t>(begin),
                                      word.begin() + static_cast<std::ptrdiff_t>(end), ascii_letter))
    return std::nullopt;
  return LetterCore{begin, end - begin};
}

std::vector<TitleCandidate> title_candidates(const std::vector<TitleCandidate>& entries) {
  std::map<std::string_view, std::size_t> holders;
  for (const TitleCandidate& entry : entries) ++holders[entry.title];
  std::vector<TitleCandidate> candidates;
  for (const TitleCandidate& entry : entries) {
    const std::vector<std::string_view> words = split_words(entry.title);
    if (words.size() >= 2 && std::any_of(words.begin(), words.end(), [](auto w) { return letter_core(w); }) &&
        !has_cjk(entry.title) && holders[entry.title] == 1)
      candidates.push_back(entry);
  }
  return candidates;
}

std::vector<TitleCandidate> shuffled(std::vector<TitleCandidate> candidates, std::uint64_t seed) {
  std::vector<std::pair<std::uint64_t, TitleCandidate>> keyed;
  for (TitleCandidate& candidate : candidates) {
    const std::uint64_t key = stable_hash(candidate.id, seed);
    keyed.emplace_back(key, std::move(candidate));
  }
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first, a.second.id) < std::tie(b.first, b.second.id);
  });
  std::vector<TitleCandidate> ordered;
  for (auto& [key, candidate] : keyed) ordered.push_back(std::move(candidate));
  return ordered;
}

std::size_t per_blog_quota(const std::vector<std::size_t>& available, std::size_t total) {
  const std::size_t most = available.empty() ? 0 : *std::max_element(available.begin(), available.end());
  for (std::size_t cap = 0; cap < most; ++cap) {
    std::size_t taken = 0;
    for (const std::size_t count : available) taken += std::min(cap, count);
    if (taken >= total) return cap;
  }
  return most;
}

std::optional<std::string> edited(std::string_view word, Edit edit, std::size_t at, std::size_t variant) {
  if (word.size() < 3 || at < 1 || at > word.size() - 2 || !ascii_letter(word[at])) return std::nullopt;
  std::string result(word);
  switch (edit) {
    case Edit::drop:
      result.erase(at, 1);
      return result;
    case Edit::swap:
      if (at + 1 > word.size() - 2 || lower(word[at]) == lower(word[at + 1])) return std::nullopt;
      std::swap(result[at], result[at + 1]);
      return result;
    case Edit::neighbour: {
      const std::string_view beside = keys_beside(word[at]);
      const char key = beside[variant % beside.size()];
      result[at] = word[at] >= 'A' && word[at] <= 'Z' ? static_cast<char>(key - 'a' + 'A') : key;
      return result;
    }
    case Edit::doubled:
      result.insert(at, 1, word[at]);
      return result;
  }
  return std::nullopt;
}

std::optional<std::string> typo_query(std::string_view title, std::uint64_t seed, const KnownWord& known) {
  const std::vector<std::string_view> words = split_words(title);
  const std::size_t typed = std::min(words.size(), kMaxQueryWords);
  struct Choice {
    std::size_t word;
    Edit edit;
    std::size_t at;  // in the word's letter core
  };
  std::vector<Choice> choices;
  for (std::size_t w = 0; w < typed; ++w)
    if (const auto core = letter_core(words[w]))
      for (const Edit edit : kEdits)
        for (std::size_t at = 1; at + 1 < core->size; ++at) choices.push_back({w, edit, at});
  if (choices.empty()) return std::nullopt;
  // The seed's low bits choose where to start, its high bits which key a finger misses.
  const std::size_t start = static_cast<std::size_t>(seed % choices.size());
  const auto variant = static_cast<std::size_t>(seed >> 32);
  for (std::size_t i = 0; i < choices.size(); ++i) {
    const Choice& choice = choices[(start + i) % choices.size()];
    const std::string_view word = words[choice.word];
    const LetterCore core = *letter_core(word);
    const auto typo = edited(word.substr(core.begin, core.size), choice.edit, choice.at, variant);
    if (!typo || known(*typo)) continue;
    std::vector<std::string_view> query_words(words.begin(),
                                              words.begin() + static_cast<std::ptrdiff_t>(typed));
    const std::string changed =
        std::string(word.substr(0, core.begin)) + *typo + std::string(word.substr(core.begin + core.size));
    query_words[choice.word] = changed;
    return joined(query_words, typed);
  }
  return std::nullopt;
}

std::optional<std::string> prefix_query(std::string_view title, std::uint64_t seed) {
  const std::vector<std::string_view> words = split_words(title);
  std::vector<std::size_t> cuttable;
  for (std::size_t w = 1; w < words.size() && w < kMaxQueryWords; ++w)
    if (letter_core(words[w])) cuttable.push_back(w);
  if (cuttable.empty()) return std::nullopt;
  const std::size_t w = cuttable[seed % cuttable.size()];
  const LetterCore core = *letter_core(words[w]);
  // 3 to size − 2 letters: enough to mean something, and still unfinished.
  const std::size_t kept = 3 + static_cast<std::size_t>((seed >> 32) % (core.size - 4));
  return joined(words, w) + " " + std::string(words[w].substr(0, core.begin + kept));
}

}  // namespace clubsearch::relevance
