// Where the index lives when no --db is given.
#pragma once

#include <filesystem>
#include <string>

#include "cli/config.h"

namespace clubsearch::cli {

// --db if given, else $CLUBSEARCH_DB, else the config file's `db`, else
// $XDG_DATA_HOME/clubsearch/index (~/.local/share/clubsearch/index).
std::filesystem::path index_location(const std::string& db_option, const Config& config);

}  // namespace clubsearch::cli
