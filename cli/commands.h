// The clubsearch subcommands: each registers its options on the CLI11 app and runs.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "cli/terminal.h"

namespace clubsearch::cli {

struct GlobalOptions {
  std::string db;
  ColorMode color = ColorMode::automatic;
};

struct IndexOptions {
  std::string content_dir = ".";
  std::string site_config;
  std::string base_url;
  std::string sources_file, topics_file, synonyms_file;
  std::string as_of;
  bool full = false, drafts = false, strict = false, quiet = false, json = false;
  std::uintmax_t max_file_size = 16u << 20;
  unsigned threads = 0;
};

struct SearchOptions {
  std::vector<std::string> words;
  std::size_t limit = 10;
  std::size_t page = 1;
  bool json = false;
};

struct StatsOptions {
  bool json = false;
};

CLI::App* add_index_command(CLI::App& app, IndexOptions& options);
CLI::App* add_stats_command(CLI::App& app, StatsOptions& options);
void add_search_options(CLI::App& command, SearchOptions& options);

// Each returns the process exit code (cli/exit_codes.h); errors are thrown to main.
int run_index(const GlobalOptions& global, const IndexOptions& options);
int run_search(const GlobalOptions& global, const SearchOptions& options);
int run_stats(const GlobalOptions& global, const StatsOptions& options);

}  // namespace clubsearch::cli
