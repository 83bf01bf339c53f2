// DocumentBuilder: a parsed Post → the Xapian documents that represent it, with terms,
// values and stored data laid out as the index schema says.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "indexer/post.h"
#include "schemas/index_schema.h"

namespace clubsearch::indexer {

struct IndexedDocument {
  std::string id;  // the document's unique id (also its id term, under the schema's prefix)
  Xapian::Document document;
  std::vector<std::string> spelling_words;  // distinct words to feed the spelling corrector
};

class DocumentBuilder {
 public:
  explicit DocumentBuilder(const schemas::IndexSchema& schema);

  // One document per entry, and one for the post itself holding its intro and every text
  // outside its entries (for a post without entries, the whole post). Ids are derived
  // from the post's path and the entry's place in it, so they stay the same when the
  // post is reindexed unchanged. Safe to call from several threads.
  std::vector<IndexedDocument> build(const Post& post) const;

  // The id term of a document id, and the term shared by every document of one file.
  std::string id_term(const std::string& id) const;
  std::string file_term(const std::string& relative_path) const;

  // The stable id of the post stored at `relative_path`.
  static std::string post_id(const std::string& relative_path);

 private:
  const schemas::IndexSchema& schema_;
};

// The distinct words of a stored document that feed the spelling corrector (the same
// IndexedDocument::spelling_words it was added with): plain lowercase ASCII words of 2 to
// 32 characters from its titles and text. No stems, CJK or numbers.
std::vector<std::string> spelling_words_of(const Xapian::Document& document);

}  // namespace clubsearch::indexer
