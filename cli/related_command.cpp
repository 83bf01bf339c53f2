// `clubsearch related ID`: entries like one the user found ("more like this").
#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/failures.h"
#include "cli/global_options.h"
#include "cli/open_searcher.h"
#include "cli/option_checks.h"
#include "cli/search_text.h"
#include "query/searcher.h"

namespace clubsearch::cli {

namespace {

std::string title_of(const std::optional<index::Record>& record) { return record ? record->title : std::string(); }

}  // namespace

CLI::App* add_related_command(CLI::App& app, RelatedOptions& options) {
  CLI::App* command =
      app.add_subcommand("related", "Entries like one you found, or posts like a post (ID: the id shown with each search result)");
  command->footer(
      "The entries most like the given one, from its own most telling words (the entry itself\n"
      "is left out). IDs are printed on each result's second line, and as \"id\" in --json.\n\n"
      "Exit codes: 0 found; 1 no entry has this id, or none is like it; 2 bad arguments;\n"
      "3 nothing done (no index, index of another schema version, bad config file).\n\n" +
      std::string(kMoreHelp));
  command->add_option("ID", options.id, "Id of an entry (from a search result)")->required();
  const std::string most = std::to_string(query::kMaxRelated);
  command->add_option("-n,--limit", options.limit, "How many entries (1-" + most + ")")
      ->check(count_check("related entries must be between 1 and " + most, query::kMaxRelated))
      ->capture_default_str();
  command->add_flag("--json", options.json,
                    "Print the entries as JSON (schemas/search-response.schema.json)");
  return command;
}

int run_related(const GlobalOptions& global, const RelatedOptions& options) {
  const query::Searcher searcher = open_searcher(global);
  const std::optional<query::SearchResult> result = searcher.related(options.id, options.limit);
  // An unknown id is "not found", like a search without results: exit 1, not a usage error.
  if (!result)
    return report({kExitPartial, "not_found",
                   "no entry has the id '" + printable(options.id) + "'; ids are shown with each search result",
                   {}, "ID", {}, {}},
                  options.json);
  if (options.json) {
    std::cout << results_json(*result);
  } else {
    const bool color = use_color(global.color, stdout);
    const std::string title = printable(title_of(searcher.record(options.id)));
    if (result->hits.empty())
      std::cout << "Nothing is like '" << title << "'\n";
    else
      std::cout << "Entries like " << styled("'" + title + "'", "1", color) << "\n\n"
                << results_text(*result, {color, false, false, {}});
  }
  return result->hits.empty() ? kExitPartial : kExitOk;
}

}  // namespace clubsearch::cli
