// Facet counts checked against a brute-force count of the stored records over the same
// corpus: for the empty query and word queries, and with filters selected, where each
// facet is counted as if its own filter were not applied (disjunctive faceting).
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "query/search_request.h"
#include "query/searcher.h"
#include "tests/unit/query/brute_force.h"
#include "tests/unit/query/query_fixture.h"

using clubsearch::query::facet_names;
using clubsearch::query::SearchRequest;
using clubsearch::query::SearchResult;
using namespace clubsearch::test;

namespace {

std::string difference(const ValueCounts& actual, const ValueCounts& expected) {
  std::ostringstream out;
  for (const auto& [value, count] : expected) {
    const auto found = actual.find(value);
    const std::size_t got = found == actual.end() ? 0 : found->second;
    if (got != count) out << "'" << value << "': expected " << count << ", counted " << got << "; ";
  }
  for (const auto& [value, count] : actual)
    if (expected.count(value) == 0) out << "'" << value << "': expected none, counted " << count << "; ";
  return out.str();
}

void check_counts(const ValueCounts& actual, const ValueCounts& expected) {
  CHECK_MESSAGE(actual == expected, difference(actual, expected));
}

// The values most documents of `documents` have for `facet`, most frequent first.
std::vector<std::string> common_values(const FixtureIndex& index, const DocumentSet& documents,
                                       const std::string& facet, std::size_t how_many) {
  const ValueCounts counts = count_values(index, documents, facet);
  std::vector<std::pair<std::string, std::size_t>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < sorted.size() && i < how_many; ++i) out.push_back(sorted[i].first);
  return out;
}

// Every facet of `result` against the brute force over `matches` narrowed by the
// request's filters, each facet without its own filter; and which values are selected.
void check_disjunctive_facets(const FixtureIndex& index, const SearchRequest& request,
                              const DocumentSet& matches, const SearchResult& result) {
  CHECK(result.total == filtered(index, matches, request).size());
  CHECK(result.total_exact);
  REQUIRE(result.facets.size() == facet_names().size());
  for (std::size_t i = 0; i < facet_names().size(); ++i) {
    const std::string& name = facet_names()[i];
    CAPTURE(name);
    const clubsearch::query::Facet& facet = result.facets[i];
    REQUIRE(facet.name == name);
    check_counts(counts_of(facet), count_values(index, filtered(index, matches, request, name), name));

    const auto selection = request.filters.find(name);
    const std::vector<std::string> chosen =
        selection == request.filters.end() ? std::vector<std::string>{} : selection->second;
    for (const clubsearch::query::FacetValue& value : facet.values) {
      CAPTURE(value.value);
      const bool is_chosen = std::any_of(chosen.begin(), chosen.end(), [&](const std::string& want) {
        return lowercase(want) == lowercase(value.value);
      });
      CHECK(value.selected == is_chosen);
    }
    for (const std::string& want : chosen) {
      CAPTURE(want);
      const auto shown = std::count_if(facet.values.begin(), facet.values.end(), [&](const auto& value) {
        return value.selected && lowercase(value.value) == lowercase(want);
      });
      CHECK(shown >= 1);
    }
  }
}

}  // namespace

TEST_CASE("facet counts cover the whole match set and equal a brute-force count of the records") {
  for (const FixtureIndex* index : all_fixture_indexes()) {
    CAPTURE(index->name);
    for (const WordQuery& query : word_queries(*index)) {
      CAPTURE(query.text);
      SearchRequest request;
      request.query = query.text;
      request.per_page = 3;  // counted over every match, not just the page
      const SearchResult result = index->searcher->search(request);
      CHECK_FALSE(result.relaxed);
      CHECK_FALSE(result.searched_suggestion);
      CHECK(result.total == query.matches.size());
      CHECK(result.total_exact);
      REQUIRE(result.facets.size() == facet_names().size());
      for (std::size_t i = 0; i < facet_names().size(); ++i) {
        CAPTURE(facet_names()[i]);
        CHECK(result.facets[i].name == facet_names()[i]);
        check_counts(counts_of(result.facets[i]), count_values(*index, query.matches, facet_names()[i]));
        for (const auto& value : result.facets[i].values) CHECK_FALSE(value.selected);
      }
    }
  }
}

