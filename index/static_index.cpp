// Static indexes: compacting an index into one file for a static host, and opening one.
#include "index/static_index.h"

#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include "index/columns_file.h"
#include "index/metadata.h"
#include "index/open_index.h"
#include "index/whole_file.h"

namespace clubsearch::index {

namespace fs = std::filesystem;

StaticSource static_source(const Xapian::Database& db, const schemas::IndexSchema& schema) {
  return {db.get_uuid(), db.get_revision(), columns_serial(db), schema.version(), db.get_doccount()};
}

void write_static_index(Xapian::Database db, const fs::path& index_dir, const fs::path& out_dir,
                        const schemas::IndexSchema& schema) {
  fs::create_directories(out_dir);
  const fs::path database = out_dir / kStaticDatabase;
  const fs::path temporary = database.string() + ".tmp";
  fs::remove_all(temporary);
  // Document ids are kept: the facet columns are indexed by them.
  db.compact(temporary.string(), Xapian::DBCOMPACT_SINGLE_FILE | Xapian::DBCOMPACT_NO_RENUMBER,
             static_cast<int>(kStaticBlockBytes));
  const Xapian::Database compacted(temporary.string());
  // The columns of the source, stamped for the compacted database (a new UUID, and the
  // last document id it records).
  const auto source_columns = load_columns(db, index_dir, schema);
  const ColumnsStamp stamp{compacted.get_uuid(), columns_serial(compacted), compacted.get_lastdocid(),
                           schema.version()};
  auto words = std::make_shared<const std::vector<std::uint32_t>>(patch_columns(*source_columns, {}, schema, stamp));
  write_columns_file(out_dir / kStaticColumns, pack_columns(FacetColumns(*words, words)));
  fs::rename(temporary, database);
}

std::vector<std::uint32_t> write_warm_blocks(const fs::path& dir, std::size_t budget) {
  const fs::path database = dir / kStaticDatabase;
  std::ifstream in(database, std::ios::binary);
  if (!in) throw std::system_error(errno, std::generic_category(), "cannot read " + database.string());
  const auto count = static_cast<std::uint32_t>(fs::file_size(database) / kStaticBlockBytes);
  // Glass keeps a block's level in its fifth byte: 0 for a leaf, 254 for the free list.
  constexpr unsigned kDeepest = 16;
  struct Warm {
    std::uint32_t block;
    unsigned rank;  // the level; the blocks opening reads above all
    std::string bytes;
  };
  std::vector<Warm> candidates;
  std::string block(kStaticBlockBytes, '\0');
  for (std::uint32_t n = 0; n < count; ++n) {
    if (!in.read(block.data(), static_cast<std::streamsize>(block.size())))
      throw std::system_error(errno, std::generic_category(), "cannot read " + database.string());
    const unsigned level = static_cast<unsigned char>(block[4]);
    if (n <= 1 || n + 1 == count)
      candidates.push_back({n, kDeepest + 1, block});
    else if (level >= 1 && level <= kDeepest)
      candidates.push_back({n, level, block});
  }
  std::stable_sort(candidates.begin(), candidates.end(), [](const Warm& a, const Warm& b) { return a.rank > b.rank; });
  candidates.resize(std::min(candidates.size(), budget / kStaticBlockBytes));
  std::sort(candidates.begin(), candidates.end(), [](const Warm& a, const Warm& b) { return a.block < b.block; });
  std::string blocks;
  std::vector<std::uint32_t> numbers;
  for (const Warm& warm : candidates) {
    blocks += warm.bytes;
    numbers.push_back(warm.block);
  }
  uLongf size = ::compressBound(static_cast<uLong>(blocks.size()));
  std::string deflated(size, '\0');
  if (::compress2(reinterpret_cast<Bytef*>(deflated.data()), &size, reinterpret_cast<const Bytef*>(blocks.data()),
                  static_cast<uLong>(blocks.size()), Z_BEST_COMPRESSION) != Z_OK)
    throw std::runtime_error("cannot deflate the warm blocks of " + database.string());
  deflated.resize(size);
  write_whole_file(dir / kStaticWarmBlocks, deflated);
  return numbers;
}

StaticIndex open_static_index(const fs::path& dir, const schemas::IndexSchema& schema) {
  const fs::path database = dir / kStaticDatabase;
  std::error_code error;
  if (!fs::exists(database, error))
    throw IndexUnavailableError("no static index at " + dir.string() + " (no " + kStaticDatabase +
                                "); write one with: clubsearch export-static " + dir.string());
  StaticIndex index;
  try {
    index.db = Xapian::Database(database.string());
  } catch (const Xapian::Error& failure) {
    throw IndexUnavailableError("cannot open the static index at " + dir.string() + ": " + failure.get_msg());
  }
  const std::string built_with = index.db.get_metadata(metadata::kSchemaVersion);
  if (built_with != std::to_string(schema.version())) throw SchemaMismatchError(dir, built_with, schema.version());
  std::string why;
  index.columns = open_columns_file(dir / kStaticColumns, index.db, schema, why);
  if (!index.columns) {
    auto built = FacetColumns::build(index.db, schema);
    built->set_origin("built from the database: " + why, false);
    index.columns = std::move(built);
  }
  return index;
}

}  // namespace clubsearch::index
