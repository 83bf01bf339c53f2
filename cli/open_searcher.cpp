#include "cli/open_searcher.h"

#include "cli/index_location.h"
#include "index/open_index.h"
#include "schemas/index_schema.h"

namespace clubsearch::cli {

std::filesystem::path searched_index(const GlobalOptions& global) { return index_location(global.db, global.config); }

query::Searcher open_searcher(const GlobalOptions& global) {
  const schemas::IndexSchema& schema = schemas::IndexSchema::builtin();
  const std::filesystem::path index_dir = searched_index(global);
  return query::Searcher(index::open_index(index_dir, schema), schema, query::stored_columns(index_dir, schema));
}

}  // namespace clubsearch::cli
