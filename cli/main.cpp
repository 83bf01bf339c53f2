// clubsearch: search what you have read. The command line's one entry point: parses the
// arguments, runs a subcommand, and turns every error into a message and an exit code.
#include <xapian.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "indexer/content_scan.h"
#include "indexer/site.h"
#include "indexer/writer_lock.h"
#include "query/index_reader.h"
#include "query/search_request.h"
#include "schemas/schema_error.h"

namespace {

constexpr const char* kFooter = R"(Examples:
  clubsearch index ~/blog                 index a Zola or Hugo site (incremental)
  clubsearch "sparse autoencoders"        search
  clubsearch 'title:refusal arxiv:2407.11969'
  clubsearch search index                 search for a word that is also a command
  clubsearch stats                        what the index holds

The index lives in --db, else $CLUBSEARCH_DB, else ~/.local/share/clubsearch/index.

Exit codes: 0 success (search: results found); 1 search: no results, index: some files
could not be indexed; 2 bad arguments or query; 3 nothing done (no index, no content
folder, database error); 75 another indexer is writing the index.)";

int fail(int code, const std::string& message) {
  std::cerr << "clubsearch: " << message << "\n";
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace clubsearch;
  CLI::App app("clubsearch: search the papers and posts your blog's Journal Clubs link to", "clubsearch");
  app.footer(kFooter);
  app.set_version_flag("--version", std::string("clubsearch ") + CLUBSEARCH_VERSION);
  cli::GlobalOptions global;
  std::string color = "auto";
  // The options every command takes, before or after the command's name.
  auto add_global_options = [&](CLI::App& command) {
    command.add_option("--db", global.db, "Index directory")->envname("CLUBSEARCH_DB");
    command.add_option("--color", color, "Colour: auto, always or never (NO_COLOR is honoured)")
        ->check(CLI::IsMember({"auto", "always", "never"}));
  };
  add_global_options(app);

  cli::SearchOptions search_options;
  cli::add_search_options(app, search_options);
  CLI::App* search =
      app.add_subcommand("search", "Search (the default when the first word is not a command)");
  cli::add_search_options(*search, search_options);
  cli::IndexOptions index_options;
  CLI::App* index = cli::add_index_command(app, index_options);
  cli::StatsOptions stats_options;
  CLI::App* stats = cli::add_stats_command(app, stats_options);
  for (CLI::App* command : {search, index, stats}) add_global_options(*command);
  // One command per run: after "search", a word such as "index" is a search word.
  app.require_subcommand(0, 1);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? cli::kExitOk : cli::kExitUsage;
  }

  global.color = color == "always"  ? cli::ColorMode::always
                 : color == "never" ? cli::ColorMode::never
                                    : cli::ColorMode::automatic;
  try {
    if (index->parsed()) return cli::run_index(global, index_options);
    if (stats->parsed()) return cli::run_stats(global, stats_options);
    if (search->parsed() || !search_options.words.empty()) return cli::run_search(global, search_options);
    std::cout << app.help();
    return cli::kExitUsage;
  } catch (const CLI::ValidationError& error) {
    return fail(cli::kExitUsage, error.what());
  } catch (const query::QueryError& error) {
    return fail(cli::kExitUsage,
                std::string(error.what()) + (error.hint().empty() ? "" : "\n  hint: " + error.hint()));
  } catch (const query::RequestError& error) {
    return fail(cli::kExitUsage, error.what());
  } catch (const indexer::IndexLockedError& error) {
    return fail(cli::kExitLocked, error.what());
  } catch (const query::IndexUnavailableError& error) {
    return fail(cli::kExitFailed, error.what());
  } catch (const query::SchemaMismatchError& error) {
    return fail(cli::kExitFailed, error.what());
  } catch (const indexer::ContentDirError& error) {
    return fail(cli::kExitFailed, std::string("cannot index ") + error.what());
  } catch (const indexer::SiteConfigError& error) {
    return fail(cli::kExitFailed, error.what());
  } catch (const schemas::SchemaError& error) {
    return fail(cli::kExitFailed, error.what());
  } catch (const Xapian::DatabaseLockError& error) {
    return fail(cli::kExitLocked, "the index is locked by another writer: " + error.get_msg());
  } catch (const Xapian::Error& error) {
    return fail(cli::kExitFailed, "index error: " + error.get_description());
  } catch (const std::exception& error) {
    return fail(cli::kExitFailed, error.what());
  }
}
