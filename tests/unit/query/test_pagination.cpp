// Pagination never repeats or skips a result: for several queries, every sort order and
// page sizes from 1 to 100, walking the pages yields each match exactly once, in one
// consistent order; totals are exact; date orders are monotone with undated posts last;
// grouping by post gives one result per post with the rest counted.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

#include "query/search_request.h"
#include "query/searcher.h"
#include "tests/unit/query/brute_force.h"
#include "tests/unit/query/query_fixture.h"

using clubsearch::query::SearchHit;
using clubsearch::query::SearchRequest;
using clubsearch::query::SearchResult;
using clubsearch::query::SortOrder;
using namespace clubsearch::test;

namespace {

// Walking every page costs one search each: page sizes that would take more pages than
// this are checked on a sample of pages (the first, some in the middle, the last).
constexpr std::size_t kMaxWalk = 120;

const char* name_of(SortOrder sort) {
  switch (sort) {
    case SortOrder::relevance:
      return "relevance";
    case SortOrder::newest:
      return "newest";
    case SortOrder::oldest:
      return "oldest";
    case SortOrder::discussed:
      return "discussed";
  }
  return "?";
}

struct Case {
  std::string query;
  DocumentSet matches;
  std::map<std::string, std::vector<std::string>> filters;
};

std::vector<Case> cases_of(const FixtureIndex& index) {
  std::vector<Case> cases;
  for (const WordQuery& query : word_queries(index)) cases.push_back({query.text, query.matches, {}});
  // A filtered one: the most common kind among the word "model"'s matches.
  const DocumentSet model = word_matches(index, "model");
  ValueCounts kinds = count_values(index, model, "kind");
  if (!kinds.empty()) {
    const auto top = std::max_element(kinds.begin(), kinds.end(),
                                      [](const auto& a, const auto& b) { return a.second < b.second; });
    Case filtered_case{"model", {}, {{"kind", {top->first}}}};
    SearchRequest request;
    request.filters = filtered_case.filters;
    filtered_case.matches = filtered(index, model, request);
    cases.push_back(std::move(filtered_case));
  }
  return cases;
}

std::string date_of(const FixtureIndex& index, const std::string& id) { return index.document(id).date; }

// The pages `pages` (1-based) of one request; each page's hits in order.
std::map<std::size_t, std::vector<std::string>> pages_of(const FixtureIndex& index, SearchRequest request,
                                                         const std::vector<std::size_t>& pages,
                                                         std::size_t expected_total) {
  std::map<std::size_t, std::vector<std::string>> out;
  for (const std::size_t page : pages) {
    request.page = page;
    CAPTURE(page);
    const SearchResult result = index.searcher->search(request);
    CHECK(result.total == expected_total);
    CHECK(result.total_exact);
    CHECK(result.page == page);
    CHECK(result.per_page == request.per_page);
    const std::size_t start = (page - 1) * request.per_page;
    const std::size_t expected_hits =
        start >= expected_total ? 0 : std::min(request.per_page, expected_total - start);
    // The closest matches that may follow a short first page are not results: they come
    // after the results and are not counted.
    std::size_t results = 0;
    for (const SearchHit& hit : result.hits) {
      if (hit.closest) continue;
      CHECK(results == out[page].size());
      ++results;
      out[page].push_back(hit.id);
    }
    CHECK(results == expected_hits);
    for (std::size_t i = results; i < result.hits.size(); ++i) CHECK(result.hits[i].closest);
  }
  return out;
}

// The full order of a request's results, walked 100 a page.
std::vector<std::string> full_order(const FixtureIndex& index, SearchRequest request,
                                    std::size_t expected_total) {
  request.per_page = 100;
  std::vector<std::size_t> pages;
  for (std::size_t page = 1; (page - 1) * 100 < expected_total || page == 1; ++page) pages.push_back(page);
  std::vector<std::string> order;
  for (const auto& [page, ids] : pages_of(index, request, pages, expected_total))
    order.insert(order.end(), ids.begin(), ids.end());
  return order;
}

void check_dates_monotone(const FixtureIndex& index, const std::vector<std::string>& order, SortOrder sort) {
  if (sort == SortOrder::relevance) return;
  bool seen_undated = false;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const std::string date = date_of(index, order[i]);
    if (date.empty()) {
      seen_undated = true;
      continue;
    }
    CAPTURE(i);
    CAPTURE(date);
    CHECK_MESSAGE(!seen_undated, "a dated result after an undated one");
    if (i > 0 && !date_of(index, order[i - 1]).empty()) {
      const std::string before = date_of(index, order[i - 1]);
      CAPTURE(before);
      CHECK((sort == SortOrder::newest ? before >= date : before <= date));
    }
  }
}

}  // namespace

