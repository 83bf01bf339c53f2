// SearchRequest: what a user asks for: words, facet filters, dates, order and page.
#pragma once

#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace clubsearch::query {

// newest and oldest: by the post's date (a paper's: its latest post's); discussed: papers
// by how many posts discussed them.
enum class SortOrder { relevance, newest, oldest, discussed };

// What a search returns: entries and posts (the blog's own documents), or papers, each
// gathered from every entry that links it (`clubsearch papers`).
enum class SearchScope { entries, papers };

// What one request may ask for at most; every front end refuses more with these numbers.
inline constexpr std::size_t kMaxPerPage = 100;     // results per page
inline constexpr std::size_t kMaxRelated = 100;     // entries of a "more like this" listing
inline constexpr std::size_t kMaxDepth = 10'000;    // how far into the results a page may start
inline constexpr std::size_t kMaxQueryBytes = 1024;  // query text the server takes (longer: 414)

struct SearchRequest {
  std::string query;  // free text: words, "phrases", AND/OR/NOT, -exclusions, prefix*, field:value
  // Facet filters: facet name → values. Values of one facet are alternatives (OR); facets
  // combine with AND. Names: index::request_filters() (section, source, kind, topic, tag,
  // year, month as YYYY-MM).
  std::map<std::string, std::vector<std::string>> filters;
  std::string since;  // YYYY, YYYY-MM or YYYY-MM-DD; empty: no lower bound
  std::string until;  // likewise, inclusive (until 2024 means to the end of 2024)
  // The paper's date (an entry's first paper's), YYYY, YYYY-MM or YYYY-MM-DD, inclusive;
  // a paper whose date tells only its year is within any bound of that year.
  std::string paper_since, paper_until;
  SearchScope scope = SearchScope::entries;
  SortOrder sort = SortOrder::relevance;
  std::size_t page = 1;  // 1-based
  std::size_t per_page = 10;
  bool group_by_post = false;  // one result per post: its best entry
  bool count_facets = true;    // counting facets also makes the total exact
  bool exact_total = false;    // an exact total without counting facets (costs a full match)
  bool explain = false;        // each hit says what its score is made of (SearchHit::explain)
};

// A request that cannot be served as asked: an unknown facet, a bad date, a page out of
// range. `parameter` names what to fix ("since", "filter.source", "page").
class RequestError : public std::invalid_argument {
 public:
  RequestError(std::string parameter, const std::string& message)
      : std::invalid_argument(message), parameter_(std::move(parameter)) {}
  const std::string& parameter() const noexcept { return parameter_; }

 private:
  std::string parameter_;
};

// The query text cannot be parsed. `position` is the 0-based byte offset of the problem
// in the query (npos when unknown); `hint` says how to write it instead.
class QueryError : public std::invalid_argument {
 public:
  QueryError(const std::string& message, std::size_t position, std::string hint)
      : std::invalid_argument(message), position_(position), hint_(std::move(hint)) {}
  std::size_t position() const noexcept { return position_; }
  const std::string& hint() const noexcept { return hint_; }

 private:
  std::size_t position_;
  std::string hint_;
};

// The facets the results of a scope's searches are counted by, in the order they are
// shown (index/filters.h).
const std::vector<std::string>& facet_names(SearchScope scope = SearchScope::entries);

// The YYYYMMDD bounds of a paper date bound: as date_bound, but a lower bound leaves the
// month and the day it does not give open ("2017" → "20170000"), as paper dates that tell
// only a year or a month are stored ("20170000", "20170600").
std::string paper_date_bound(const std::string& text, bool end, const std::string& parameter);

// The YYYYMMDD bounds of a date written as YYYY, YYYY-MM or YYYY-MM-DD: the first day it
// covers (`end` false) or the last (`end` true). Throws RequestError naming `parameter`.
std::string date_bound(const std::string& text, bool end, const std::string& parameter);

}  // namespace clubsearch::query
