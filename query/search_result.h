// SearchResult: what a search found: entries with marked snippets, facet counts, the
// total, and what the engine did to help (a spelling suggestion, a relaxed query).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "index/record.h"

namespace clubsearch::query {

// A piece of a snippet: text that matched the query is marked, so each front end can
// highlight it in its own way (and escape it for its own medium).
struct SnippetPart {
  std::string text;
  bool match = false;
};

// Another post that links to the same paper (same arXiv id or URL) as a result.
struct AlsoIn {
  std::string entry_id;
  std::string entry_url;
  std::string post_title;
  std::string post_url;
  std::string date;  // YYYY-MM-DD, or empty when undated
};

// One part of a hit's score: a ranking signal of the schema's [ranking] ("words" for the
// words as typed and their alternatives, "title_equals", ...), or one query term's share
// of the words (`term` set: the term as the index holds it, its field's prefix first).
struct ScorePart {
  std::string signal;
  std::string term;
  double weight = 0;
};

struct SearchHit {
  std::string id;
  double score = 0;
  index::Record record;  // the document's stored record
  std::vector<SnippetPart> snippet;
  std::vector<AlsoIn> also_in;
  std::size_t more_in_post = 0;  // with group_by_post: other matching entries of this post
  std::vector<ScorePart> explain;  // with SearchRequest::explain: the signals, then the terms
  // Not one of the results that hold every word: shown after them, when they were fewer
  // than a page, as a result holding the most of the query's words. Not in the total.
  bool closest = false;
};

struct FacetValue {
  std::string value;
  std::size_t count = 0;
  bool selected = false;
};

struct Facet {
  std::string name;
  std::vector<FacetValue> values;
};

struct SearchResult {
  std::string query;
  std::size_t total = 0;
  bool total_exact = false;
  std::size_t page = 1;
  std::size_t per_page = 10;
  std::vector<SearchHit> hits;
  std::vector<Facet> facets;         // empty when not counted
  std::string suggestion;            // "did you mean", or empty
  bool searched_suggestion = false;  // nothing matched the query, so the suggestion was searched
  bool relaxed = false;              // no entry held every word: entries holding most are shown
};

}  // namespace clubsearch::query
