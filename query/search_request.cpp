// Request limits, facet names and the date bounds of requests.
#include "query/search_request.h"

#include <chrono>

#include "index/date.h"
#include "index/filters.h"

namespace clubsearch::query {

const std::vector<std::string>& facet_names(SearchScope scope) {
  auto of = [](SearchScope wanted) {
    std::vector<std::string> names;
    for (const index::FilterSpec& spec : index::facets())
      if (index::applies(spec, wanted == SearchScope::papers)) names.emplace_back(spec.name);
    return names;
  };
  static const std::vector<std::string> entries = of(SearchScope::entries), papers = of(SearchScope::papers);
  return scope == SearchScope::papers ? papers : entries;
}

std::string paper_date_bound(const std::string& text, bool end, const std::string& parameter) {
  std::string bound = date_bound(text, end, parameter);
  if (!end && text.size() == 4) bound.replace(4, 4, "0000");
  if (!end && text.size() == 7) bound.replace(6, 2, "00");
  return bound;
}

std::string date_bound(const std::string& text, bool end, const std::string& parameter) {
  const auto invalid = [&] {
    return RequestError(parameter,
                        parameter + " '" + text + "' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD");
  };
  const bool digits = !text.empty() && text.find_first_not_of("0123456789-") == std::string::npos;
  if (!digits) throw invalid();
  if (text.size() == 4) {
    if (text.find('-') != std::string::npos) throw invalid();
    return text + (end ? "1231" : "0101");
  }
  if (text.size() == 7 && text[4] == '-') {
    const auto first = index::parse_date(text + "-01");
    if (!first) throw invalid();
    if (!end) return first->yyyymmdd();
    const std::chrono::year_month_day_last last(
        std::chrono::year(first->year),
        std::chrono::month_day_last(std::chrono::month(static_cast<unsigned>(first->month))));
    return index::Date{first->year, first->month, static_cast<int>(static_cast<unsigned>(last.day()))}
        .yyyymmdd();
  }
  const auto day = text.size() == 10 ? index::parse_date(text) : std::nullopt;
  if (!day) throw invalid();
  return day->yyyymmdd();
}

}  // namespace clubsearch::query
