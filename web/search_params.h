// A search as the page and the API are asked it: its parameters read into a PageState,
// with the limits on what a request may ask, and the SearchRequest it becomes.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "query/search_request.h"
#include "query/search_result.h"
#include "web/page.h"
#include "web/params.h"

namespace clubsearch::web {

// The facet filters a search takes, each a repeatable parameter (index::request_filters();
// the limits on what a request may ask are query::kMax… and index::kMaxValuesPerFilter).
const std::vector<std::string>& filter_names();

// Reads a search's parameters into `state`, which keeps what was read before a bad
// value stopped it (the page shows the query back with the error). Throws HttpError.
// Strict (the API): a parameter it does not know is refused; else (the page) ignored, so
// that a shared link with a tracker's parameter still works.
void read_search(const Params& params, PageState& state, bool strict);

// The search `state` asks, with facets counted.
query::SearchRequest request_of(const PageState& state);

// A page past the last one is not there: throws HttpError 404, saying how many pages
// there are.
void check_page(const query::SearchRequest& search, const query::SearchResult& result);

// A parameter name of the query layer ("filter.source", "since") as the API spells it.
std::string api_parameter(const std::string& parameter);

}  // namespace clubsearch::web
