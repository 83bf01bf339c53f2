// clubsearch: search what you have read. The command line's one entry point: parses the
// arguments, runs a subcommand, and turns every error into a message and an exit code.
#include <iostream>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/companion.h"
#include "cli/config.h"
#include "cli/exit_codes.h"
#include "cli/failures.h"
#include "cli/global_options.h"
#include "cli/search_text.h"
#include "query/search_request.h"

namespace {

constexpr const char* kQuerySyntax = R"(Query syntax (all of docs/query-syntax.md in short):
  sparse autoencoders              entries with every word, in any form (autoencoder, autoencoders)
  '"dictionary learning"'          a phrase
  'refusal OR jailbreak'           either word; also AND, NOT and (parentheses)
  'probes -linear'                 without a word; +word requires one
  'interp*'                        words that start with interp
  SAE, RLHF, PEFT, 'mech interp'   acronyms and synonyms find each other
  'title:refusal'                  a word in the entry's heading; also paper: (linked titles),
                                   post: (post title), description:, mention: (links in the text)
  'source:arXiv kind:paper'        filters: section: source: kind: topic: tag: arxiv: host:
                                   url: permalink: paperid: type:entry or type:post
  'paper:2017..2019'               the linked paper's date (also paperyear:2017, --paper-since)
  'refusal date:2024-01..2024-06'  a date range; date:2024, date:2024-07.., year:2023..2024,
                                   month:2024-06
  2406.11717                       an arXiv id (also arXiv:2406.11717) or a pasted URL, with or
                                   without https://, or the blog's own page (/blog/post/#part)
  --source arXiv --since 2024      the facet filters and dates as options (combinable)
  clubsearch search index          a word that is also a command (or: clubsearch -- index)
Quote the query for your shell when it has quotes, parentheses, * or a leading -.)";

constexpr const char* kExitCodes =
    R"(Exit codes: 0 success (search: results found); 1 search and related: no results (like
grep), index: some files could not be indexed; 2 bad arguments or malformed query; 3 nothing
done (no index, index of another schema version, bad config file, no content folder,
database error); 75 another indexer is writing the index.)";

constexpr const char* kCommandsAndPlaces = R"(Examples:
  clubsearch index ~/blog                 index a Zola, Hugo or Jekyll site (incremental)
  clubsearch "sparse autoencoders"        search
  clubsearch --facets --sort newest refusal
  clubsearch related ID                   entries like a result (its id is on its second line)
  clubsearch show ID                      an entry, post or paper whole (a paper: its timeline)
  clubsearch open 2                       open the second result's paper in the browser
  clubsearch papers --sort discussed      the papers discussed in the most posts
  clubsearch papers --paper-year 2017 --format bibtex   citations of the 2017 papers
  clubsearch stats                        what the index holds
  clubsearch serve                        the search page and JSON API on http://127.0.0.1:8080/
  clubsearch hook install                 reindex after every commit (in the blog's git repository)
  clubsearch export-static static/search  the index and the engine for a static host (WebAssembly)

--db, --config, --color and --json also go before a command's name (clubsearch --json stats);
an option given twice takes its last value, and the filters add up (--source A --source B).

The index lives in --db, else $CLUBSEARCH_DB, else the `db` of the config file, else
~/.local/share/clubsearch/index. The config file is --config FILE, else clubsearch.toml in
the current folder or the nearest one above it, else ~/.config/clubsearch/config.toml
(docs/configuration.md).)";

}  // namespace

