// The last search's results, for `clubsearch open N`.
#include "cli/last_results.h"

#include <cstdlib>
#include <unistd.h>

#include <fstream>
#include <system_error>

namespace clubsearch::cli {

std::filesystem::path last_results_file() {
  const char* state = std::getenv("XDG_STATE_HOME");
  const char* home = std::getenv("HOME");
  std::filesystem::path dir;
  if (state != nullptr && *state == '/')
    dir = state;
  else if (home != nullptr && *home != '\0')
    dir = std::filesystem::path(home) / ".local" / "state";
  else
    return {};
  return dir / "clubsearch" / "last-results";
}

void remember_results(const query::SearchResult& result) {
  const std::filesystem::path file = last_results_file();
  if (file.empty() || result.hits.empty()) return;
  std::error_code error;
  std::filesystem::create_directories(file.parent_path(), error);
  if (error) return;
  // Written whole and renamed into place: two searches at once leave one list or the other.
  std::filesystem::path temporary = file;
  temporary += ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << "# clubsearch: the results of the last search shown, as numbered, for `clubsearch open N`\n";
    const std::size_t first = (result.page - 1) * result.per_page + 1;
    for (std::size_t i = 0; i < result.hits.size(); ++i) out << first + i << '\t' << result.hits[i].id << '\n';
    if (!out) {
      std::filesystem::remove(temporary, error);
      return;
    }
  }
  std::filesystem::rename(temporary, file, error);
  if (error) std::filesystem::remove(temporary, error);
}

std::optional<std::string> remembered_result(std::size_t number) {
  std::ifstream in(last_results_file());
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    if (line.substr(0, tab) == std::to_string(number)) return line.substr(tab + 1);
  }
  return std::nullopt;
}

}  // namespace clubsearch::cli
