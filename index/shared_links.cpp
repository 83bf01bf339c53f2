// The hashes of the link terms more than one document holds (shared_links.h).
#include "index/shared_links.h"

#include <xxhash.h>

#include <algorithm>

#include "index/metadata.h"

namespace clubsearch::index {
namespace {

std::uint32_t hash_of(std::string_view term) {
  return static_cast<std::uint32_t>(XXH3_64bits(term.data(), term.size()));
}

// The metadata's value: each hash as 4 bytes, most significant first, in order.
std::string encode(std::vector<std::uint32_t> hashes) {
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  std::string value;
  value.reserve(hashes.size() * 4 + 1);
  for (const std::uint32_t hash : hashes)
    for (int shift = 24; shift >= 0; shift -= 8) value.push_back(static_cast<char>((hash >> shift) & 0xff));
  // An empty value would remove the key, which reads as "no set": a set without a hash
  // is written as the hash of the empty string, which is no term's.
  if (value.empty()) return encode({hash_of("")});
  return value;
}

}  // namespace

std::optional<SharedLinks> SharedLinks::read(const Xapian::Database& db) {
  const std::string value = db.get_metadata(metadata::kSharedLinks);
  // A value that is not whole hashes is not ours: every link is looked up.
  if (value.empty() || value.size() % 4 != 0) return std::nullopt;
  SharedLinks links;
  links.hashes_.reserve(value.size() / 4);
  for (std::size_t at = 0; at < value.size(); at += 4) {
    std::uint32_t hash = 0;
    for (std::size_t byte = 0; byte < 4; ++byte) hash = (hash << 8) | static_cast<unsigned char>(value[at + byte]);
    links.hashes_.push_back(hash);
  }
  if (!std::is_sorted(links.hashes_.begin(), links.hashes_.end()))
    std::sort(links.hashes_.begin(), links.hashes_.end());
  return links;
}

void SharedLinks::write(Xapian::WritableDatabase& db, const TermRules& rules) {
  std::vector<std::uint32_t> hashes;
  for (const std::string filter : {"url", "arxiv"}) {
    const std::string prefix = rules.term(filter, "");
    for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term)
      if (term.get_termfreq() >= 2) hashes.push_back(hash_of(*term));
  }
  db.set_metadata(metadata::kSharedLinks, encode(std::move(hashes)));
}

bool SharedLinks::may_be_shared(std::string_view term) const {
  return std::binary_search(hashes_.begin(), hashes_.end(), hash_of(term));
}

}  // namespace clubsearch::index
