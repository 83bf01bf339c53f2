// Nearest names by edit distance.
#include "cli/suggestions.h"

#include <algorithm>
#include <limits>

namespace clubsearch::cli {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rows of the dynamic programme: i-2, i-1 and i.
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    before.swap(previous);
    previous.swap(current);
  }
  return previous[b.size()];
}

std::vector<std::string> nearest_names(std::string_view typed, const std::vector<std::string>& known) {
  std::vector<std::string> found;
  std::size_t best = std::numeric_limits<std::size_t>::max();
  for (const std::string& name : known) {
    const std::size_t allowed = name.size() <= 5 ? 1 : name.size() <= 9 ? 2 : 3;
    const std::size_t distance = edit_distance(typed, name);
    if (distance == 0 || distance > allowed || distance > best) continue;
    if (distance < best) found.clear();
    best = distance;
    if (std::find(found.begin(), found.end(), name) == found.end()) found.push_back(name);
  }
  if (!found.empty() || typed.size() < 3) return found;
  for (const std::string& name : known)
    if (name.size() > typed.size() && name.compare(0, typed.size(), typed) == 0 &&
        std::find(found.begin(), found.end(), name) == found.end())
      found.push_back(name);
  if (found.size() > 1) found.clear();
  return found;
}

}  // namespace clubsearch::cli
