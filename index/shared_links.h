// Which link keys more than one document holds: the url and arXiv filter terms that an
// entry shares with another. "Also in" (an entry's other posts) looks up each of a
// result's links; the links of most entries are their own, and on a static host each
// lookup is a block fetched over the network. The indexer records, in the index's
// metadata and in the same commit as the documents, a hash of every such term; a reader
// looks up only the links whose hash is there.
//
// The set may hold more than the shared terms (a hash that collides; after an update, a
// term whose other document was since removed): a lookup then finds nothing more, which
// it would have found anyway. It never holds fewer: the set is written after every
// change to the documents.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "index/terms.h"

namespace clubsearch::index {

class SharedLinks {
 public:
  // The set the index records; nullopt when it records none (an index written before
  // the set was, or by hand): every link is then looked up.
  static std::optional<SharedLinks> read(const Xapian::Database& db);
  // The set of `db` as it is now, counted from its terms (those of the "url" and "arxiv"
  // filters that two or more documents hold), and writes it into its metadata.
  static void write(Xapian::WritableDatabase& db, const TermRules& rules);

  // False when no other document holds `term`; true when one may.
  bool may_be_shared(std::string_view term) const;

 private:
  std::vector<std::uint32_t> hashes_;  // sorted
};

}  // namespace clubsearch::index
