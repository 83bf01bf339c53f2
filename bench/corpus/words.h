// Words: the hand-composed word lists that synthetic posts are written with.
#pragma once

#include <string_view>

namespace clubsearch::bench::words {

// Each list is whitespace-separated and roughly most frequent first, because the
// position of a word becomes its Zipf rank.
extern const std::string_view function_words;   // glue of English sentences
extern const std::string_view common_words;     // everyday English content words
extern const std::string_view technical_terms;  // ML, AI-safety and computing vocabulary
extern const std::string_view tags;             // front-matter taxonomy tags
extern const std::string_view code_names;       // identifiers for `code spans`

}  // namespace clubsearch::bench::words
