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
  // Forms are folded after counting: a document rarely holds two forms of one value.
  struct Folded {
    std::string shown;
    Xapian::doccount shown_count = 0;
    Xapian::doccount total = 0;
  };
  std::map<std::string, Folded> folded;
  for (const auto& [form, count] : counts_) {
    Folded& value = folded[Xapian::Unicode::tolower(form)];
    value.total += count;
    if (count > value.shown_count) {
      value.shown = form;
      value.shown_count = count;
    }
  }
  std::vector<std::pair<std::string, Xapian::doccount>> out;
  for (const auto& [key, value] : folded) out.emplace_back(value.shown, value.total);
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

}  // namespace clubsearch::query
