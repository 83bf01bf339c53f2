// How a search reads as text: results for a terminal (coloured) or a pipe (plain), the
// facet summary, and a malformed query with a caret under the problem.
#pragma once

#include <string>
#include <string_view>

#include "query/search_request.h"
#include "query/search_result.h"

namespace clubsearch::cli {

struct TextOptions {
  bool color = false;
  bool facets = false;  // add the facet summary
  bool paged = true;    // end with the total and the pages (a search, not a related list)
  std::string near_command;  // nothing found: "did you mean the command `clubsearch NAME`?"
};

std::string results_text(const query::SearchResult& result, const TextOptions& options);

// "No results for 'indx'; did you mean the command `clubsearch index`?" (`first` is the
// first word: "No", or "no" after "clubsearch: ").
std::string command_hint(const std::string& query, const std::string& command, const char* first = "No");

// query::to_json(result), indented, one object per run. Text that is not UTF-8 (a query
// typed in another encoding) is replaced rather than ending the run.
std::string results_json(const query::SearchResult& result);

// What is said under a malformed query's message: the query with a caret under the
// error's position (when it has one), and the hint; or nothing.
std::string query_error_details(const query::QueryError& error, const std::string& query);

// Text from the index or the user made safe for a terminal: control characters (which
// could move the cursor or change colours) become spaces.
std::string printable(std::string_view text);

}  // namespace clubsearch::cli