TEST_CASE("walking all pages yields every match exactly once, in every sort order and page size") {
  for (const FixtureIndex* index : all_fixture_indexes()) {
    CAPTURE(index->name);
    for (const Case& each : cases_of(*index)) {
      CAPTURE(each.query);
      CAPTURE(each.filters.size());
      const std::set<std::string> expected = ids_of(*index, each.matches);
      for (const SortOrder sort : {SortOrder::relevance, SortOrder::newest, SortOrder::oldest}) {
        const std::string order_name = name_of(sort);
        CAPTURE(order_name);
        SearchRequest request;
        request.query = each.query;
        request.filters = each.filters;
        request.sort = sort;
        const std::vector<std::string> order = full_order(*index, request, expected.size());
        const std::set<std::string> unique(order.begin(), order.end());
        CHECK(unique.size() == order.size());  // no repeats
        CHECK(unique == expected);             // no skips, nothing extra
        check_dates_monotone(*index, order, sort);

        for (const std::size_t per_page : {1u, 3u, 10u}) {
          CAPTURE(per_page);
          request.per_page = per_page;
          const std::size_t last_page = std::max<std::size_t>(1, (expected.size() + per_page - 1) / per_page);
          std::vector<std::size_t> pages;
          if (last_page <= kMaxWalk) {
            for (std::size_t page = 1; page <= last_page + 1; ++page) pages.push_back(page);
          } else {
            for (std::size_t page = 1; page <= 10; ++page) pages.push_back(page);
            for (std::size_t page = last_page / 2 - 5; page < last_page / 2 + 5; ++page)
              pages.push_back(page);
            for (std::size_t page = last_page - 9; page <= last_page + 1; ++page) pages.push_back(page);
          }
          // Each page is its slice of the one order: nothing repeated or skipped between pages.
          for (const auto& page_ids : pages_of(*index, request, pages, expected.size())) {
            const auto& page = std::get<0>(page_ids);
            const auto& ids = std::get<1>(page_ids);
            CAPTURE(page);
            const std::size_t start = (page - 1) * per_page;
            CHECK(start + ids.size() <= order.size());
            if (start + ids.size() <= order.size())
              CHECK(ids == std::vector<std::string>(
                               order.begin() + static_cast<std::ptrdiff_t>(start),
                               order.begin() + static_cast<std::ptrdiff_t>(start + ids.size())));
          }
        }
      }
    }
  }
}

TEST_CASE("fewer results than a page are followed by the entries holding most of the words, marked") {
  const FixtureIndex& index = *all_fixture_indexes().front();
  SearchRequest request;
  request.query = "model training";
  request.per_page = 100;
  const SearchResult result = index.searcher->search(request);
  REQUIRE(result.total < request.per_page);
  std::size_t results = 0;
  std::set<std::string> seen;
  for (const SearchHit& hit : result.hits) {
    CHECK(seen.insert(hit.id).second);  // none twice
    if (!hit.closest) {
      ++results;
      continue;
    }
    // A closest match holds some of the words, not all of them.
    const bool model = word_matches(index, "model").count(index.by_id.at(hit.id)) > 0;
    const bool training = completion_matches(index, "training").count(index.by_id.at(hit.id)) > 0;
    CHECK((model || training));
    CHECK_FALSE((model && training));
  }
  CHECK(results == result.total);
  CHECK(result.hits.size() > results);
  CHECK(result.hits.size() <= request.per_page);
  // Not on later pages, not when sorted by date, not for a single word.
  request.sort = SortOrder::newest;
  for (const SearchHit& hit : index.searcher->search(request).hits) CHECK_FALSE(hit.closest);
  request.sort = SortOrder::relevance;
  request.query = "refusal";
  for (const SearchHit& hit : index.searcher->search(request).hits) CHECK_FALSE(hit.closest);
}

TEST_CASE("results by relevance come in order of score") {
  for (const FixtureIndex* index : all_fixture_indexes()) {
    CAPTURE(index->name);
    for (const char* text_text : {"model", "refusal", "model training"}) {
      const std::string text = text_text;
      CAPTURE(text);
      SearchRequest request;
      request.query = text;
      request.per_page = 100;
      const SearchResult result = index->searcher->search(request);
      for (std::size_t i = 1; i < result.hits.size(); ++i)
        if (result.hits[i - 1].closest == result.hits[i].closest)  // each part in its own order
          CHECK(result.hits[i - 1].score >= result.hits[i].score);
    }
  }
}

