// Terms derived from titles, written by the indexer and looked up by the query layer in
// the same form: a title's key (its stems in order, so that a query typed as the title is
// told from the same words apart) and its words as written (so that "transformer" in a
// title counts for more than "transform").
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "schemas/index_schema.h"

namespace clubsearch::index {

// The words of a text as titles are compared: runs of Unicode word characters,
// lowercased, an apostrophe inside a word kept ("anthropic's", "Anthropic’s" alike) and a
// lone "s" after a word dropped ("Anthropic s", as a possessive typed without its
// apostrophe).
std::vector<std::string> title_words(std::string_view text);

// A key of `stems` (words in order, stemmed) under `prefix`: the stems joined by spaces,
// with no space between two words of CJK script, cut to the longest term Xapian takes.
std::string title_key(std::string_view prefix, const std::vector<std::string>& stems);

// The schema's key terms of one title: the whole title's, and its head's, the part
// before the first ": ", " - ", " — ", " | " or " (" ("Set Transformer - A Framework…"
// also has the key of "Set Transformer"). None when the schema has no key prefix.
std::vector<std::string> title_key_terms(std::string_view title, const schemas::IndexSchema& schema,
                                         const Xapian::Stem& stem);

// The schema's terms of a title's words as written (CJK words left out: they have no
// inflections to tell apart). None when the schema has no forms prefix.
std::vector<std::string> title_form_terms(std::string_view title, const schemas::IndexSchema& schema);

// The schema's terms of each two words next to each other in a title, stemmed ("Set
// Transformer - A Framework" → "set transform", "transform a", "a framework"). None when
// the schema has no pairs prefix.
std::vector<std::string> title_pair_terms(std::string_view title, const schemas::IndexSchema& schema,
                                          const Xapian::Stem& stem);
// The pair term of two stems.
std::string title_pair(std::string_view prefix, const std::string& first, const std::string& second);

// Whether a character (a Unicode code point) or a word is written in a CJK script.
bool is_cjk(unsigned ch);
bool is_cjk_word(std::string_view word);

}  // namespace clubsearch::index
