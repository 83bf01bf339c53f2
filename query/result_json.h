// The JSON form of search results, shared by `clubsearch --json` and the web API, and
// described by schemas/search-response.schema.json.
#pragma once

#include <nlohmann/json.hpp>

#include "query/search_result.h"

namespace clubsearch::query {

nlohmann::json to_json(const SearchResult& result);
// One result as it appears in "results" (also the body of the API's entry lookups).
nlohmann::json to_json(const SearchHit& hit);
// A paper's own record (index::DocumentType::paper): its identifiers, date and timeline
// of mentions, each with how many months after the paper it came.
nlohmann::json paper_json(const index::Record& paper);

}  // namespace clubsearch::query
