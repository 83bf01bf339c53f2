// Vocabulary: the words of the synthetic corpus and the frequencies they are drawn with.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "corpus/random.h"

namespace clubsearch::bench {

// Real text has a Zipfian head of common words and a long tail of rare ones (names,
// jargon, typos). The head is the hand-written lists; the tail is pronounceable
// pseudo-words, so term statistics (distinct terms, posting-list lengths) look like a
// real blog's rather than like a few thousand words repeated.
class Vocabulary {
 public:
  explicit Vocabulary(std::size_t rare_word_count);

  std::string_view function_word(Random& random) const;
  std::string_view content_word(Random& random) const;  // common, technical or rare
  std::string_view title_word(Random& random) const;    // biased toward technical terms
  std::string_view technical_term(Random& random) const;
  std::string_view rare_word(Random& random) const;
  std::string_view tag(Random& random) const;
  std::string_view code_name(Random& random) const;

  // The ranked lists, built once by the constructor.
  struct Lists {
    std::vector<std::string_view> function_words;
    std::vector<std::string_view> common_words;
    std::vector<std::string_view> technical_terms;
    std::vector<std::string_view> content_words;  // common and technical, interleaved
    std::vector<std::string> rare_words;
    std::vector<std::string_view> tags;
    std::vector<std::string_view> code_names;
  };

 private:
  // Declared before the samplers, which are sized from it.
  Lists lists_;
  WeightedIndex function_ranks_;
  WeightedIndex content_ranks_;
  WeightedIndex technical_ranks_;
  WeightedIndex common_ranks_;
  WeightedIndex rare_ranks_;
  WeightedIndex tag_ranks_;
};

}  // namespace clubsearch::bench
