// UTF-8 read without failing (a byte that does not start a well-formed sequence is
// U+FFFD, one byte long) and written, for the text every output must keep well-formed:
// citations (query/citations), the Atom feed (web/feed), character references (indexer/plain_text).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace clubsearch::index {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

// The code point at `at` (< text.size()) and its length in bytes; U+FFFD and 1 for
// bytes that are not UTF-8 (overlong forms, surrogates and values past U+10FFFF
// included).
std::pair<char32_t, std::size_t> decode_utf8(std::string_view text, std::size_t at);

void append_utf8(std::string& out, char32_t point);

// `text` with each byte that does not start a well-formed sequence replaced by U+FFFD.
std::string well_formed_utf8(std::string_view text);

}  // namespace clubsearch::index
