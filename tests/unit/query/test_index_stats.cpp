// Index statistics counted with a Searcher's own facet columns (as the server does) are
// those counted with columns loaded for the purpose (as `clubsearch stats` does), and
// the index's stored columns count what columns built from the database count.
#include <doctest/doctest.h>

#include "index/columns_file.h"
#include "index/open_index.h"
#include "query/index_stats.h"
#include "tests/unit/query/query_fixture.h"

using namespace clubsearch;

TEST_SUITE("index stats") {
  TEST_CASE("a searcher's stats are the index's stats read on their own") {
    for (const test::FixtureIndex* index : test::all_fixture_indexes()) {
      CAPTURE(index->name);
      const std::filesystem::path db = index->dir->path() / "db";
      const schemas::IndexSchema& schema = schemas::IndexSchema::builtin();
      const Xapian::Database opened = index::open_index(db, schema);
      const auto stored = index::load_columns(opened, db, schema);
      CHECK(stored->stored());
      const query::IndexStats alone = query::index_stats(opened, schema, *stored, db);
      const query::IndexStats through_searcher = index->searcher->stats(db);
      CHECK(query::to_json(through_searcher, db) == query::to_json(alone, db));
      nlohmann::json counted = query::to_json(alone, db);
      nlohmann::json built =
          query::to_json(query::index_stats(opened, schema, *index::FacetColumns::build(opened, schema), db), db);
      counted.erase("facet_columns");
      built.erase("facet_columns");
      CHECK(counted == built);
      CHECK(through_searcher.entries > 0);
      CHECK(!through_searcher.sources.empty());
      CHECK(!through_searcher.years.empty());
    }
  }
}
