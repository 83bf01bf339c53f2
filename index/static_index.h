// A static index: an index copied for a static web host, where the query engine runs in
// the reader's browser (wasm/): the current revision compacted into one single-file
// Xapian database, with its facet columns beside it, in one folder under fixed names.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "index/facet_columns.h"
#include "schemas/index_schema.h"

namespace clubsearch::index {

inline constexpr const char* kStaticDatabase = "index.glass";
inline constexpr const char* kStaticColumns = "facets.columns";

// Which revision of which index a static index was copied from: the same identity means
// the same documents, terms and columns.
struct StaticSource {
  std::string uuid;  // the source database's
  Xapian::rev revision = 0;
  std::uint64_t columns_serial = 0;
  unsigned schema_version = 0;
  Xapian::doccount documents = 0;
  bool operator==(const StaticSource&) const = default;
};

StaticSource static_source(const Xapian::Database& db, const schemas::IndexSchema& schema);

// Writes `db` (the index in `index_dir`, opened with open_index) into `out_dir` as a static
// index: the database compacted with its document ids kept, so that the facet columns
// (the index's own, else built from it) still index it, and the columns stamped for it.
// Each file is written whole beside its name, then renamed onto it. Throws Xapian::Error
// and std::system_error.
void write_static_index(Xapian::Database db, const std::filesystem::path& index_dir,
                        const std::filesystem::path& out_dir, const schemas::IndexSchema& schema);

// A static index opened for reading.
struct StaticIndex {
  Xapian::Database db;
  // Its columns file when it belongs to the database, else columns built from it (origin()
  // says why).
  std::shared_ptr<const FacetColumns> columns;
};

// Opens the static index in `dir`; throws IndexUnavailableError or SchemaMismatchError
// (index/open_index.h).
StaticIndex open_static_index(const std::filesystem::path& dir, const schemas::IndexSchema& schema);

}  // namespace clubsearch::index
