// The results the last search showed, remembered so that `clubsearch open 3` opens the
// third of them: their ids, one per line, in $XDG_STATE_HOME/clubsearch/last-results
// (~/.local/state/clubsearch/last-results without it).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "query/search_result.h"

namespace clubsearch::cli {

std::filesystem::path last_results_file();

// Remembers the ids of this page of results, numbered as shown. A state folder that
// cannot be written is no reason for a search to fail: nothing is remembered then.
void remember_results(const query::SearchResult& result);

// The id of result `number` of the last search shown, or nullopt.
std::optional<std::string> remembered_result(std::size_t number);

}  // namespace clubsearch::cli
