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

// Values that differ only in case ("Interpretability" from the taxonomy, "interpretability"
// from a tag) are one value, as they are one filter term; it is shown in its most
// common form.
class FacetCounter : public Xapian::MatchSpy {
 public:
  explicit FacetCounter(Xapian::valueno slot) : slot_(slot) {}

  void operator()(const Xapian::Document& doc, double weight) override;

  // value → number of documents holding it, most frequent first, then by value.
  std::vector<std::pair<std::string, Xapian::doccount>> counts() const;

 private:
  Xapian::valueno slot_;
  std::map<std::string, Xapian::doccount, std::less<>> counts_;  // each form as written
};

}  // namespace clubsearch::query
