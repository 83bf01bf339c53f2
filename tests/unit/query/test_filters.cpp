// Every combination of up to two filters from a sample of values per facet (section,
// source, kind, topic, tag, year, month) and of since/until agrees with a brute-force
// filter over every stored record: OR within a facet, AND across facets, dates inclusive,
// undated posts never in a date range.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "query/search_request.h"
#include "query/searcher.h"
#include "tests/unit/query/brute_force.h"
#include "tests/unit/query/query_fixture.h"

using clubsearch::query::SearchHit;
using clubsearch::query::SearchRequest;
using clubsearch::query::SearchResult;
using namespace clubsearch::test;

namespace {

// Result sets up to this size are compared in full; larger ones by their total and the
// first and last pages (each page of 100 costs a search).
constexpr std::size_t kFullComparison = 500;

struct Filter {
  std::string facet;  // a facet or filter name, or "since" / "until"
  std::string value;
};

std::string describe(const std::vector<Filter>& filters) {
  std::ostringstream out;
  for (const Filter& filter : filters) out << filter.facet << "='" << filter.value << "' ";
  return out.str();
}

// A sample of each facet's values: the most and least common, one typed in other case,
// one that nothing has; and a sample of date bounds, one of them a post's exact date.
std::vector<Filter> sample_filters(const FixtureIndex& index) {
  const DocumentSet everything = all_documents(index);
  std::vector<Filter> filters;
  for (const char* facet : {"section", "source", "kind", "topic", "tag", "year", "month"}) {
    const ValueCounts counts = count_values(index, everything, facet);
    if (counts.empty()) continue;
    const auto most = std::max_element(counts.begin(), counts.end(),
                                       [](const auto& a, const auto& b) { return a.second < b.second; });
    const auto least = std::min_element(counts.begin(), counts.end(),
                                        [](const auto& a, const auto& b) { return a.second < b.second; });
    filters.push_back({facet, most->first});
    if (least->first != most->first) filters.push_back({facet, least->first});
  }
  const ValueCounts sources = count_values(index, everything, "source");
  if (!sources.empty()) {
    std::string upper = sources.begin()->first;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; });
    filters.push_back({"source", upper});
  }
  filters.push_back({"kind", "no-such-kind"});
  filters.push_back({"year", "1999"});

  // Date bounds around the median dated document, so each bound splits the corpus.
  std::vector<std::string> dates;
  for (const FixtureDocument& document : index.documents)
    if (!document.date.empty()) dates.push_back(document.date);
  std::sort(dates.begin(), dates.end());
  REQUIRE(!dates.empty());
  const std::string middle = dates[dates.size() / 2];
  filters.push_back({"since", middle});  // inclusive: the documents of that very day match
  filters.push_back({"until", middle});
  filters.push_back({"since", middle.substr(0, 7)});
  filters.push_back({"until", middle.substr(0, 4)});
  filters.push_back({"since", "1900"});  // every dated document, no undated one
  return filters;
}

SearchRequest request_of(const std::string& query, const std::vector<Filter>& filters) {
  SearchRequest request;
  request.query = query;
  for (const Filter& filter : filters) {
    if (filter.facet == "since")
      request.since = filter.value;
    else if (filter.facet == "until")
      request.until = filter.value;
    else
      request.filters[filter.facet].push_back(filter.value);
  }
  return request;
}

void check_against_brute_force(const FixtureIndex& index, const WordQuery& query,
                               const std::vector<Filter>& filters) {
  SearchRequest request = request_of(query.text, filters);
  const std::set<std::string> expected = ids_of(index, filtered(index, query.matches, request));
  request.per_page = 100;
  const SearchResult first = index.searcher->search(request);
  CHECK(first.total == expected.size());
  CHECK(first.total_exact);
  CHECK_FALSE(first.relaxed);
  CHECK_FALSE(first.searched_suggestion);

  const std::size_t pages = std::max<std::size_t>(1, (expected.size() + 99) / 100);
  std::vector<std::size_t> to_read{1};
  if (expected.size() <= kFullComparison)
    for (std::size_t page = 2; page <= pages; ++page) to_read.push_back(page);
  else
    to_read.push_back(pages);
  std::set<std::string> found;
  std::size_t read = 0;
  request.count_facets = false;
  for (const std::size_t page : to_read) {
    request.page = page;
    const SearchResult result = page == 1 ? first : index.searcher->search(request);
    for (const SearchHit& hit : result.hits) {
      found.insert(hit.id);
      ++read;
      if (expected.count(hit.id) == 0) {
        const FixtureDocument& wrong = index.document(hit.id);
        FAIL_CHECK("result " << hit.id << " (" << wrong.type << ", dated '" << wrong.date
                             << "') does not pass the filters");
      }
    }
  }
  CHECK(read == found.size());
  if (expected.size() <= kFullComparison) {
    for (const std::string& id : expected)
      if (found.count(id) == 0) {
        const FixtureDocument& missing = index.document(id);
        FAIL_CHECK("document " << id << " (" << missing.type << ", dated '" << missing.date
                               << "') passes the filters but was not found");
      }
  }
}

}  // namespace

