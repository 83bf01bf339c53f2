// clubsearch-index: the process `clubsearch index` becomes. The indexer lives in an
// executable of its own so that its parsers (cmark, yaml-cpp, ICU, libpsl) and jemalloc
// cost nothing to a search's start; `clubsearch index` checks the arguments and replaces
// itself with this program (same process, same pid, same arguments).
#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/failures.h"
#include "cli/global_options.h"
#include "indexer/content_scan.h"
#include "indexer/site.h"
#include "indexer/writer_lock.h"

int main(int argc, char** argv) {
  using namespace clubsearch;
  CLI::App app("The indexer of `clubsearch index`; run that instead", "clubsearch");
  cli::set_command_line_rules(app);
  cli::GlobalOptions global;
  std::string color = "auto";
  cli::add_global_options(app, global, color);
  cli::IndexOptions options;
  // `clubsearch --json index` as well as `clubsearch index --json`.
  app.add_flag("--json", options.json, "Print the run's report as JSON");
  CLI::App* index = cli::add_index_command(app, options);
  cli::add_global_options(*index, global, color);
  app.require_subcommand(1, 1);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? cli::kExitOk : cli::kExitUsage;
  }
  global.color = cli::color_mode(color);
  try {
    global.config = cli::load_config(global.config_file);
    return cli::run_index(global, options);
  } catch (const indexer::IndexLockedError& error) {
    return cli::report({cli::kExitLocked, "index_locked", error.what(), {}, {}, {}, {}}, options.json);
  } catch (const indexer::ContentDirError& error) {
    return cli::report({cli::kExitFailed, "no_content", std::string("cannot index ") + error.what(), {}, {}, {}, {}},
                       options.json);
  } catch (const indexer::SiteConfigError& error) {
    return cli::report({cli::kExitFailed, "bad_config", error.what(), {}, {}, {}, {}}, options.json);
  } catch (...) {
    return cli::report(cli::failure_of(std::current_exception()), options.json);
  }
}