TEST_CASE("facet values come most frequent first, and years and months newest first") {
  for (const FixtureIndex* index : all_fixture_indexes()) {
    CAPTURE(index->name);
    for (const char* text : {"", "model"}) {
      SearchRequest request;
      request.query = text;
      const SearchResult result = index->searcher->search(request);
      for (const clubsearch::query::Facet& facet : result.facets) {
        CAPTURE(facet.name);
        for (std::size_t i = 1; i < facet.values.size(); ++i) {
          const auto& before = facet.values[i - 1];
          const auto& after = facet.values[i];
          CAPTURE(before.value);
          CAPTURE(after.value);
          if (facet.name == "year" || facet.name == "month" || facet.name == "paperyear")
            CHECK(before.value > after.value);
          else
            CHECK((before.count > after.count ||
                   (before.count == after.count && lowercase(before.value) < lowercase(after.value))));
        }
      }
    }
  }
}

TEST_CASE("with filters selected, each facet counts as if its own filter were not applied") {
  for (const FixtureIndex* index : all_fixture_indexes()) {
    CAPTURE(index->name);
    const DocumentSet everything = all_documents(*index);
    const auto sources = common_values(*index, everything, "source", 2);
    const auto kinds = common_values(*index, everything, "kind", 2);
    const auto topics = common_values(*index, everything, "topic", 2);
    const auto years = common_values(*index, everything, "year", 2);
    const auto months = common_values(*index, everything, "month", 1);
    const auto sections = common_values(*index, everything, "section", 1);
    const auto tags = common_values(*index, everything, "tag", 1);
    REQUIRE(sources.size() == 2);
    REQUIRE(kinds.size() == 2);
    REQUIRE(topics.size() == 2);
    REQUIRE(years.size() == 2);

    std::vector<SearchRequest> requests;
    auto add = [&](std::map<std::string, std::vector<std::string>> filters, std::string since = "",
                   std::string until = "") {
      SearchRequest request;
      request.filters = std::move(filters);
      request.since = std::move(since);
      request.until = std::move(until);
      requests.push_back(request);
    };
    add({{"source", {sources[0]}}});
    add({{"source", {sources[0], sources[1]}}});
    add({{"source", {sources[0]}}, {"kind", {kinds[0]}}});
    add({{"kind", {kinds[0], kinds[1]}}, {"topic", {topics[0]}}});
    add({{"topic", {topics[0], topics[1]}}, {"year", {years[0]}}});
    add({{"year", {years[0], years[1]}}, {"source", {sources[1]}}});
    add({{"month", months}});
    add({{"month", months}, {"year", {years[1]}}});
    if (!sections.empty()) add({{"section", sections}, {"kind", {kinds[1]}}});
    if (!tags.empty()) add({{"tag", tags}, {"source", {sources[0]}}});
    add({{"source", {sources[0]}}}, years[1]);
    const std::string early = std::min(years[0], years[1]), late = std::max(years[0], years[1]);
    add({{"kind", {kinds[0]}}, {"year", {years[0]}}}, early + "-03", late + "-09-15");
    add({}, "", years[0]);

    for (const WordQuery& query : word_queries(*index)) {
      if (query.text != "" && query.text != "model" && query.text != "model -training") continue;
      CAPTURE(query.text);
      for (SearchRequest request : requests) {
        request.query = query.text;
        std::ostringstream described;
        for (const auto& [facet, values] : request.filters) {
          described << facet << "=";
          for (const std::string& value : values) described << "'" << value << "' ";
        }
        described << "since=" << request.since << " until=" << request.until;
        const std::string filters = described.str();
        CAPTURE(filters);
        check_disjunctive_facets(*index, request, query.matches, index->searcher->search(request));
      }
    }
  }
}

