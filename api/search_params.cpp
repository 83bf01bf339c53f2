// Reading and checking a search's parameters.
#include "api/search_params.h"

#include <vector>

#include "index/filters.h"
#include "api/http_error.h"

namespace clubsearch::api {

const std::vector<std::string>& filter_names() {
  static const std::vector<std::string> names = index::names_of(index::request_filters());
  return names;
}

void read_search(const Params& params, PageState& state, bool strict) {
  if (strict) {
    std::set<std::string> known{"q", "since", "until", "sort", "page", "per_page", "group", "explain"};
    known.insert(filter_names().begin(), filter_names().end());
    refuse_unknown(params, known);
  }
  state.q = single(params, "q").value_or("");
  if (state.q.size() > query::kMaxQueryBytes)
    throw HttpError{414,
                    "the query is " + std::to_string(state.q.size()) + " bytes long; at most " +
                        std::to_string(query::kMaxQueryBytes) + " are searched",
                    "q"};
  for (const std::string& name : filter_names()) {
    const std::vector<std::string> values = params.values(name);
    if (values.size() > index::kMaxValuesPerFilter)
      throw HttpError{
          400, "at most " + std::to_string(index::kMaxValuesPerFilter) + " values of '" + name + "' at once", name};
    for (const std::string& value : values)
      if (!value.empty()) state.filters[name].push_back(value);
  }
  state.since = single(params, "since").value_or("");
  state.until = single(params, "until").value_or("");
  const std::string sort = single(params, "sort").value_or("relevance");
  if (sort != "relevance" && sort != "newest" && sort != "oldest")
    throw HttpError{400, "'sort' is relevance, newest or oldest, not '" + sort + "'", "sort"};
  state.sort = sort;
  if (const auto page = single(params, "page")) state.page = number(*page, "page", 1, 1'000'000);
  if (const auto per_page = single(params, "per_page"))
    state.per_page = number(*per_page, "per_page", 1, query::kMaxPerPage);
  if (const auto group = single(params, "group")) state.group = flag(*group, "group");
  if (const auto explain = single(params, "explain")) state.explain = flag(*explain, "explain");
}

query::SearchRequest request_of(const PageState& state) {
  query::SearchRequest search;
  search.query = state.q;
  search.filters = state.filters;
  search.since = state.since;
  search.until = state.until;
  search.sort = state.sort == "newest"   ? query::SortOrder::newest
                : state.sort == "oldest" ? query::SortOrder::oldest
                                         : query::SortOrder::relevance;
  search.page = state.page;
  search.per_page = state.per_page;
  search.group_by_post = state.group;
  search.count_facets = true;
  search.explain = state.explain;
  return search;
}

void check_page(const query::SearchRequest& search, const query::SearchResult& result) {
  const std::size_t pages = (result.total + search.per_page - 1) / search.per_page;
  if (search.page > 1 && result.hits.empty() && result.total_exact)
    throw HttpError{404,
                    "page " + std::to_string(search.page) + " is beyond the last page of results (" +
                        std::to_string(pages) + ")",
                    "page"};
}

std::size_t related_limit(const Params& params) {
  refuse_unknown(params, {"limit"});
  std::size_t limit = 10;
  if (const auto given = single(params, "limit")) limit = number(*given, "limit", 1, query::kMaxRelated);
  return limit;
}

std::string api_parameter(const std::string& parameter) {
  return parameter.rfind("filter.", 0) == 0 ? parameter.substr(7) : parameter;
}

}  // namespace clubsearch::api