TEST_CASE("every single filter and every pair of filters agrees with the brute-force filter") {
  for (const FixtureIndex* index : all_fixture_indexes()) {
    CAPTURE(index->name);
    const std::vector<Filter> filters = sample_filters(*index);
    std::vector<WordQuery> queries;
    for (WordQuery& query : word_queries(*index))
      if (query.text == "" || query.text == "model") queries.push_back(std::move(query));
    for (const WordQuery& query : queries) {
      CAPTURE(query.text);
      for (std::size_t i = 0; i < filters.size(); ++i) {
        for (std::size_t k = i; k < filters.size(); ++k) {
          std::vector<Filter> combination{filters[i]};
          if (k != i) combination.push_back(filters[k]);
          // since and until are one value each: a second one would replace the first.
          if (k != i && filters[i].facet == filters[k].facet &&
              (filters[i].facet == "since" || filters[i].facet == "until"))
            continue;
          SearchRequest request = request_of(query.text, combination);
          if (!request.since.empty() && !request.until.empty() &&
              first_day(request.since) > last_day(request.until))
            continue;  // refused as a bad request, tested elsewhere
          const std::string combination_text = describe(combination);
          CAPTURE(combination_text);
          check_against_brute_force(*index, query, combination);
        }
      }
    }
  }
}

TEST_CASE("values of one facet widen the results and facets narrow each other") {
  const FixtureIndex& index = sample_blog();
  const DocumentSet everything = all_documents(index);
  const auto size_with = [&](std::map<std::string, std::vector<std::string>> filters) {
    SearchRequest request;
    request.filters = std::move(filters);
    return index.searcher->search(request).total;
  };
  const std::size_t arxiv = size_with({{"source", {"arXiv"}}});
  const std::size_t lesswrong = size_with({{"source", {"LessWrong"}}});
  const std::size_t either = size_with({{"source", {"arXiv", "LessWrong"}}});
  CHECK(arxiv > 0);
  CHECK(lesswrong > 0);
  CHECK(either == arxiv + lesswrong);  // no entry links to both
  const std::size_t papers = size_with({{"kind", {"paper"}}});
  const std::size_t arxiv_papers = size_with({{"source", {"arXiv"}}, {"kind", {"paper"}}});
  CHECK(arxiv_papers <= std::min(arxiv, papers));
  CHECK(arxiv_papers == filtered(index, everything,
                                 [] {
                                   SearchRequest request;
                                   request.filters = {{"source", {"arXiv"}}, {"kind", {"paper"}}};
                                   return request;
                                 }())
                            .size());
}

TEST_CASE("an empty list of values for a filter filters nothing") {
  const FixtureIndex& index = sample_blog();
  SearchRequest request;
  request.filters["source"] = {};
  const SearchResult result = index.searcher->search(request);
  CHECK(result.total == index.documents.size());
  const clubsearch::query::Facet* source = facet_named(result, "source");
  REQUIRE(source != nullptr);
  for (const auto& value : source->values) CHECK_FALSE(value.selected);
}

TEST_CASE("undated posts never match a date range, however wide") {
  std::size_t undated = 0;  // the sample blog and the seed blog have undated documents
  for (const FixtureIndex* index : all_fixture_indexes()) {
    CAPTURE(index->name);
    std::size_t dated = 0;
    for (const FixtureDocument& document : index->documents)
      if (!document.date.empty()) ++dated;
    undated += index->documents.size() - dated;
    for (const auto& since_until : std::vector<std::pair<std::string, std::string>>{
             {"1900", ""}, {"", "2999"}, {"1900-01-01", "2999-12-31"}}) {
      const auto& since = std::get<0>(since_until);
      const auto& until = std::get<1>(since_until);
      CAPTURE(since);
      CAPTURE(until);
      SearchRequest request;
      request.since = since;
      request.until = until;
      request.per_page = 100;
      const SearchResult result = index->searcher->search(request);
      CHECK(result.total == dated);
      for (const SearchHit& hit : result.hits) CHECK_FALSE(index->document(hit.id).date.empty());
    }
  }
  CHECK(undated > 0);
}

TEST_CASE("since and until are inclusive: a one-day range finds that day's posts") {
  const FixtureIndex& index = sample_blog();
  // The sample blog's 2024-06-21 Journal Club.
  SearchRequest request;
  request.since = "2024-06-21";
  request.until = "2024-06-21";
  request.per_page = 100;
  const SearchResult result = index.searcher->search(request);
  REQUIRE(result.total > 0);
  for (const SearchHit& hit : result.hits) CHECK(index.document(hit.id).date == "2024-06-21");
  request.since = "2024-06-22";
  request.until = "";
  const SearchResult after = index.searcher->search(request);
  request.since = "";
  request.until = "2024-06-20";
  const SearchResult before = index.searcher->search(request);
  std::size_t dated = 0;
  for (const FixtureDocument& document : index.documents)
    if (!document.date.empty()) ++dated;
  CHECK(before.total + result.total + after.total == dated);
}
