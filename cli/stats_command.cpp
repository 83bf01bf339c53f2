// `clubsearch stats`: what the index holds.
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/global_options.h"
#include "cli/open_searcher.h"
#include "query/index_stats.h"

namespace clubsearch::cli {

namespace {

std::string counted(std::size_t count, const char* one, const char* many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

// "blog 40 posts, 14 entries · notebook 13 posts · …"
std::string listed(const std::vector<query::FacetCount>& counts, std::size_t limit, std::size_t undated = 0) {
  std::string out;
  for (std::size_t i = 0; i < counts.size() && i < limit; ++i) {
    out += (i ? " \u00b7 " : "") + counts[i].value + " " + counted(counts[i].posts, "post", "posts");
    if (counts[i].entries > 0) out += ", " + counted(counts[i].entries, "entry", "entries");
  }
  if (counts.size() > limit) out += " \u00b7 \u2026 " + std::to_string(counts.size() - limit) + " more";
  if (undated > 0)
    out += (out.empty() ? "" : " \u00b7 ") + std::string("undated ") + counted(undated, "post", "posts");
  return out.empty() ? "-" : out;
}

std::string human_bytes(std::uintmax_t bytes) {
  char buffer[32];
  if (bytes >= (1u << 20))
    std::snprintf(buffer, sizeof buffer, "%.1f MB", static_cast<double>(bytes) / (1 << 20));
  else
    std::snprintf(buffer, sizeof buffer, "%.1f KB", static_cast<double>(bytes) / 1024);
  return buffer;
}

}  // namespace

CLI::App* add_stats_command(CLI::App& app, StatsOptions& options) {
  CLI::App* command = app.add_subcommand(
      "stats", "Show what the index holds: posts and entries per section, source, kind, topic, year");
  command->footer(
      "Exit codes: 0 done; 2 bad arguments; 3 nothing done (no index, index of another schema\n"
      "version, bad config file, database error).\n\n" +
      std::string(kMoreHelp));
  command->add_flag("--json", options.json, "Print the statistics as JSON");
  return command;
}

int run_stats(const GlobalOptions& global, const StatsOptions& options) {
  const std::filesystem::path index_dir = searched_index(global);
  const query::IndexStats stats = open_searcher(global).stats(index_dir);
  if (options.json) {
    std::cout << query::to_json(stats, index_dir).dump(2) << "\n";
    return kExitOk;
  }
  const bool color = use_color(global.color, stdout);
  auto row = [&](const char* label, const std::string& value) {
    std::cout << styled(label, "1", color) << std::string(10 - std::string(label).size(), ' ') << value
              << "\n";
  };
  row("Index", index_dir.string());
  row("Schema", "version " + stats.schema_version);
  row("Indexed", stats.indexed_at + " from " + stats.content_dir);
  row("Size", human_bytes(stats.bytes_on_disk));
  row("Facets", stats.facet_columns);
  row("Posts", std::to_string(stats.posts));
  row("Entries", std::to_string(stats.entries));
  row("Papers", std::to_string(stats.papers) + " (clubsearch papers)");
  row("Sections", listed(stats.sections, 10));
  row("Sources", listed(stats.sources, 10));
  row("Kinds", listed(stats.kinds, 10));
  row("Topics", listed(stats.topics, 10));
  row("Years", listed(stats.years, 12, stats.undated_posts));
  return kExitOk;
}

}  // namespace clubsearch::cli
