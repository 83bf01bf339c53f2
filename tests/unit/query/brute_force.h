// The brute force the query tests check the Searcher against: which documents a
// request's filters let through and what each facet counts over a set of documents,
// computed from the stored records alone (no filter terms, no value slots, no Xapian
// query); and what a few word queries match, from the posting lists of their stems.
#pragma once

#include <xapian.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "query/search_request.h"
#include "query/search_result.h"
#include "tests/unit/query/query_fixture.h"

namespace clubsearch::test {

using DocumentSet = std::set<Xapian::docid>;
using ValueCounts = std::map<std::string, std::size_t>;  // facet value → documents

inline std::string lowercase(const std::string& text) { return Xapian::Unicode::tolower(text); }

// A document's values of one facet or filter, as written in its record.
inline std::vector<std::string> values_of(const FixtureDocument& document, const std::string& facet) {
  auto list = [](const std::set<std::string>& values) {
    return std::vector<std::string>(values.begin(), values.end());
  };
  if (facet == "section")
    return document.section.empty() ? std::vector<std::string>{} : std::vector{document.section};
  if (facet == "source") return list(document.sources);
  if (facet == "kind") return list(document.kinds);
  if (facet == "topic") return list(document.topics);
  if (facet == "tag") return list(document.tags);
  if (facet == "paperyear") return list(document.paper_years);
  if (facet == "discussed") return {};  // papers only
  if (document.date.empty()) return {};
  if (facet == "year") return {document.date.substr(0, 4)};
  if (facet == "month") return {document.date.substr(0, 7)};
  FAIL("no facet " << facet);
  return {};
}

// Whether any of `wanted` (as a user types them) is among the document's values of `facet`.
inline bool has_any(const FixtureDocument& document, const std::string& facet,
                    const std::vector<std::string>& wanted) {
  for (const std::string& value : values_of(document, facet))
    for (const std::string& want : wanted)
      if (lowercase(value) == lowercase(want)) return true;
  return false;
}

// YYYY, YYYY-MM or YYYY-MM-DD → the first (or last) YYYY-MM-DD it covers, computed here
// without the code under test.
inline std::string first_day(const std::string& date) {
  if (date.size() == 4) return date + "-01-01";
  if (date.size() == 7) return date + "-01";
  return date;
}
inline std::string last_day(const std::string& date) {
  if (date.size() == 4) return date + "-12-31";
  if (date.size() == 7) {
    const int year = std::stoi(date.substr(0, 4));
    const int month = std::stoi(date.substr(5, 2));
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int days[] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return date + "-" + std::to_string(days[month - 1]);
  }
  return date;
}

// Whether the request's filters (OR within a facet, AND across, dates inclusive, undated
// never in a date range) let the document through; `except_facet`'s filter is ignored.
inline bool passes(const FixtureDocument& document, const query::SearchRequest& request,
                   const std::string& except_facet = "") {
  for (const auto& [facet, values] : request.filters)
    if (facet != except_facet && !values.empty() && !has_any(document, facet, values)) return false;
  if (!request.since.empty() || !request.until.empty()) {
    if (document.date.empty()) return false;
    if (!request.since.empty() && document.date < first_day(request.since)) return false;
    if (!request.until.empty() && document.date > last_day(request.until)) return false;
  }
  return true;
}

inline DocumentSet filtered(const FixtureIndex& index, const DocumentSet& matches,
                            const query::SearchRequest& request, const std::string& except_facet = "") {
  DocumentSet out;
  for (Xapian::docid docid : matches)
    if (passes(index.document(docid), request, except_facet)) out.insert(docid);
  return out;
}

inline DocumentSet all_documents(const FixtureIndex& index) {
  DocumentSet out;
  for (const FixtureDocument& document : index.documents) out.insert(document.docid);
  return out;
}

// What a facet counts over `documents`: for each value, the documents holding it. Values
// that differ only in case filter alike, so they are one value, keyed here in lower case.
inline ValueCounts count_values(const FixtureIndex& index, const DocumentSet& documents,
                                const std::string& facet) {
  ValueCounts counts;
  for (Xapian::docid docid : documents) {
    std::set<std::string> folded;
    for (const std::string& value : values_of(index.document(docid), facet)) folded.insert(lowercase(value));
    for (const std::string& value : folded) ++counts[value];
  }
  return counts;
}

// A facet's counts as the Searcher gave them, keyed in lower case, leaving out selected
// values shown with 0.
inline ValueCounts counts_of(const query::Facet& facet) {
  ValueCounts counts;
  for (const query::FacetValue& value : facet.values)
    if (value.count > 0) counts[lowercase(value.value)] += value.count;
  return counts;
}

inline const query::Facet* facet_named(const query::SearchResult& result, const std::string& name) {
  for (const query::Facet& facet : result.facets)
    if (facet.name == name) return &facet;
  return nullptr;
}

// The ids of documents in `documents`.
inline std::set<std::string> ids_of(const FixtureIndex& index, const DocumentSet& documents) {
  std::set<std::string> ids;
  for (Xapian::docid docid : documents) ids.insert(index.document(docid).id);
  return ids;
}

// A free-text query and the documents it matches, computed from posting lists.
struct WordQuery {
  std::string text;
  DocumentSet matches;
};

inline DocumentSet intersection(const DocumentSet& a, const DocumentSet& b) {
  DocumentSet out;
  for (Xapian::docid docid : a)
    if (b.count(docid) > 0) out.insert(docid);
  return out;
}

inline DocumentSet difference(const DocumentSet& a, const DocumentSet& b) {
  DocumentSet out;
  for (Xapian::docid docid : a)
    if (b.count(docid) == 0) out.insert(docid);
  return out;
}

// Queries whose words have no synonyms, so their match sets follow from the posting lists
// of the words' stems (the last word's completions too): the empty query, single words,
// two words, and an exclusion.
inline std::vector<WordQuery> word_queries(const FixtureIndex& index) {
  std::vector<WordQuery> queries{{"", all_documents(index)}};
  for (const char* word : {"model", "refusal", "attention", "robot", "training"}) {
    DocumentSet matches = completion_matches(index, word);
    if (!matches.empty()) queries.push_back({word, std::move(matches)});
  }
  const std::pair<const char*, const char*> pairs[] = {{"model", "training"}, {"robot", "company"}};
  for (const auto& [first, second] : pairs) {
    DocumentSet both = intersection(word_matches(index, first), completion_matches(index, second));
    if (!both.empty()) queries.push_back({std::string(first) + " " + second, std::move(both)});
  }
  DocumentSet model_not_training = difference(word_matches(index, "model"), word_matches(index, "training"));
  if (!model_not_training.empty()) queries.push_back({"model -training", std::move(model_not_training)});
  return queries;
}

}  // namespace clubsearch::test
