// Counting list-valued slots.
#include "query/facet_counter.h"

#include <algorithm>
#include <string_view>

namespace clubsearch::query {

void FacetCounter::operator()(const Xapian::Document& doc, double) {
  const std::string value = doc.get_value(slot_);
  std::string_view rest = value;
  while (!rest.empty()) {
    const auto end = rest.find('\n');
    const std::string_view item = rest.substr(0, end);
    if (!item.empty()) {
      // Most values are seen before: look them up without building a string.
      if (auto found = counts_.find(item); found != counts_.end())
        ++found->second;
      else
        counts_.emplace(std::string(item), 1);
    }
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  }
}

std::vector<std::pair<std::string, Xapian::doccount>> FacetCounter::counts() const {
  std::vector<std::pair<std::string, Xapian::doccount>> out(counts_.begin(), counts_.end());
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

}  // namespace clubsearch::query
