// The table of filters and facets.
#include "index/filters.h"

#include <algorithm>

namespace clubsearch::index {

namespace {

std::vector<FilterSpec> where(bool (*keep)(const FilterSpec&)) {
  std::vector<FilterSpec> out;
  for (const FilterSpec& spec : filters())
    if (keep(spec)) out.push_back(spec);
  return out;
}

}  // namespace

const std::vector<FilterSpec>& filters() {
  // `date:` (a range), `year:` and `month:` also accept ranges in a query; arxiv, host,
  // url, permalink, paperid and type are lookups a query makes and a request does not.
  // paperyear is on entries (their papers' years) and papers; discussed on papers only.
  static const std::vector<FilterSpec> table{
      {"section", "section", "section", true, FacetOrder::most_frequent, FacetScope::entries},
      {"source", "source", "source", true, FacetOrder::most_frequent},
      {"kind", "kind", "kind", true, FacetOrder::most_frequent},
      {"topic", "topic", "topic", true, FacetOrder::most_frequent},
      {"tag", "tag", "", true, FacetOrder::most_frequent},
      {"arxiv", "arxiv", "", false, FacetOrder::most_frequent},
      {"host", "host", "", false, FacetOrder::most_frequent},
      {"url", "url", "", false, FacetOrder::most_frequent},
      {"permalink", "permalink", "", false, FacetOrder::most_frequent},
      {"type", "type", "", false, FacetOrder::most_frequent},
      {"year", "year", "year", true, FacetOrder::newest_first},
      {"month", "month", "month", true, FacetOrder::newest_first},
      {"paperyear", "paperyear", "paperyear", true, FacetOrder::newest_first},
      {"discussed", "discussed", "discussed", true, FacetOrder::most_frequent, FacetScope::papers},
      {"paperid", "paperid", "", false, FacetOrder::most_frequent},
      {"date", "date", "", false, FacetOrder::newest_first},
  };
  return table;
}

const std::vector<FilterSpec>& request_filters() {
  static const std::vector<FilterSpec> table = where([](const FilterSpec& spec) { return spec.in_requests; });
  return table;
}

const std::vector<FilterSpec>& facets() {
  static const std::vector<FilterSpec> table =
      where([](const FilterSpec& spec) { return spec.in_requests && !spec.slot.empty(); });
  return table;
}

std::vector<std::string> names_of(const std::vector<FilterSpec>& specs) {
  std::vector<std::string> out;
  for (const FilterSpec& spec : specs) out.emplace_back(spec.name);
  return out;
}

const FilterSpec* find_request_filter(std::string_view name) {
  const auto& table = request_filters();
  const auto found =
      std::find_if(table.begin(), table.end(), [&](const FilterSpec& spec) { return spec.name == name; });
  return found == table.end() ? nullptr : &*found;
}

const std::vector<std::string_view>& column_slots() {
  static const std::vector<std::string_view> slots = [] {
    std::vector<std::string_view> out;
    for (const FilterSpec& spec : facets()) out.push_back(spec.slot);
    out.push_back(kPostSlot);
    return out;
  }();
  return slots;
}

}  // namespace clubsearch::index
