// The clubsearch subcommands: each registers its options on the CLI11 app and runs.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "cli/config.h"
#include "cli/terminal.h"

namespace clubsearch::cli {

struct GlobalOptions {
  std::string db;
  std::string config_file;  // --config
  ColorMode color = ColorMode::automatic;
  Config config;  // the config file that applies; empty when there is none
};

struct IndexOptions {
  std::string content_dir;  // empty: the config's `content`, else the current folder
  std::string site_config;
  std::string base_url;
  std::string generator;  // zola, hugo or jekyll; empty: the config file's, else the site's
  std::string sources_file, topics_file, synonyms_file;
  std::string as_of;
  bool full = false, drafts = false, strict = false, quiet = false, json = false;
  bool queue = false;  // locked out: leave one more run to the writer instead of failing
  bool watch = false;  // after indexing, index again after each burst of changes
  std::string export_static;  // after each committed run, `clubsearch export-static` into it
  std::uintmax_t max_file_size = 16u << 20;
  bool follow_symlinks = false;
  unsigned threads = 0;
};

struct SearchOptions {
  std::vector<std::string> words;
  // Facet name → the values given with --section, --source, --kind, --topic, --tag,
  // --year and --month.
  std::map<std::string, std::vector<std::string>> filters;
  std::string since, until;
  std::string paper_since, paper_until;  // the papers' own dates
  std::string sort = "relevance";
  std::string format;  // bibtex, ris or csl-json: the results' citations instead of text or JSON
  bool papers = false;  // `clubsearch papers`: papers, each gathered from every entry linking it
  std::size_t limit = 10;
  std::size_t page = 1;
  bool group_by_post = false, facets = false, json = false, explain = false;
  // The command the query's lone word may be a slip for (`clubsearch indx`): said when
  // nothing is found.
  std::string near_command;
};

struct RelatedOptions {
  std::string id;
  std::size_t limit = 10;
  bool json = false;
};

// `clubsearch show ID` and `clubsearch open N|ID`.
struct ShowOptions {
  std::string id;
  std::string format;
  bool json = false;
};

struct OpenOptions {
  std::string target;    // a number of the last search's results, or an id
  bool entry = false;    // the entry on the blog rather than the paper it links
  bool print = false;    // print the URL without opening it
};

struct StatsOptions {
  bool json = false;
};

struct ExportOptions {
  std::string out;     // the folder to write
  std::string engine;  // the engine's folder; empty: the folder of this program
  bool quiet = false;
};

struct HookOptions {
  std::string action;  // install, uninstall or status
  std::string repo;    // empty: the current folder
  std::string content;
  std::string export_static;  // the hooks' runs also export the search for a static host
};

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  unsigned threads = 0;  // 0: one per core, at least 2
  bool quiet = false;
  std::string content;  // what POST /api/reindex indexes; empty: the config's `content`
  bool allow_remote_reindex = false;
  std::vector<std::string> allowed_hosts;  // --allow-host (web::ServerOptions::allowed_hosts)
  std::vector<std::string> allowed_origins;  // --allow-origin (web::ServerOptions::allowed_origins)
};

CLI::App* add_index_command(CLI::App& app, IndexOptions& options);
CLI::App* add_related_command(CLI::App& app, RelatedOptions& options);
CLI::App* add_stats_command(CLI::App& app, StatsOptions& options);
CLI::App* add_serve_command(CLI::App& app, ServeOptions& options);
CLI::App* add_hook_command(CLI::App& app, HookOptions& options);
CLI::App* add_export_command(CLI::App& app, ExportOptions& options);
void add_search_options(CLI::App& command, SearchOptions& options);
CLI::App* add_papers_command(CLI::App& app, SearchOptions& options);
CLI::App* add_show_command(CLI::App& app, ShowOptions& options);
CLI::App* add_open_command(CLI::App& app, OpenOptions& options);

// The query the search words make, as the query layer reads it (and as positions in its
// errors count).
std::string query_text(const SearchOptions& options);
// Whether the options ask for anything: words, a filter or a date bound (a filter alone
// lists what it keeps).
bool asks_for_anything(const SearchOptions& options);
// Whether the options ask for one word and nothing else (no filter, no date bound).
bool is_lone_word(const SearchOptions& options);

// Each returns the process exit code (cli/exit_codes.h); errors are thrown to main.
int run_index(const GlobalOptions& global, const IndexOptions& options);
int run_related(const GlobalOptions& global, const RelatedOptions& options);
int run_search(const GlobalOptions& global, const SearchOptions& options);
int run_show(const GlobalOptions& global, const ShowOptions& options);
int run_open(const GlobalOptions& global, const OpenOptions& options);
int run_stats(const GlobalOptions& global, const StatsOptions& options);
int run_serve(const GlobalOptions& global, const ServeOptions& options);
int run_hook(const GlobalOptions& global, const HookOptions& options);
int run_export(const GlobalOptions& global, const ExportOptions& options);

}  // namespace clubsearch::cli
