// Where the index lives when no --db is given.
#pragma once

#include <filesystem>
#include <string>

namespace clubsearch::cli {

// --db if given, else $CLUBSEARCH_DB, else $XDG_DATA_HOME/clubsearch/index
// (~/.local/share/clubsearch/index).
std::filesystem::path index_location(const std::string& db_option);

}  // namespace clubsearch::cli
