// Search: a SearchRequest against an index → a SearchResult of entries with snippets.
// (Facets, filters, suggestions and sorting build on this; see docs/query-syntax.md.)
#pragma once

#include <xapian.h>

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "schemas/index_schema.h"

namespace clubsearch::query {

// The query text cannot be parsed; says why.
class QueryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SearchRequest {
  std::string query;
  std::size_t offset = 0;
  std::size_t limit = 10;
};

// A piece of a snippet: text that matched the query is marked, so each front end can
// highlight it in its own way (and escape it for its own medium).
struct SnippetPart {
  std::string text;
  bool match = false;
};

struct SearchHit {
  std::string id;
  double score = 0;
  nlohmann::json record;  // the document's stored record (see indexer/document_builder.cpp)
  std::vector<SnippetPart> snippet;
};

struct SearchResult {
  std::string query;
  std::size_t total = 0;  // estimated number of matches
  bool total_exact = false;
  std::vector<SearchHit> hits;
};

SearchResult search(const Xapian::Database& db, const schemas::IndexSchema& schema,
                    const SearchRequest& request);

}  // namespace clubsearch::query
