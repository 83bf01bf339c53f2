// A search as the API (and the page) is asked it: its parameters read into a PageState,
// with the limits on what a request may ask, and the SearchRequest it becomes.
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "api/params.h"
#include "query/search_request.h"
#include "query/search_result.h"

namespace clubsearch::api {

// What a search asks, as its URL says it: the API's parameters, and the page's (which
// leaves defaults out of its links).
struct PageState {
  std::string q;
  std::map<std::string, std::vector<std::string>> filters;  // section, source, kind, topic, tag, year, month
  std::string since, until;
  std::string paper_since, paper_until;  // the papers' own dates
  std::string sort = "relevance";
  bool papers = false;  // papers (/api/papers), not entries and posts
  std::string format;   // bibtex, ris or csl-json: the page's citations instead of JSON (the API only)
  std::size_t page = 1;
  std::size_t per_page = 10;
  bool group = false;
  bool explain = false;  // each result says what its score is made of (the API only)
  std::string related;  // an entry id: list the entries like it instead of searching
};

// The facet filters a search takes, each a repeatable parameter (index::request_filters();
// the limits on what a request may ask are query::kMax… and index::kMaxValuesPerFilter).
const std::vector<std::string>& filter_names();

// Reads a search's parameters into `state`, which keeps what was read before a bad
// value stopped it (the page shows the query back with the error). Throws HttpError.
// Strict (the API): a parameter it does not know is refused; else (the page) ignored, so
// that a shared link with a tracker's parameter still works.
// `state.papers` says which search it is (its filters and sorts): set it first.
void read_search(const Params& params, PageState& state, bool strict);

// The search `state` asks, with facets counted.
query::SearchRequest request_of(const PageState& state);

// A page past the last one is not there: throws HttpError 404, saying how many pages
// there are.
void check_page(const query::SearchRequest& search, const query::SearchResult& result);

// The `limit` of a related listing (its only parameter): 10 unless given, at most
// query::kMaxRelated. Throws HttpError.
std::size_t related_limit(const Params& params);

// A parameter name of the query layer ("filter.source", "since") as the API spells it.
std::string api_parameter(const std::string& parameter);

}  // namespace clubsearch::api
