// A static index: an index copied for a static web host, where the query engine runs in
// the reader's browser (wasm/): the current revision compacted into one single-file
// Xapian database, with its facet columns beside it, in one folder under fixed names.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "index/facet_columns.h"
#include "schemas/index_schema.h"

namespace clubsearch::index {

inline constexpr const char* kStaticDatabase = "index.glass";
inline constexpr const char* kStaticColumns = "facets.columns";
// The blocks of index.glass a reader fetches before it reads the rest block by block
// (write_warm_blocks).
inline constexpr const char* kStaticWarmBlocks = "index.warm";
// The size of index.glass's blocks (Xapian's own, set when it is compacted): a reader
// reads it a block at a time.
inline constexpr unsigned kStaticBlockBytes = 8192;
// At most this many bytes of blocks go into index.warm.
inline constexpr std::size_t kWarmBlocksBudget = 256 * 1024;

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

// Writes into `dir`/index.warm the blocks of its index.glass that a reader would read
// first, one after another, whatever it searches: the B-trees' inner blocks (each
// lookup walks from a table's root through them to a leaf), the version block, and the
// leaf blocks opening the database reads (the metadata's, first in the first table, and
// the last table's root, which may be a leaf). Roots and the levels nearest them first,
// at most `budget` bytes of blocks, deflated (zlib) into one file; a reader fetches it
// with the engine, in one request, instead of a request per block when it needs them.
// Returns the numbers of the blocks, in the order of the file. Throws std::system_error.
std::vector<std::uint32_t> write_warm_blocks(const std::filesystem::path& dir, std::size_t budget = kWarmBlocksBudget);

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
