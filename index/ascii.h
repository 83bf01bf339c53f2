// ASCII case folding, for keys, hosts, schemes and other machine text where Unicode
// case rules do not apply (words a reader types are lowercased by Xapian::Unicode).
#pragma once

#include <string>
#include <string_view>

namespace clubsearch::index {

constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string ascii_lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

}  // namespace clubsearch::index
