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

#include "query/facet_columns.h"
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
  // value → number of entries, most frequent first (years: newest first).
  std::vector<std::pair<std::string, std::size_t>> sources, kinds, topics, sections, years;
};

// Where each counted facet is among the columns of a FacetColumns.
struct StatsColumns {
  std::size_t sources, kinds, topics, sections, years;
};

// Counts the facets with `columns`, loaded from `db`: a Searcher's own, already in
// memory (Searcher::stats).
IndexStats index_stats(const Xapian::Database& db, const schemas::IndexSchema& schema,
                       const std::filesystem::path& index_dir, const FacetColumns& columns,
                       const StatsColumns& which);
// Loads only the columns it counts: for a command that reads the index once, for which
// a Searcher's further columns would be loaded for nothing.
IndexStats index_stats(const Xapian::Database& db, const schemas::IndexSchema& schema,
                       const std::filesystem::path& index_dir);

// The statistics as `clubsearch stats --json` prints them and the web API serves them.
nlohmann::json to_json(const IndexStats& stats, const std::filesystem::path& index_dir);

}  // namespace clubsearch::query
