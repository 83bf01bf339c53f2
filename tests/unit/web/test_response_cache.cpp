// The answer cache: found by key, within its byte budget, least recently used out first.
#include <doctest/doctest.h>

#include "web/response_cache.h"

using clubsearch::web::ResponseCache;

namespace {

bool has(ResponseCache& cache, const std::string& key) { return cache.find(key) != nullptr; }

}  // namespace

TEST_SUITE("response cache") {
  TEST_CASE("an answer kept is found by its key, the same body") {
    ResponseCache cache(1000);
    CHECK(!has(cache, "a"));
    cache.add("a", "body of a");
    REQUIRE(has(cache, "a"));
    CHECK(*cache.find("a") == "body of a");
    // A key kept once keeps its first body.
    cache.add("a", "another body");
    CHECK(*cache.find("a") == "body of a");
  }

  TEST_CASE("past the budget, the least recently used go first") {
    // Each key and body take 1 + 99 = 100 bytes: ten fit in 1000.
    ResponseCache cache(1000);
    const std::string body(99, 'x');
    for (char key = 'a'; key <= 'j'; ++key) cache.add(std::string(1, key), body);
    for (char key = 'a'; key <= 'j'; ++key) CHECK(has(cache, std::string(1, key)));
    // "a" was found last of all above: "b" is now the least recently used.
    CHECK(has(cache, "a"));
    cache.add("k", body);
    CHECK(!has(cache, "b"));
    CHECK(has(cache, "a"));
    CHECK(has(cache, "k"));
    // Room for a larger answer is made by dropping as many as it takes.
    cache.add("l", std::string(120, 'y'));
    CHECK(!has(cache, "c"));
    CHECK(!has(cache, "d"));
    CHECK(has(cache, "e"));
    CHECK(has(cache, "l"));
  }

  TEST_CASE("an answer larger than an eighth of the budget is not kept") {
    ResponseCache cache(800);
    cache.add("k", std::string(99, 'x'));   // 100 bytes: kept
    cache.add("l", std::string(100, 'x'));  // 101: not
    CHECK(has(cache, "k"));
    CHECK(!has(cache, "l"));
  }

  TEST_CASE("keys differ by route, epoch and parameters") {
    using clubsearch::web::cache_key;
    CHECK(cache_key("api", 1,
                    "q\x1f"
                    "a\x1e") == cache_key("api", 1,
                                          "q\x1f"
                                          "a\x1e"));
    CHECK(cache_key("api", 1,
                    "q\x1f"
                    "a\x1e") != cache_key("api", 2,
                                          "q\x1f"
                                          "a\x1e"));
    CHECK(cache_key("api", 1,
                    "q\x1f"
                    "a\x1e") != cache_key("page", 1,
                                          "q\x1f"
                                          "a\x1e"));
    CHECK(cache_key("api", 1, "") != cache_key("api", 11, ""));
  }
}
