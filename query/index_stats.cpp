// Counts documents and entries per facet value in one pass over all entries.
#include "query/index_stats.h"

#include <algorithm>

namespace clubsearch::query {

namespace {

std::uintmax_t directory_bytes(const std::filesystem::path& dir) {
  std::uintmax_t total = 0;
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error))
    if (it->is_regular_file(error)) total += it->file_size(error);
  return total;
}

}  // namespace

IndexStats index_stats(const Xapian::Database& db, const schemas::IndexSchema& schema,
                       const std::filesystem::path& index_dir, const FacetColumns& columns,
                       const StatsColumns& which) {
  IndexStats stats;
  const std::string type = schema.filter("type").prefix;
  stats.posts = db.get_termfreq(type + "post");
  stats.entries = db.get_termfreq(type + "entry");
  stats.documents = db.get_doccount();
  stats.schema_version = db.get_metadata(std::string(schemas::kSchemaVersionKey));
  stats.indexed_at = db.get_metadata(std::string(schemas::kIndexedAtKey));
  stats.content_dir = db.get_metadata(std::string(schemas::kContentDirKey));
  stats.bytes_on_disk = directory_bytes(index_dir);
  // One pass over every entry counts all facets at once.
  FacetColumns::Counter counter(columns,
                                {which.sources, which.kinds, which.topics, which.sections, which.years});
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(type + "entry"));
  enquire.add_matchspy(&counter);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.get_mset(0, 0, db.get_doccount());
  auto counted = [&](std::size_t index) {
    std::vector<std::pair<std::string, std::size_t>> out;
    for (const auto& [value, count] : counter.counts(index)) out.emplace_back(value, count);
    return out;
  };
  stats.sources = counted(which.sources);
  stats.kinds = counted(which.kinds);
  stats.topics = counted(which.topics);
  stats.sections = counted(which.sections);
  stats.years = counted(which.years);
  std::sort(stats.years.begin(), stats.years.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  return stats;
}

IndexStats index_stats(const Xapian::Database& db, const schemas::IndexSchema& schema,
                       const std::filesystem::path& index_dir) {
  std::vector<Xapian::valueno> slots;
  for (const char* field : {"source", "kind", "topic", "section", "year"})
    slots.push_back(schema.value(field).slot);
  return index_stats(db, schema, index_dir, FacetColumns(db, slots), {0, 1, 2, 3, 4});
}

namespace {

nlohmann::json counts_json(const std::vector<std::pair<std::string, std::size_t>>& counts) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [value, count] : counts) out.push_back({{"value", value}, {"count", count}});
  return out;
}

}  // namespace

nlohmann::json to_json(const IndexStats& stats, const std::filesystem::path& index_dir) {
  return {{"index", index_dir.string()},
          {"schema_version", stats.schema_version},
          {"indexed_at", stats.indexed_at},
          {"content_dir", stats.content_dir},
          {"bytes", stats.bytes_on_disk},
          {"posts", stats.posts},
          {"entries", stats.entries},
          {"documents", stats.documents},
          {"sections", counts_json(stats.sections)},
          {"sources", counts_json(stats.sources)},
          {"kinds", counts_json(stats.kinds)},
          {"topics", counts_json(stats.topics)},
          {"years", counts_json(stats.years)}};
}

}  // namespace clubsearch::query
