// Fuzz target: a query string and a search's other parameters → the Searcher's results
// on the sample blog's index, → their JSON. The input's first line is the query; each
// further line is `name=value`: since, until, paper_since, paper_until, sort, page,
// per_page, group, explain, scope (papers), or a facet filter's name (any other name is
// a filter the Searcher must refuse). QueryError and RequestError are the Searcher's
// refusals; anything else escaping, a result out of its bounds, or a sanitizer's report,
// is a defect.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "api/answers.h"
#include "query/result_json.h"
#include "query/search_request.h"
#include "tests/fuzz/fuzz_target.h"
#include "tests/fuzz/small_index.h"

using namespace clubsearch;

namespace {

// A page number as far as the limits let a front end ask (query/search_request.h), and
// one past them.
std::size_t bounded_number(const std::string& text, std::size_t high) {
  std::size_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') break;
    value = std::min(value * 10 + static_cast<std::size_t>(c - '0'), high + 1);
  }
  return value;
}

query::SortOrder sort_of(const std::string& text) {
  if (text == "newest") return query::SortOrder::newest;
  if (text == "oldest") return query::SortOrder::oldest;
  if (text == "discussed") return query::SortOrder::discussed;
  return query::SortOrder::relevance;
}

query::SearchRequest request_of(std::string_view input) {
  query::SearchRequest request;
  const std::size_t first_end = input.find('\n');
  request.query = std::string(input.substr(0, first_end));
  if (first_end == std::string_view::npos) return request;
  std::string_view rest = input.substr(first_end + 1);
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    const std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    const std::size_t equals = line.find('=');
    const std::string name(line.substr(0, equals));
    const std::string value(equals == std::string_view::npos ? std::string_view() : line.substr(equals + 1));
    if (name == "since")
      request.since = value;
    else if (name == "until")
      request.until = value;
    else if (name == "paper_since")
      request.paper_since = value;
    else if (name == "paper_until")
      request.paper_until = value;
    else if (name == "sort")
      request.sort = sort_of(value);
    else if (name == "page")
      request.page = bounded_number(value, query::kMaxDepth);
    else if (name == "per_page")
      request.per_page = bounded_number(value, query::kMaxPerPage);
    else if (name == "group")
      request.group_by_post = value == "1";
    else if (name == "explain")
      request.explain = value == "1";
    else if (name == "facets")
      request.count_facets = value == "1";
    else if (name == "exact")
      request.exact_total = value == "1";
    else if (name == "scope")
      request.scope = value == "papers" ? query::SearchScope::papers : query::SearchScope::entries;
    else
      request.filters[name].push_back(value);
  }
  return request;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)fuzz::small_index_searcher();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The server searches at most kMaxQueryBytes of query text; the other lines are short.
  if (size > query::kMaxQueryBytes + 512) return -1;
  const query::SearchRequest request =
      request_of(std::string_view(reinterpret_cast<const char*>(data), size));
  query::SearchResult result;
  try {
    result = fuzz::small_index_searcher().search(request);
  } catch (const query::QueryError&) {
    return 0;
  } catch (const query::RequestError&) {
    return 0;
  }
  if (result.hits.size() > request.per_page) fuzz::broken("more hits than a page holds");
  // A page past the last one is empty; a page's matches are within an exact total (the
  // closest entries that may follow them are not matches).
  const auto matches = static_cast<std::size_t>(std::count_if(
      result.hits.begin(), result.hits.end(), [](const query::SearchHit& hit) { return !hit.closest; }));
  if (result.total_exact && matches > 0 && result.total < (result.page - 1) * result.per_page + matches)
    fuzz::broken("an exact total below the matches shown");
  const std::string body = api::body_text(query::to_json(result));
  if (!nlohmann::json::accept(body)) fuzz::broken("the result's JSON does not read back");
  return 0;
}
