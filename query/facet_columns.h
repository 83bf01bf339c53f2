// FacetColumns: every document's facet values in memory as small integer codes, so that
// counting facets over a match set costs an array increment per value instead of a read
// of each facet's value slot per document. Built once from the index's value streams;
// a Searcher rebuilds it when it opens a newer index.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace clubsearch::query {

class FacetColumns {
 public:
  // One column per value slot in `slots` (a slot may hold several values joined by
  // newlines). Values that differ only in case are one value, shown in the form most
  // documents use.
  FacetColumns(const Xapian::Database& db, const std::vector<Xapian::valueno>& slots);

  std::size_t size() const noexcept { return columns_.size(); }

  // Counts, per column, the values of the documents it is shown.
  class Counter : public Xapian::MatchSpy {
   public:
    // Counts only the columns listed (indexes into the FacetColumns' slots).
    Counter(const FacetColumns& columns, std::vector<std::size_t> which);
    void operator()(const Xapian::Document& doc, double weight) override;
    // value → documents, most first; for a column that was not counted, empty.
    std::vector<std::pair<std::string, Xapian::doccount>> counts(std::size_t column) const;

   private:
    const FacetColumns& columns_;
    std::vector<std::size_t> which_;
    std::vector<std::vector<Xapian::doccount>> counts_;  // column → code → count
  };

 private:
  struct Column {
    std::vector<std::string> values;    // code → value as shown
    std::vector<std::uint32_t> starts;  // docid → first position in `codes`; one past the last docid too
    std::vector<std::uint32_t> codes;
  };
  std::vector<Column> columns_;
};

}  // namespace clubsearch::query
