// Content hashes (xxHash's XXH3) as hex strings: document ids, file signatures,
// fingerprints. Fast and stable across runs and machines; not for security.
#pragma once

#include <string>
#include <string_view>

namespace clubsearch::index {

std::string hash64_hex(std::string_view bytes);   // 16 hex digits
std::string hash128_hex(std::string_view bytes);  // 32 hex digits

}  // namespace clubsearch::index
