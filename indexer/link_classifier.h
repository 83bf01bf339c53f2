// LinkClassifier: from a link's URL to its host, source, kind and arXiv id, using the
// declarative source table (schemas/sources.toml) and the Public Suffix List.
#pragma once

#include <string>
#include <string_view>

#include "indexer/post.h"
#include "schemas/source_table.h"

namespace clubsearch::indexer {

class LinkClassifier {
 public:
  explicit LinkClassifier(const schemas::SourceTable& table);

  // A LinkedItem with `title` and `url` as given and host, source, kind and arxiv_id filled
  // in. Relative or non-http(s) URLs get an empty host and source and kind "other"
  // (mailto:, #fragment, /local/path).
  LinkedItem classify(std::string title, std::string url) const;

 private:
  const schemas::SourceTable& table_;
};

}  // namespace clubsearch::indexer
