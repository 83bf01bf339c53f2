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
    std::vector<std::string> keys;                               // code → lowercased value
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
        if (added) {
          forms.emplace_back();
          keys.push_back(key);
        }
        ++forms[found->second][std::string(item)];
        column.codes.push_back(found->second);
      }
    }
    for (; filled <= last; ++filled)
      column.starts[filled + 1] = static_cast<std::uint32_t>(column.codes.size());
    // Codes renumbered in the order of the lowercased values, so that counts sort by
    // comparing codes rather than strings.
    std::vector<std::uint32_t> by_key(keys.size());
    for (std::uint32_t code = 0; code < by_key.size(); ++code) by_key[code] = code;
    std::sort(by_key.begin(), by_key.end(), [&](std::uint32_t a, std::uint32_t b) { return keys[a] < keys[b]; });
    std::vector<std::uint32_t> rank(keys.size());
    for (std::uint32_t position = 0; position < by_key.size(); ++position) rank[by_key[position]] = position;
    for (std::uint32_t& code : column.codes) code = rank[code];
    for (const std::uint32_t code : by_key)
      column.values.push_back(std::max_element(forms[code].begin(), forms[code].end(),
                                               [](const auto& a, const auto& b) { return a.second < b.second; })
                                  ->first);
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
  // Codes are in the order of the lowercased values: most documents first, then by code.
  const std::vector<Xapian::doccount>& counts = counts_[column];
  std::vector<std::uint32_t> found;
  for (std::uint32_t code = 0; code < counts.size(); ++code)
    if (counts[code] > 0) found.push_back(code);
  std::stable_sort(found.begin(), found.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return counts[a] > counts[b]; });
  std::vector<std::pair<std::string, Xapian::doccount>> out;
  out.reserve(found.size());
  for (const std::uint32_t code : found) out.emplace_back(columns_.columns_[column].values[code], counts[code]);
  return out;
}

}  // namespace clubsearch::query