int main(int argc, char** argv) {
  using namespace clubsearch;
  CLI::App app("clubsearch: search the papers and posts your blog's Journal Clubs link to", "clubsearch");
  cli::set_command_line_rules(app);
  app.set_version_flag("--version", std::string("clubsearch ") + CLUBSEARCH_VERSION);
  cli::GlobalOptions global;
  std::string color = "auto";
  cli::add_global_options(app, global, color);

  cli::SearchOptions search_options;
  cli::add_search_options(app, search_options);
  CLI::App* search =
      app.add_subcommand("search", "Search (the default when the first word is not a command)");
  search->footer(std::string(kQuerySyntax) + "\n\n" + kExitCodes + "\n\n" + cli::kMoreHelp);
  cli::add_search_options(*search, search_options);
  cli::IndexOptions index_options;
  CLI::App* index = cli::add_index_command(app, index_options);
  cli::RelatedOptions related_options;
  CLI::App* related = cli::add_related_command(app, related_options);
  cli::StatsOptions stats_options;
  CLI::App* stats = cli::add_stats_command(app, stats_options);
  cli::ServeOptions serve_options;
  CLI::App* serve = cli::add_serve_command(app, serve_options);
  cli::HookOptions hook_options;
  CLI::App* hook = cli::add_hook_command(app, hook_options);
  cli::ExportOptions export_options;
  CLI::App* export_static = cli::add_export_command(app, export_options);
  cli::SearchOptions papers_options;
  CLI::App* papers = cli::add_papers_command(app, papers_options);
  cli::ShowOptions show_options;
  CLI::App* show = cli::add_show_command(app, show_options);
  cli::OpenOptions open_options;
  CLI::App* open = cli::add_open_command(app, open_options);
  for (CLI::App* command : {search, index, related, stats, serve, hook, export_static, papers, show, open})
    cli::add_global_options(*command, global, color);
  // Set once the commands are made: CLI11 gives a command its parent's footer when it is
  // made, and the query syntax is the search's alone.
  app.footer(std::string(kQuerySyntax) + "\n\n" + kCommandsAndPlaces + "\n\n" + kExitCodes);
  // One command per run: after "search", a word such as "index" is a search word.
  app.require_subcommand(0, 1);

  // CLI11 has no default command, and would start `index` at the second word of
  // `clubsearch sparse index`; a search without `search` is read as one that has it.
  std::vector<std::string> args(argv + 1, argv + argc);
  const cli::CommandStart start = cli::command_start(app, args);
  if (start.implicit_search) args.insert(args.begin(), "search");
  std::vector<char*> arg_pointers{argv[0]};
  for (std::string& arg : args) arg_pointers.push_back(arg.data());
  try {
    app.parse(static_cast<int>(arg_pointers.size()), arg_pointers.data());
  } catch (const CLI::Success& done) {  // --help, --version
    return app.exit(done);
  } catch (const CLI::ParseError& error) {
    return cli::report(cli::usage_failure(app, error), cli::asks_for_json(app));
  }

  // Options before a command's name: every command's, and --json for those that print it.
  for (CLI::App* command : {index, related, stats, serve, hook, export_static, papers, show, open}) {
    if (!command->parsed()) continue;
    bool json = false;
    if (const auto failure = cli::check_options_before(app, *command, json))
      return cli::report(*failure, search_options.json);
    index_options.json = index_options.json || json;
    related_options.json = related_options.json || json;
    stats_options.json = stats_options.json || json;
    papers_options.json = papers_options.json || json;
    show_options.json = show_options.json || json;
  }
  const bool json = index_options.json || related_options.json || stats_options.json || search_options.json ||
                    papers_options.json || show_options.json;

  // A lone word that finds nothing may be a command mistyped (`clubsearch indx`).
  if (start.implicit_search && !start.after_marker && cli::is_lone_word(search_options))
    search_options.near_command = cli::command_near(app, search_options.words.front());

  // The arguments are good: the indexer runs as clubsearch-index (cli/index_main.cpp).
  if (index->parsed()) {
    const std::filesystem::path indexer = cli::companion_program("clubsearch-index");
    std::vector<std::string> arguments(argv, argv + argc);
    arguments[0] = indexer.string();
    return cli::become(indexer, std::move(arguments));
  }
  global.color = cli::color_mode(color);
  try {
    global.config = cli::load_config(global.config_file);
    if (stats->parsed()) return cli::run_stats(global, stats_options);
    if (related->parsed()) return cli::run_related(global, related_options);
    if (serve->parsed()) return cli::run_serve(global, serve_options);
    if (hook->parsed()) return cli::run_hook(global, hook_options);
    if (export_static->parsed()) return cli::run_export(global, export_options);
    if (papers->parsed()) return cli::run_search(global, papers_options);
    if (show->parsed()) return cli::run_show(global, show_options);
    if (open->parsed()) return cli::run_open(global, open_options);
    // `clubsearch --json` alone asks for a search too, and is told there is nothing to search for.
    if (search->parsed() || cli::asks_for_anything(search_options) || search_options.json)
      return cli::run_search(global, search_options);
    std::cout << app.help();
    return cli::kExitUsage;
  } catch (const query::QueryError& error) {
    const std::string query = cli::query_text(search_options);
    const auto position = error.position() != std::string::npos && error.position() <= query.size()
                              ? std::optional<std::size_t>(error.position())
                              : std::nullopt;
    return cli::report({cli::kExitUsage, "query_syntax", error.what(), cli::query_error_details(error, query),
                        "QUERY", position, error.hint()},
                       json);
  } catch (const query::RequestError& error) {
    return cli::report(
        {cli::kExitUsage, "bad_request", error.what(), {}, cli::option_for(error.parameter()), {}, {}}, json);
  } catch (...) {
    return cli::report(cli::failure_of(std::current_exception()), json);
  }
}
