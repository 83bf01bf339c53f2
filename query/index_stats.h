// IndexStats: what an index holds: posts, entries, counts per facet, when and with what
// schema it was built, and its size on disk.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "index/facet_columns.h"
#include "schemas/index_schema.h"

namespace clubsearch::query {

// One value of a facet: how many posts and entries have it. A post has a section, a year
// and topics of its own; it has a source or a kind when one of its entries does (so a post
// without entries, an essay, counts under its section and year but under no source).
struct FacetCount {
  std::string value;
  std::size_t posts = 0;
  std::size_t entries = 0;

  bool operator==(const FacetCount&) const = default;
};

struct IndexStats {
  std::size_t posts = 0;
  std::size_t entries = 0;
  std::size_t documents = 0;  // the blog's own: posts' and entries' documents
  std::size_t papers = 0;     // papers, each gathered from every entry linking it
  std::string schema_version;
  std::string indexed_at;   // ISO 8601, UTC
  std::string content_dir;  // what the last run indexed
  std::uintmax_t bytes_on_disk = 0;
  std::string facet_columns;  // where the facet columns were read from (FacetColumns::origin)
  // Most posts first, then most entries (years: newest first).
  std::vector<FacetCount> sources, kinds, topics, sections, years;
  std::size_t undated_posts = 0;  // posts of no year
};

// Counted with `columns`, the facet columns of `db`.
IndexStats index_stats(const Xapian::Database& db, const schemas::IndexSchema& schema,
                       const index::FacetColumns& columns, const std::filesystem::path& index_dir);

// The statistics as `clubsearch stats --json` prints them and the web API serves them.
nlohmann::json to_json(const IndexStats& stats, const std::filesystem::path& index_dir);

}  // namespace clubsearch::query
