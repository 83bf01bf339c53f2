// Reading and checking a search's parameters.
#include "api/search_params.h"

#include <vector>

#include "index/filters.h"
#include "api/http_error.h"
#include "query/citations.h"

namespace clubsearch::api {

const std::vector<std::string>& filter_names() {
  static const std::vector<std::string> names = index::names_of(index::request_filters());
  return names;
}

namespace {

// The filters of a search of entries (or of papers): each scope has its own.
bool takes_filter(const std::string& name, bool papers) {
  const index::FilterSpec* spec = index::find_request_filter(name);
  return spec != nullptr && index::applies(*spec, papers);
}

}  // namespace

void read_search(const Params& params, PageState& state, bool strict) {
  if (strict) {
    std::set<std::string> known{"q",    "since",    "until", "paper_since", "paper_until", "sort",
                                "page", "per_page", "group", "explain",     "format"};
    for (const std::string& name : filter_names())
      if (takes_filter(name, state.papers)) known.insert(name);
    refuse_unknown(params, known);
  }
  state.q = single(params, "q").value_or("");
  if (state.q.size() > query::kMaxQueryBytes)
    throw HttpError{414,
                    "the query is " + std::to_string(state.q.size()) + " bytes long; at most " +
                        std::to_string(query::kMaxQueryBytes) + " are searched",
                    "q"};
  for (const std::string& name : filter_names()) {
    if (!takes_filter(name, state.papers)) continue;
    const std::vector<std::string> values = params.values(name);
    if (values.size() > index::kMaxValuesPerFilter)
      throw HttpError{
          400, "at most " + std::to_string(index::kMaxValuesPerFilter) + " values of '" + name + "' at once", name};
    for (const std::string& value : values)
      if (!value.empty()) state.filters[name].push_back(value);
  }
  state.since = single(params, "since").value_or("");
  state.until = single(params, "until").value_or("");
  state.paper_since = single(params, "paper_since").value_or("");
  state.paper_until = single(params, "paper_until").value_or("");
  const std::string sort = single(params, "sort").value_or("relevance");
  if (state.papers) {
    if (sort != "relevance" && sort != "discussed" && sort != "newest" && sort != "oldest")
      throw HttpError{400, "'sort' is relevance, discussed, newest or oldest, not '" + sort + "'", "sort"};
  } else if (sort != "relevance" && sort != "newest" && sort != "oldest") {
    throw HttpError{400, "'sort' is relevance, newest or oldest, not '" + sort + "'", "sort"};
  }
  state.sort = sort;
  if (const auto format = single(params, "format")) {
    if (!query::citation_format(*format))
      throw HttpError{400, "'format' is bibtex, ris or csl-json, not '" + *format + "'", "format"};
    state.format = *format;
  }
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
  search.paper_since = state.paper_since;
  search.paper_until = state.paper_until;
  search.scope = state.papers ? query::SearchScope::papers : query::SearchScope::entries;
  search.sort = state.sort == "newest"      ? query::SortOrder::newest
                : state.sort == "oldest"    ? query::SortOrder::oldest
                : state.sort == "discussed" ? query::SortOrder::discussed
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
