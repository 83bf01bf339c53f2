// ASCII case folding and digits, for keys, hosts, schemes, ids and other machine text
// where Unicode rules do not apply (words a reader types are lowercased by Xapian::Unicode).
#pragma once

#include <string>
#include <string_view>

namespace clubsearch::index {

constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Whether `text` is one or more of the digits 0-9.
inline bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

constexpr bool is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// `text` without the ASCII whitespace (space, \t \n \v \f \r) it starts or ends with.
inline std::string_view ascii_trimmed(std::string_view text) {
  while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
  return text;
}

inline std::string ascii_lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

}  // namespace clubsearch::index
