// Starting `clubsearch index` in the background for POST /api/reindex.
#pragma once

#include <string>
#include <vector>

namespace clubsearch::web {

// Runs `command` (its argv; the first is the program's path) with no input and its
// output on this process's stderr, no signal blocked and SIGINT and SIGTERM at their
// defaults, and reaps it when it ends, so that it leaves no zombie. Throws
// std::runtime_error when it cannot be started.
void start_indexer(const std::vector<std::string>& command);

}  // namespace clubsearch::web