TEST_CASE("newest and oldest put undated posts last and the rest in date order") {
  // The seed blog has undated posts; the sample blog has one. (Jekyll dates every post of
  // skynettoday by its file name.)
  std::size_t undated_seen = 0;
  for (const FixtureIndex* index : all_fixture_indexes()) {
    CAPTURE(index->name);
    std::size_t undated = 0;
    for (const FixtureDocument& document : index->documents)
      if (document.date.empty()) ++undated;
    undated_seen += undated;
    for (const SortOrder sort : {SortOrder::newest, SortOrder::oldest}) {
      const std::string order_name = name_of(sort);
      CAPTURE(order_name);
      SearchRequest request;
      request.sort = sort;
      const std::vector<std::string> order = full_order(*index, request, index->documents.size());
      REQUIRE(order.size() == index->documents.size());
      check_dates_monotone(*index, order, sort);
      for (std::size_t i = order.size() - undated; i < order.size(); ++i)
        CHECK(date_of(*index, order[i]).empty());
    }
  }
  CHECK(undated_seen > 0);
}

TEST_CASE("grouping by post gives each matching post once, with its other matches counted") {
  for (const FixtureIndex* index : all_fixture_indexes()) {
    CAPTURE(index->name);
    for (const Case& each : cases_of(*index)) {
      CAPTURE(each.query);
      CAPTURE(each.filters.size());
      // Brute force: the matching documents of each post.
      std::map<std::string, std::size_t> per_post;
      for (Xapian::docid docid : each.matches) ++per_post[index->document(docid).post_id];
      for (const SortOrder sort : {SortOrder::relevance, SortOrder::newest}) {
        const std::string order_name = name_of(sort);
        CAPTURE(order_name);
        for (const std::size_t per_page : {3u, 100u}) {
          CAPTURE(per_page);
          SearchRequest request;
          request.query = each.query;
          request.filters = each.filters;
          request.sort = sort;
          request.group_by_post = true;
          request.per_page = per_page;
          const std::size_t last_page = (per_post.size() + per_page - 1) / per_page;
          if (last_page > kMaxWalk) continue;
          std::map<std::string, std::size_t> seen;  // post → more_in_post
          std::size_t represented = 0;
          for (std::size_t page = 1; page <= std::max<std::size_t>(last_page, 1); ++page) {
            request.page = page;
            CAPTURE(page);
            const SearchResult result = index->searcher->search(request);
            CHECK(result.total == per_post.size());
            CHECK(result.total_exact);
            for (const SearchHit& hit : result.hits) {
              CAPTURE(hit.id);
              const std::string post = index->document(hit.id).post_id;
              CHECK_MESSAGE(seen.count(post) == 0, "post " << post << " shown twice");
              seen[post] = hit.more_in_post;
              represented += 1 + hit.more_in_post;
              const auto expected = per_post.find(post);
              REQUIRE(expected != per_post.end());
              CHECK(hit.more_in_post == expected->second - 1);
            }
          }
          CHECK(seen.size() == per_post.size());
          CHECK(represented == each.matches.size());
        }
      }
    }
  }
}

TEST_CASE("a page past the last result is empty and says what page 1 said") {
  // Page 1 of "model training" finds entries holding both words, and of "refusl" the
  // corrected "refusal": a later page that runs out of results must not switch to the
  // relaxed query, nor drop the correction.
  const FixtureIndex& index = sample_blog();
  for (const std::string& text : std::vector<std::string>{"refusal", "model training", "refusl"}) {
    CAPTURE(text);
    SearchRequest request;
    request.query = text;
    request.per_page = 10;
    const SearchResult first = index.searcher->search(request);
    REQUIRE(first.total > 0);
    request.page = first.total / 10 + 2;
    const SearchResult beyond = index.searcher->search(request);
    CHECK(beyond.hits.empty());
    CHECK(beyond.total == first.total);
    CHECK(beyond.relaxed == first.relaxed);
    CHECK(beyond.searched_suggestion == first.searched_suggestion);
    CHECK(beyond.suggestion == first.suggestion);
  }
}

TEST_CASE("grouped, a post's count of further matches is exact even when far more match than a page shows") {
  const FixtureIndex* index = large_blog();
  if (index == nullptr) return;
  // A common word: hundreds of matches, many in each post.
  const DocumentSet matches = word_matches(*index, "model");
  std::map<std::string, std::size_t> per_post;
  for (Xapian::docid docid : matches) ++per_post[index->document(docid).post_id];
  REQUIRE(matches.size() > 500);
  SearchRequest request;
  request.query = "model";
  request.group_by_post = true;
  request.per_page = 3;
  const SearchResult result = index->searcher->search(request);
  CHECK(result.total == per_post.size());
  CHECK(result.total_exact);
  REQUIRE(result.hits.size() == 3);
  for (const SearchHit& hit : result.hits) {
    CAPTURE(hit.id);
    CHECK(hit.more_in_post == per_post.at(index->document(hit.id).post_id) - 1);
  }
}
