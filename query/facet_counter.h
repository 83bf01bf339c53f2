// FacetCounter: counts the values of one value slot over a match set, for slots that
// hold several values per document (a list: values joined by newlines).
#pragma once

#include <xapian.h>

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace clubsearch::query {

class FacetCounter : public Xapian::MatchSpy {
 public:
  explicit FacetCounter(Xapian::valueno slot) : slot_(slot) {}

  void operator()(const Xapian::Document& doc, double weight) override;

  // value → number of documents holding it, most frequent first, then by value.
  std::vector<std::pair<std::string, Xapian::doccount>> counts() const;

 private:
  Xapian::valueno slot_;
  std::map<std::string, Xapian::doccount, std::less<>> counts_;
};

}  // namespace clubsearch::query
