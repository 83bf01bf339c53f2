// Counts documents and entries per facet value in one pass over all entries.
#include "query/index_stats.h"

#include <algorithm>

#include "index/filters.h"
#include "index/metadata.h"
#include "index/terms.h"

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
                       const index::FacetColumns& columns, const std::filesystem::path& index_dir) {
  IndexStats stats;
  const index::TermRules rules(schema);
  stats.posts = db.get_termfreq(rules.term("type", "post"));
  stats.entries = db.get_termfreq(rules.term("type", "entry"));
  stats.documents = db.get_doccount();
  stats.schema_version = db.get_metadata(index::metadata::kSchemaVersion);
  stats.indexed_at = db.get_metadata(index::metadata::kIndexedAt);
  stats.content_dir = db.get_metadata(index::metadata::kContentDir);
  stats.bytes_on_disk = directory_bytes(index_dir);
  stats.facet_columns = columns.origin();
  // One pass over every entry counts all facets at once.
  const auto column_of = [](std::string_view name) {
    const auto& facets = index::facets();
    return static_cast<std::size_t>(
        std::find_if(facets.begin(), facets.end(), [&](const index::FilterSpec& f) { return f.name == name; }) -
        facets.begin());
  };
  const std::vector<std::size_t> counted{column_of("source"), column_of("kind"), column_of("topic"),
                                         column_of("section"), column_of("year")};
  index::FacetColumns::Counter counter(columns, counted);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(rules.term("type", "entry")));
  enquire.add_matchspy(&counter);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.get_mset(0, 0, db.get_doccount());
  auto counted_values = [&](std::size_t column) {
    std::vector<std::pair<std::string, std::size_t>> out;
    for (const auto& [value, count] : counter.counts(column)) out.emplace_back(value, count);
    return out;
  };
  stats.sources = counted_values(counted[0]);
  stats.kinds = counted_values(counted[1]);
  stats.topics = counted_values(counted[2]);
  stats.sections = counted_values(counted[3]);
  stats.years = counted_values(counted[4]);
  std::sort(stats.years.begin(), stats.years.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  return stats;
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
          {"facet_columns", stats.facet_columns},
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
