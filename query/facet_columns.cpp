// Loading facet columns from value streams, and counting with them.
#include "query/facet_columns.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_map>

namespace clubsearch::query {

FacetColumns::FacetColumns(const Xapian::Database& db, const std::vector<Xapian::valueno>& slots) {
  const Xapian::docid last = db.get_lastdocid();
  for (const Xapian::valueno slot : slots) {
    Column column;
    column.starts.assign(static_cast<std::size_t>(last) + 2, 0);
    std::unordered_map<std::string, std::uint32_t> code_of;      // lowercased value → code
    std::vector<std::map<std::string, Xapian::doccount>> forms;  // code → form → documents
    Xapian::docid filled = 0;  // starts[] is filled up to and including this docid
    for (auto value = db.valuestream_begin(slot); value != db.valuestream_end(slot); ++value) {
      const Xapian::docid docid = value.get_docid();
      for (; filled < docid; ++filled)
        column.starts[filled + 1] = static_cast<std::uint32_t>(column.codes.size());
      const std::string text = *value;
      std::string_view rest = text;
      while (!rest.empty()) {
        const auto end = rest.find('\n');
        const std::string_view item = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        if (item.empty()) continue;
        const std::string key = Xapian::Unicode::tolower(std::string(item));
        auto [found, added] = code_of.emplace(key, static_cast<std::uint32_t>(forms.size()));
        if (added) forms.emplace_back();
        ++forms[found->second][std::string(item)];
        column.codes.push_back(found->second);
      }
    }
    for (; filled <= last; ++filled)
      column.starts[filled + 1] = static_cast<std::uint32_t>(column.codes.size());
    for (const auto& seen : forms)
      column.values.push_back(std::max_element(seen.begin(), seen.end(), [](const auto& a, const auto& b) {
                                return a.second < b.second;
                              })->first);
    columns_.push_back(std::move(column));
  }
}

FacetColumns::Counter::Counter(const FacetColumns& columns, std::vector<std::size_t> which)
    : columns_(columns), which_(std::move(which)), counts_(columns.columns_.size()) {
  for (std::size_t column : which_) counts_[column].assign(columns_.columns_[column].values.size(), 0);
}

void FacetColumns::Counter::operator()(const Xapian::Document& doc, double) {
  const Xapian::docid docid = doc.get_docid();
  for (std::size_t column : which_) {
    const Column& data = columns_.columns_[column];
    if (docid + 1 >= data.starts.size()) continue;  // added after the columns were loaded
    std::vector<Xapian::doccount>& counts = counts_[column];
    for (std::uint32_t i = data.starts[docid]; i < data.starts[docid + 1]; ++i) ++counts[data.codes[i]];
  }
}

std::vector<std::pair<std::string, Xapian::doccount>> FacetColumns::Counter::counts(
    std::size_t column) const {
  std::vector<std::pair<std::string, Xapian::doccount>> out;
  const std::vector<Xapian::doccount>& counts = counts_[column];
  for (std::size_t code = 0; code < counts.size(); ++code)
    if (counts[code] > 0) out.emplace_back(columns_.columns_[column].values[code], counts[code]);
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second
                                : Xapian::Unicode::tolower(a.first) < Xapian::Unicode::tolower(b.first);
  });
  return out;
}

}  // namespace clubsearch::query
