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

// The arXiv id a URL or text names, normalised: "https://arxiv.org/pdf/2402.18563v2.pdf",
// "arxiv.org/abs/2402.18563", "arXiv:2402.18563", "2402.18563v3" all give "2402.18563";
// old-style ids keep their archive ("hep-th/9901001"). Empty when it names none.
std::string arxiv_id(std::string_view url_or_id);

// The form under which the index stores a link's URL (the schema's "url" filter): scheme,
// "www.", #fragment and trailing slashes dropped and the host lowercased, so the same page
// linked two ways is one key; keys over 200 bytes are hashed. Empty for an empty URL.
std::string url_key(std::string_view url);

}  // namespace clubsearch::indexer
