// The index the search commands read (search, papers, related, show, open, stats): found
// where --db, the environment or the config file say, opened with its stored facet
// columns.
#pragma once

#include "cli/global_options.h"
#include "query/searcher.h"

namespace clubsearch::cli {

// Throws index::IndexUnavailableError or SchemaMismatchError (reported by cli/failures).
query::Searcher open_searcher(const GlobalOptions& global);

// The folder open_searcher opens.
std::filesystem::path searched_index(const GlobalOptions& global);

}  // namespace clubsearch::cli
