// The rules that turn what a post says into an index's terms and values, and what a
// reader types into the same terms: the indexer writes with them and the query layer
// looks up with them, so a query finds exactly what the indexer wrote.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schemas/index_schema.h"

namespace clubsearch::index {

// Xapian refuses terms longer than 245 bytes; longer ones are cut at a UTF-8 boundary.
inline constexpr std::size_t kMaxTermBytes = 240;

// `text` cut at a UTF-8 character boundary to at most kMaxTermBytes bytes.
std::string cut_to_term(std::string text);

class TermRules {
 public:
  explicit TermRules(const schemas::IndexSchema& schema) : schema_(schema) {}

  // The boolean term of the schema filter `filter` for `key`, a value in the index's form
  // (see filter_key): the filter's prefix and the key, lowercased (Unicode, as Xapian's
  // query parser lowercases) unless the schema keeps the filter's case.
  std::string term(std::string_view filter, std::string_view key) const;
  std::string id_term(std::string_view document_id) const { return term("id", document_id); }
  // The term every document of one post file holds.
  std::string file_term(std::string_view post_id) const { return term("file", post_id); }
  // The term an entry about a linked item holds besides the item's own term under
  // `filter` ("url" or "arxiv"): the "item" filter's prefix and that term.
  std::string item_term(std::string_view filter, std::string_view key) const {
    return term("item", term(filter, key));
  }

  Xapian::TermGenerator::stem_strategy generator_stemming() const;
  Xapian::QueryParser::stem_strategy parser_stemming() const;

  const schemas::IndexSchema& schema() const noexcept { return schema_; }

 private:
  const schemas::IndexSchema& schema_;
};

// The word of a free-text term of `schema`'s documents: "sparse" of "sparse", or of
// "XZsparse" in IndexSchema::papers()'s (its text_prefix); nullopt for a term of a field
// or a filter.
std::optional<std::string_view> word_of_term(std::string_view term, const schemas::IndexSchema& schema);

// A filter's value as a reader writes it → the key the index stores for it, or empty when
// it cannot be one: arxiv ("arXiv:2402.18563v2" → "2402.18563"), url (url_key), permalink
// (permalink_key), host ("www.Example.org" → "example.org"), month ("2024-07" → "202407"), year ("2024"), type
// ("entry" or "post"); any other filter's value as it is.
std::string filter_key(std::string_view filter, std::string_view written);

// The stable id of the post stored at `relative_path` (also the id of its own document).
std::string post_id(std::string_view relative_path);

// Several values in one value slot (the schema's "list" encoding): joined by newlines,
// a newline inside a value replaced by a space; and split again.
std::string join_list(const std::vector<std::string>& values);
std::vector<std::string_view> split_list(std::string_view encoded);

}  // namespace clubsearch::index
