// The filters and facets an index can be narrowed and counted by, in one table: each
// one's name (the same as a query field, a search option and an API parameter), the
// schema filter whose terms it matches, the value slot it is counted by, and how many
// values a request may give.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace clubsearch::index {

// How a facet's values are listed: the most frequent first, or the newest first (dates).
enum class FacetOrder { most_frequent, newest_first };

// Which documents a filter's values are on: entries and posts, papers, or all of them. A
// facet is counted for searches of the documents it is on.
enum class FacetScope { all, entries, papers };

struct FilterSpec {
  std::string_view name;    // "source": `source:` in a query, --source, ?source=
  std::string_view filter;  // the schema filter (term prefix) its values are matched by
  std::string_view slot;    // the schema value slot it is counted by; empty: never counted
  bool in_requests = true;  // a request may give its values (else it is a query field only)
  FacetOrder order = FacetOrder::most_frequent;
  FacetScope scope = FacetScope::all;
};

// Whether a filter (or facet) applies to a search of papers (`papers`) or of entries:
// each scope takes and counts the filters of the documents it lists.
inline bool applies(const FilterSpec& spec, bool papers) {
  return spec.scope != (papers ? FacetScope::entries : FacetScope::papers);
}

// Every filter, in the order a query's fields are listed (after the text fields).
const std::vector<FilterSpec>& filters();

// At most this many values of one filter in one request (they are alternatives: OR).
inline constexpr std::size_t kMaxValuesPerFilter = 32;

// The filters a request may give values for (SearchRequest::filters, the CLI's options,
// the API's parameters), in the order they are shown. Those with a slot are also facets.
const std::vector<FilterSpec>& request_filters();

// The facets results are counted by (the request filters with a slot), in the order
// they are shown.
const std::vector<FilterSpec>& facets();

// The names of `specs`, in their order.
std::vector<std::string> names_of(const std::vector<FilterSpec>& specs);

// The request filter of this name, or nullptr.
const FilterSpec* find_request_filter(std::string_view name);

// The value slots stored as facet columns (index/facet_columns.h): every facet's slot,
// then the post id for grouping by post. Index i of this list is column i.
const std::vector<std::string_view>& column_slots();
inline constexpr std::string_view kPostSlot = "post";

}  // namespace clubsearch::index
