// The sample blog's index, built once per fuzzing process.
#include "tests/fuzz/small_index.h"

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "index/open_index.h"
#include "indexer/indexer.h"
#include "indexer/site.h"
#include "schemas/index_schema.h"
#include "schemas/source_table.h"
#include "schemas/synonym_table.h"
#include "schemas/topic_taxonomy.h"
#include "tests/support/temp_dir.h"

namespace clubsearch::fuzz {

namespace {

struct SmallIndex {
  test::TempDir dir;
  std::unique_ptr<query::Searcher> searcher;

  SmallIndex() {
    const schemas::IndexSchema& schema = schemas::IndexSchema::builtin();
    const indexer::Site site = indexer::Site::discover(CLUBSEARCH_DATA_DIR);
    const indexer::Indexer indexer(
        site, {schema, schemas::SourceTable::builtin(), schemas::TopicTaxonomy::builtin(),
               schemas::SynonymTable::builtin()});
    indexer::IndexOptions options;
    options.full = true;
    options.threads = 1;
    options.today = index::Date{2026, 11, 25};
    const std::filesystem::path db = dir / "db";
    if (!indexer.run(db, options).committed) {
      std::fprintf(stderr, "fuzz: the sample blog's index was not committed\n");
      std::exit(1);
    }
    searcher = std::make_unique<query::Searcher>(index::open_index(db, schema), schema,
                                                 query::stored_columns(db, schema));
    searcher->prepare();
  }
};

}  // namespace

const query::Searcher& small_index_searcher() {
  // Deleted at exit, which removes the scratch folder.
  static const SmallIndex index;
  return *index.searcher;
}

}  // namespace clubsearch::fuzz
