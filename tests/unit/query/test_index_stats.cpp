// Index statistics counted with a Searcher's own facet columns (as the server does) are
// those counted with columns loaded for the purpose (as `clubsearch stats` does).
#include <doctest/doctest.h>

#include "query/index_reader.h"
#include "query/index_stats.h"
#include "tests/unit/query/query_fixture.h"

using namespace clubsearch;

TEST_SUITE("index stats") {
  TEST_CASE("a searcher's stats are the index's stats read on their own") {
    for (const test::FixtureIndex* index : test::all_fixture_indexes()) {
      CAPTURE(index->name);
      const std::filesystem::path db = index->dir->path() / "db";
      const schemas::IndexSchema& schema = schemas::IndexSchema::builtin();
      const query::IndexStats alone = query::index_stats(query::open_index(db, schema), schema, db);
      const query::IndexStats through_searcher = index->searcher->stats(db);
      CHECK(query::to_json(through_searcher, db) == query::to_json(alone, db));
      CHECK(through_searcher.entries > 0);
      CHECK(!through_searcher.sources.empty());
      CHECK(!through_searcher.years.empty());
    }
  }
}
