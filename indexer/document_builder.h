// DocumentBuilder: a parsed Post → the Xapian documents that represent it, with terms,
// values and stored data laid out as the index schema says.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "index/record.h"
#include "index/terms.h"
#include "indexer/post.h"
#include "schemas/index_schema.h"

namespace clubsearch::indexer {

struct IndexedDocument {
  std::string id;  // the document's unique id (also its id term, under the schema's prefix)
  Xapian::Document document;
  std::string spelling_text;  // the texts it was indexed from, for the spelling corrector
  // An entry that links papers: what their records are made from (paper_record.h).
  std::optional<index::Record> paper_source;
};

class DocumentBuilder {
 public:
  explicit DocumentBuilder(const schemas::IndexSchema& schema);

  // One document per entry, and one for the post itself holding its intro and every text
  // outside its entries (for a post without entries, the whole post). Ids are derived
  // from the post's path and the entry's place in it, so they stay the same when the
  // post is reindexed unchanged. Safe to call from several threads.
  std::vector<IndexedDocument> build(const Post& post) const;

  // The document of a paper (indexer/paper_record.h): its title as text, its links' and
  // topics' filter terms, the date of the latest post that discussed it as its date, its
  // own date as the paper year and date, and how many posts discussed it. Nothing for the
  // spelling corrector: its title is already counted with its entries.
  IndexedDocument build_paper(const index::Record& paper) const;

  // The ids of the papers a document's entry links (its "paperid" terms).
  std::vector<std::string> papers_of(const Xapian::Document& document) const;

  // The id term of a document id, and the term shared by every document of one file.
  std::string id_term(const std::string& id) const;
  std::string file_term(const std::string& relative_path) const;

  // The stable id of the post stored at `relative_path`.
  static std::string post_id(const std::string& relative_path);

 private:
  index::TermRules rules_;
  index::TermRules paper_rules_;  // a paper's own document's
};

// The spelling_text a stored document was added with, rebuilt from its record, so that
// deleting it takes back exactly what adding it gave.
std::string spelling_text_of(const Xapian::Document& document);

}  // namespace clubsearch::indexer
