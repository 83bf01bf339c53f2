// Vocabulary: word lists split and ranked, pseudo-words for the tail, Zipf draws.
#include "corpus/vocabulary.h"

#include <algorithm>
#include <array>

#include "corpus/words.h"

namespace clubsearch::bench {
namespace {

// Splits a whitespace-separated list, dropping words already in `seen` so that a
// word listed twice does not get two ranks.
std::vector<std::string_view> split_words(std::string_view list, std::unordered_set<std::string_view>& seen) {
  std::vector<std::string_view> result;
  std::size_t pos = 0;
  while (pos < list.size()) {
    const std::size_t start = list.find_first_not_of(" \n", pos);
    if (start == std::string_view::npos) break;
    const std::size_t end = std::min(list.find_first_of(" \n", start), list.size());
    const std::string_view word = list.substr(start, end - start);
    if (seen.insert(word).second) result.push_back(word);
    pos = end;
  }
  return result;
}

std::vector<std::string_view> split_words(std::string_view list) {
  std::unordered_set<std::string_view> seen;
  return split_words(list, seen);
}

// Three common words, then one technical term: a research blog's commentary is mostly
// plain English with jargon at every frequency.
std::vector<std::string_view> interleave(const std::vector<std::string_view>& common,
                                         const std::vector<std::string_view>& technical) {
  std::vector<std::string_view> result;
  std::size_t c = 0;
  std::size_t t = 0;
  while (c < common.size() || t < technical.size()) {
    for (int i = 0; i < 3 && c < common.size(); ++i) result.push_back(common[c++]);
    if (t < technical.size()) result.push_back(technical[t++]);
  }
  return result;
}

// Two or three syllables, now and then four: rare words are a little longer than
// common ones (~8 letters), as names and jargon are.
std::string pseudo_word(Random& random) {
  static constexpr std::array<std::string_view, 32> onsets = {
      "",  "",  "b", "c",  "d",  "f",  "g",  "h",  "k",  "l",  "m",  "n",  "p",  "r",  "s",  "t",
      "v", "w", "z", "br", "cr", "dr", "gr", "pr", "tr", "bl", "cl", "fl", "pl", "st", "th", "sh"};
  static constexpr std::array<std::string_view, 8> vowels = {"a", "e", "i", "o", "u", "a", "e", "io"};
  static constexpr std::array<std::string_view, 12> codas = {"",  "",  "",  "",  "",  "n",
                                                             "r", "s", "l", "m", "t", "x"};
  std::string word;
  const double length = random.unit();
  const int syllables = length < 0.55 ? 2 : length < 0.95 ? 3 : 4;
  for (int i = 0; i < syllables; ++i) {
    word += random.pick(onsets);
    word += random.pick(vowels);
    word += random.pick(codas);
  }
  return word;
}

std::vector<std::string> pseudo_words(std::size_t count, const std::unordered_set<std::string_view>& real) {
  // A fixed seed: the vocabulary belongs to the generator, not to one corpus.
  Random random(0x636c756273656172);
  std::vector<std::string> result;
  std::unordered_set<std::string> seen;
  result.reserve(count);
  while (result.size() < count) {
    std::string word = pseudo_word(random);
    if (word.size() < 4 || real.contains(word) || !seen.insert(word).second) continue;
    result.push_back(std::move(word));
  }
  return result;
}

Vocabulary::Lists make_lists(std::size_t rare_word_count) {
  Vocabulary::Lists lists;
  std::unordered_set<std::string_view> seen;
  lists.function_words = split_words(words::function_words, seen);
  lists.common_words = split_words(words::common_words, seen);
  lists.technical_terms = split_words(words::technical_terms, seen);
  lists.content_words = interleave(lists.common_words, lists.technical_terms);
  lists.rare_words = pseudo_words(rare_word_count, seen);
  lists.tags = split_words(words::tags);
  lists.code_names = split_words(words::code_names);
  return lists;
}

// Offsets flatten the very top of each Zipf curve as in real text (Mandelbrot's fit).
// Content words get a larger offset than function words: in English no content word
// comes near "the" (~5% of tokens); the most common ones stay under ~0.5%.
constexpr std::uint64_t function_offset = 1;
constexpr std::uint64_t content_offset = 25;
constexpr std::uint64_t title_offset = 8;
constexpr std::uint64_t rare_offset = 10;

// Share of content-word slots given to the long tail of rare words.
constexpr double rare_share = 0.12;
// Share of title words that are technical terms, and that are rare words.
constexpr double title_technical_share = 0.55;
constexpr double title_rare_share = 0.1;

}  // namespace

Vocabulary::Vocabulary(std::size_t rare_word_count)
    : lists_(make_lists(rare_word_count)),
      function_ranks_(zipf_ranks(lists_.function_words.size(), function_offset)),
      content_ranks_(zipf_ranks(lists_.content_words.size(), content_offset)),
      technical_ranks_(zipf_ranks(lists_.technical_terms.size(), title_offset)),
      common_ranks_(zipf_ranks(lists_.common_words.size(), title_offset)),
      rare_ranks_(zipf_ranks(lists_.rare_words.size(), rare_offset)),
      tag_ranks_(zipf_ranks(lists_.tags.size(), title_offset)) {}

std::string_view Vocabulary::function_word(Random& random) const {
  return lists_.function_words[function_ranks_.draw(random)];
}

std::string_view Vocabulary::content_word(Random& random) const {
  if (random.chance(rare_share)) return rare_word(random);
  return lists_.content_words[content_ranks_.draw(random)];
}

std::string_view Vocabulary::title_word(Random& random) const {
  const double roll = random.unit();
  if (roll < title_rare_share) return rare_word(random);
  if (roll < title_rare_share + title_technical_share) return technical_term(random);
  return lists_.common_words[common_ranks_.draw(random)];
}

std::string_view Vocabulary::technical_term(Random& random) const {
  return lists_.technical_terms[technical_ranks_.draw(random)];
}

std::string_view Vocabulary::rare_word(Random& random) const {
  return lists_.rare_words[rare_ranks_.draw(random)];
}

std::string_view Vocabulary::tag(Random& random) const { return lists_.tags[tag_ranks_.draw(random)]; }

std::string_view Vocabulary::code_name(Random& random) const { return random.pick(lists_.code_names); }

}  // namespace clubsearch::bench
