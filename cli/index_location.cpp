// Resolution of the default index location.
#include "cli/index_location.h"

#include <cstdlib>

namespace clubsearch::cli {

std::filesystem::path index_location(const std::string& db_option, const Config& config) {
  if (!db_option.empty()) return db_option;
  if (const char* env = std::getenv("CLUBSEARCH_DB"); env != nullptr && *env != '\0') return env;
  if (config.db) return *config.db;
  if (const char* data = std::getenv("XDG_DATA_HOME"); data != nullptr && *data != '\0')
    return std::filesystem::path(data) / "clubsearch" / "index";
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home != nullptr && *home != '\0' ? home : ".") / ".local" / "share" /
         "clubsearch" / "index";
}

}  // namespace clubsearch::cli