TEST_CASE("a facet value is selected whatever its case, and counted once") {
  const FixtureIndex& index = sample_blog();
  SearchRequest request;
  request.filters["source"] = {"ARXIV"};
  request.filters["topic"] = {"interpretability"};
  const SearchResult result = index.searcher->search(request);
  check_disjunctive_facets(index, request, all_documents(index), result);
  const clubsearch::query::Facet* source = facet_named(result, "source");
  REQUIRE(source != nullptr);
  const auto arxiv = std::find_if(source->values.begin(), source->values.end(),
                                  [](const auto& value) { return value.value == "arXiv"; });
  REQUIRE(arxiv != source->values.end());
  CHECK(arxiv->selected);
  CHECK(std::none_of(source->values.begin(), source->values.end(),
                     [](const auto& value) { return value.value == "ARXIV"; }));
}

TEST_CASE("selecting one facet value finds as many results as its count said") {
  // What a reader sees next to a value is what a click on it gives.
  for (const FixtureIndex* index : all_fixture_indexes()) {
    CAPTURE(index->name);
    SearchRequest everything;
    const SearchResult result = index->searcher->search(everything);
    for (const clubsearch::query::Facet& facet : result.facets) {
      CAPTURE(facet.name);
      for (const clubsearch::query::FacetValue& value : facet.values) {
        CAPTURE(value.value);
        SearchRequest request;
        request.filters[facet.name] = {value.value};
        request.count_facets = false;
        request.exact_total = true;  // as every front end asks (the page and the API count facets)
        request.per_page = 1;
        const SearchResult selected = index->searcher->search(request);
        CHECK(selected.total == value.count);
      }
    }
  }
}

TEST_CASE("a selected value that nothing matches is still shown, with a count of 0") {
  const FixtureIndex& index = sample_blog();
  SearchRequest request;
  request.filters["source"] = {"No Such Source"};
  const SearchResult result = index.searcher->search(request);
  CHECK(result.total == 0);
  CHECK(result.hits.empty());
  const clubsearch::query::Facet* source = facet_named(result, "source");
  REQUIRE(source != nullptr);
  const auto missing = std::find_if(source->values.begin(), source->values.end(),
                                    [](const auto& value) { return value.value == "No Such Source"; });
  REQUIRE(missing != source->values.end());
  CHECK(missing->count == 0);
  CHECK(missing->selected);
  // The source facet is counted without its own filter: every other source is offered.
  check_counts(counts_of(*source), count_values(index, all_documents(index), "source"));
  // The other facets are counted over the (empty) filtered set.
  for (const char* name_text : {"section", "kind", "topic", "year", "month"}) {
    const std::string name = name_text;
    CAPTURE(name);
    REQUIRE(facet_named(result, name) != nullptr);
    CHECK(facet_named(result, name)->values.empty());
  }
}

TEST_CASE("grouping by post does not change what the facets count") {
  for (const FixtureIndex* index : all_fixture_indexes()) {
    CAPTURE(index->name);
    const auto sources = common_values(*index, all_documents(*index), "source", 1);
    REQUIRE(!sources.empty());
    for (const char* text_text : {"", "model"}) {
      const std::string text = text_text;
      CAPTURE(text);
      SearchRequest request;
      request.query = text;
      request.filters["source"] = sources;
      const SearchResult flat = index->searcher->search(request);
      request.group_by_post = true;
      const SearchResult grouped = index->searcher->search(request);
      REQUIRE(grouped.facets.size() == flat.facets.size());
      for (std::size_t i = 0; i < flat.facets.size(); ++i) {
        CAPTURE(flat.facets[i].name);
        check_counts(counts_of(grouped.facets[i]), counts_of(flat.facets[i]));
      }
    }
  }
}

TEST_CASE("without count_facets no facets are returned") {
  SearchRequest request;
  request.count_facets = false;
  CHECK(sample_blog().searcher->search(request).facets.empty());
}
