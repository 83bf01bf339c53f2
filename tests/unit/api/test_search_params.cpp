// A search's parameters read into a PageState, the refusals of what a search may not ask,
// and the SearchRequest a state becomes.
#include <doctest/doctest.h>

#include "api/http_error.h"
#include "api/search_params.h"

using clubsearch::query::SearchRequest;
using clubsearch::query::SearchResult;
using clubsearch::query::SortOrder;
using clubsearch::api::HttpError;
using clubsearch::api::PageState;
using clubsearch::api::Params;

namespace {

PageState read(const std::string& target, bool strict = true) {
  PageState state;
  clubsearch::api::read_search(Params(target), state, strict);
  return state;
}

// The refusal of reading `target`, with the state as far as it was read.
std::pair<HttpError, PageState> refusal(const std::string& target, bool strict = true) {
  PageState state;
  try {
    clubsearch::api::read_search(Params(target), state, strict);
  } catch (const HttpError& error) {
    return {error, state};
  }
  FAIL("no HttpError for " << target);
  return {HttpError{0, ""}, state};
}

}  // namespace

TEST_SUITE("search params") {
  TEST_CASE("every parameter of a search, read into the state") {
    const PageState state = read(
        "/?q=sparse+autoencoders&source=arXiv&source=Anthropic&kind=paper&since=2024&until=2025-06"
        "&sort=newest&page=2&per_page=25&group=true");
    CHECK(state.q == "sparse autoencoders");
    CHECK(state.filters.at("source") == std::vector<std::string>{"arXiv", "Anthropic"});
    CHECK(state.filters.at("kind") == std::vector<std::string>{"paper"});
    CHECK(state.since == "2024");
    CHECK(state.until == "2025-06");
    CHECK(state.sort == "newest");
    CHECK(state.page == 2);
    CHECK(state.per_page == 25);
    CHECK(state.group);
  }

  TEST_CASE("defaults, and empty filter values left out") {
    const PageState state = read("/?topic=&year=2024");
    CHECK(state.q.empty());
    CHECK(state.filters.count("topic") == 0);
    CHECK(state.filters.at("year") == std::vector<std::string>{"2024"});
    CHECK(state.sort == "relevance");
    CHECK(state.page == 1);
    CHECK(state.per_page == 10);
    CHECK(!state.group);
  }

  TEST_CASE("what a search may not ask, each refused with its status and parameter") {
    struct Case {
      std::string target;
      int status;
      std::string message;
      std::string parameter;
    };
    const std::vector<Case> cases{
        {"/?q=" + std::string(1025, 'a'), 414, "the query is 1025 bytes long; at most 1024 are searched",
         "q"},
        {"/?q=a&colour=red", 400,
         "unknown parameter 'colour'; this route takes explain, format, group, kind, month, page, paper_since, "
         "paper_until, paperyear, per_page, q, section, since, sort, source, tag, topic, until, year",
         "colour"},
        {"/?sort=best", 400, "'sort' is relevance, newest or oldest, not 'best'", "sort"},
        {"/?page=0", 400, "'page' must be a whole number from 1 to 1000000, not '0'", "page"},
        {"/?per_page=101", 400, "'per_page' must be a whole number from 1 to 100, not '101'", "per_page"},
        {"/?q=a&q=b", 400, "'q' is given 2 times; give it once", "q"},
        {"/?group=maybe", 400, "'group' must be true or false, not 'maybe'", "group"},
    };
    for (const Case& each : cases) {
      CAPTURE(each.target);
      const HttpError error = refusal(each.target).first;
      CHECK(error.status == each.status);
      CHECK(error.message == each.message);
      CHECK(error.parameter == each.parameter);
    }
  }

  TEST_CASE("at most 32 values of one filter") {
    std::string target = "/?q=a";
    for (int i = 0; i < 32; ++i) target += "&source=s" + std::to_string(i);
    CHECK(read(target).filters.at("source").size() == 32);
    const HttpError error = refusal(target + "&source=one-more").first;
    CHECK(error.status == 400);
    CHECK(error.message == "at most 32 values of 'source' at once");
    CHECK(error.parameter == "source");
  }

  TEST_CASE("the page ignores parameters it does not know, and keeps what it read before a refusal") {
    CHECK(read("/?q=model&utm_source=feed", false).q == "model");
    const auto [error, state] = refusal("/?q=model&kind=paper&sort=best", false);
    CHECK(error.parameter == "sort");
    CHECK(state.q == "model");
    CHECK(state.filters.at("kind") == std::vector<std::string>{"paper"});
  }

  TEST_CASE("the request a state becomes, facets counted") {
    PageState state;
    state.q = "model";
    state.filters["kind"] = {"paper"};
    state.since = "2024";
    state.sort = "oldest";
    state.page = 3;
    state.per_page = 5;
    state.group = true;
    const SearchRequest search = clubsearch::api::request_of(state);
    CHECK(search.query == "model");
    CHECK(search.filters == state.filters);
    CHECK(search.since == "2024");
    CHECK(search.sort == SortOrder::oldest);
    CHECK(search.page == 3);
    CHECK(search.per_page == 5);
    CHECK(search.group_by_post);
    CHECK(search.count_facets);
    state.sort = "relevance";
    CHECK(clubsearch::api::request_of(state).sort == SortOrder::relevance);
  }

  TEST_CASE("a search of papers takes their filters and sorts, and the papers' dates and a format") {
    PageState state;
    state.papers = true;
    clubsearch::api::read_search(
        Params("/api/papers?discussed=2&paperyear=2017&sort=discussed&paper_since=2016&paper_until=2018-06&format=ris"),
        state, true);
    CHECK(state.filters.at("discussed") == std::vector<std::string>{"2"});
    CHECK(state.filters.at("paperyear") == std::vector<std::string>{"2017"});
    CHECK(state.format == "ris");
    const SearchRequest search = clubsearch::api::request_of(state);
    CHECK(search.scope == clubsearch::query::SearchScope::papers);
    CHECK(search.sort == SortOrder::discussed);
    CHECK(search.paper_since == "2016");
    CHECK(search.paper_until == "2018-06");
    // Papers have no section; entries no number of posts, nor that order.
    PageState papers;
    papers.papers = true;
    CHECK_THROWS_AS(clubsearch::api::read_search(Params("/api/papers?section=blog"), papers, true), HttpError);
    PageState entries;
    CHECK_THROWS_AS(clubsearch::api::read_search(Params("/api/search?discussed=2"), entries, true), HttpError);
    CHECK_THROWS_AS(clubsearch::api::read_search(Params("/api/search?sort=discussed"), entries, true), HttpError);
    CHECK_THROWS_AS(clubsearch::api::read_search(Params("/api/search?format=pdf"), entries, true), HttpError);
    CHECK(clubsearch::api::request_of(entries).scope == clubsearch::query::SearchScope::entries);
  }

  TEST_CASE("a page past the last one is 404, saying how many there are") {
    SearchRequest search;
    search.page = 4;
    search.per_page = 10;
    SearchResult result;
    result.total = 25;
    result.total_exact = true;
    HttpError error{0, ""};
    try {
      clubsearch::api::check_page(search, result);
      FAIL("no refusal");
    } catch (const HttpError& refused) {
      error = refused;
    }
    CHECK(error.status == 404);
    CHECK(error.message == "page 4 is beyond the last page of results (3)");
    CHECK(error.parameter == "page");
    // The first page is there even when empty, and an estimate is no proof.
    search.page = 1;
    clubsearch::api::check_page(search, result);
    search.page = 4;
    result.total_exact = false;
    clubsearch::api::check_page(search, result);
  }

  TEST_CASE("the query layer's parameter names as the API spells them") {
    CHECK(clubsearch::api::api_parameter("filter.source") == "source");
    CHECK(clubsearch::api::api_parameter("since") == "since");
  }
}
