// IndexStats: what an index holds: posts, entries, counts per facet, when and with what
// schema it was built, and its size on disk.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "index/facet_columns.h"
#include "schemas/index_schema.h"

namespace clubsearch::query {

struct IndexStats {
  std::size_t posts = 0;
  std::size_t entries = 0;
  std::size_t documents = 0;
  std::string schema_version;
  std::string indexed_at;   // ISO 8601, UTC
  std::string content_dir;  // what the last run indexed
  std::uintmax_t bytes_on_disk = 0;
  std::string facet_columns;  // where the facet columns were read from (FacetColumns::origin)
  // value → number of entries, most frequent first (years: newest first).
  std::vector<std::pair<std::string, std::size_t>> sources, kinds, topics, sections, years;
};

// Counted with `columns`, the facet columns of `db`.
IndexStats index_stats(const Xapian::Database& db, const schemas::IndexSchema& schema,
                       const index::FacetColumns& columns, const std::filesystem::path& index_dir);

// The statistics as `clubsearch stats --json` prints them and the web API serves them.
nlohmann::json to_json(const IndexStats& stats, const std::filesystem::path& index_dir);

}  // namespace clubsearch::query
