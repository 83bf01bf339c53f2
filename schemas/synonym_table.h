// SynonymTable: groups of words and phrases that mean the same thing to a searcher
// (SAE, sparse autoencoder), from schemas/synonyms.toml. The indexer stores them in the
// database's synonym table; the query layer expands with them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace clubsearch::schemas {

class SynonymTable {
 public:
  static SynonymTable parse(std::string_view toml_text, std::string_view origin);
  static const SynonymTable& builtin();

  // Identifies the text the table was parsed from: an index records it, so a changed
  // table is noticed and the index rebuilt with it.
  std::size_t fingerprint() const noexcept { return fingerprint_; }

  // Each group holds two or more members, each one or more words, as written.
  const std::vector<std::vector<std::string>>& groups() const noexcept { return groups_; }

 private:
  std::size_t fingerprint_ = 0;
  std::vector<std::vector<std::string>> groups_;
};

}  // namespace clubsearch::schemas
