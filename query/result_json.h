// The JSON form of search results, shared by `clubsearch --json` and the web API, and
// described by schemas/search-response.schema.json.
#pragma once

#include <nlohmann/json.hpp>

#include "query/search_result.h"

namespace clubsearch::query {

nlohmann::json to_json(const SearchResult& result);
// One result as it appears in "results" (also the body of the API's entry lookups).
nlohmann::json to_json(const SearchHit& hit);

}  // namespace clubsearch::query
