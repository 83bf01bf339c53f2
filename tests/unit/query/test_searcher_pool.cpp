// SearcherPool following an index as the indexer updates and rebuilds it, and retrying a
// read of a revision that was overwritten.
#include <doctest/doctest.h>

#include <memory>

#include "indexer/indexer.h"
#include "indexer/site.h"
#include "index/open_index.h"
#include "query/searcher_pool.h"
#include "schemas/index_schema.h"
#include "schemas/source_table.h"
#include "schemas/synonym_table.h"
#include "schemas/topic_taxonomy.h"
#include "tests/support/temp_dir.h"

using clubsearch::query::Searcher;
using clubsearch::query::SearcherPool;
using clubsearch::query::SearchRequest;
using namespace clubsearch;

namespace {

// A post with a word no other post has.
constexpr const char* kNewPost = R"(+++
title = "Journal Club: the zorblatt paper"
date = 2024-03-01
+++

This week we read about the zorblatt, a word no other post uses.
)";

// A copy of data/ and its index, which a test may change and index again.
struct ChangingBlog {
  test::TempDir dir;
  std::filesystem::path content = dir / "site";
  std::filesystem::path db = dir / "db";

  ChangingBlog() {
    test::copy_tree(CLUBSEARCH_DATA_DIR, content);
    index(true);
  }

  void index(bool full) const {
    const schemas::IndexSchema& schema = schemas::IndexSchema::builtin();
    const indexer::Site site = indexer::Site::discover(content);  // the indexer keeps a reference
    const indexer::Indexer indexer(
        site, {schema, schemas::SourceTable::builtin(), schemas::TopicTaxonomy::builtin(),
               schemas::SynonymTable::builtin()});
    indexer::IndexOptions options;
    options.full = full;
    options.today = index::Date{2026, 11, 25};
    options.threads = 1;
    REQUIRE(indexer.run(db, options).committed);
  }

  void add_post() const { test::write_file(content / "content" / "journal-club" / "zorblatt.md", kNewPost); }
};

std::size_t matches(const Searcher& searcher, const std::string& text) {
  SearchRequest request;
  request.query = text;
  return searcher.search(request).total;
}

}  // namespace

TEST_SUITE("searcher pool") {
  TEST_CASE("an index update starts a new epoch, whose searchers find what it added") {
    const ChangingBlog blog;
    SearcherPool pool(blog.db, 2);
    CHECK(pool.epoch() == 0);
    CHECK(pool.with_searcher([](const Searcher& searcher) { return matches(searcher, "zorblatt"); }).value ==
          0);

    blog.add_post();
    blog.index(false);
    pool.recheck_now();
    CHECK(pool.epoch() == 1);
    const auto found =
        pool.with_searcher([](const Searcher& searcher) { return matches(searcher, "zorblatt"); });
    CHECK(found.value > 0);
    CHECK(found.epoch == 1);
  }

  TEST_CASE("a lease keeps the revision it started with; the next one has the newest") {
    const ChangingBlog blog;
    SearcherPool pool(blog.db, 2);
    {
      const SearcherPool::Lease before = pool.acquire();
      blog.add_post();
      blog.index(false);
      pool.recheck_now();
      CHECK(pool.epoch() == 1);
      CHECK(before.epoch() == 0);
      CHECK(matches(*before, "zorblatt") == 0);
    }
    const SearcherPool::Lease after = pool.acquire();
    CHECK(after.epoch() == 1);
    CHECK(matches(*after, "zorblatt") > 0);
  }

  TEST_CASE("a rebuild, a new generation behind the stub, starts a new epoch too") {
    const ChangingBlog blog;
    SearcherPool pool(blog.db, 2);
    blog.add_post();
    blog.index(true);
    pool.recheck_now();
    CHECK(pool.epoch() == 1);
    CHECK(pool.with_searcher([](const Searcher& searcher) { return matches(searcher, "zorblatt"); }).value >
          0);
  }

  TEST_CASE("without a change, the epoch stays") {
    const ChangingBlog blog;
    SearcherPool pool(blog.db, 2);
    pool.recheck_now();
    CHECK(pool.epoch() == 0);
    CHECK(pool.acquire().epoch() == 0);
  }

  TEST_CASE("a read of an overwritten revision is run again, three times at most") {
    const ChangingBlog blog;
    SearcherPool pool(blog.db, 1);
    int attempts = 0;
    const auto answered = pool.with_searcher([&](const Searcher&) {
      if (++attempts == 1) throw Xapian::DatabaseModifiedError("overwritten");
      return attempts;
    });
    CHECK(answered.value == 2);
    attempts = 0;
    CHECK_THROWS_AS(pool.with_searcher([&](const Searcher&) -> int {
      ++attempts;
      throw Xapian::DatabaseModifiedError("overwritten");
    }),
                    Xapian::DatabaseModifiedError);
    CHECK(attempts == 3);
    // The discarded searchers were given back: the pool of one still lends one.
    CHECK(pool.acquire().epoch() == 0);
  }

  TEST_CASE("no index: the pool refuses to open, as the commands do") {
    const test::TempDir dir;
    CHECK_THROWS_AS(SearcherPool(dir / "db", 2), index::IndexUnavailableError);
  }

  TEST_CASE("the searchers of one revision share one copy of its facet columns, mapped from the index") {
    const ChangingBlog blog;
    SearcherPool pool(blog.db, 4);
    const SearcherPool::Lease first = pool.acquire();
    const SearcherPool::Lease second = pool.acquire();  // a second searcher, opened for this lease
    REQUIRE(&*first != &*second);
    CHECK(&first->columns() == &second->columns());
    CHECK(first->columns().stored());
    CHECK(first->columns().stamp().serial == 1);

    blog.add_post();
    blog.index(false);
    pool.recheck_now();
    const SearcherPool::Lease after = pool.acquire();
    CHECK(after.epoch() == 1);
    CHECK(&after->columns() != &first->columns());
    CHECK(after->columns().stamp().serial == 2);
    // The revision before keeps its own columns while its leases last.
    CHECK(first->columns().stamp().serial == 1);
  }
}
