// QueryBuilder: the text a user types → a Xapian query. Field prefixes and filters come
// from the schema; pasted URLs and arXiv ids become lookups; synonyms and acronyms from
// the index widen the query; syntax errors are reported with their position.
#pragma once

#include <xapian.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "index/terms.h"
#include "query/deferred_reads.h"
#include "query/search_request.h"
#include "schemas/index_schema.h"
#include "schemas/stopword_list.h"

namespace clubsearch::query {

struct BuiltQuery {
  Xapian::Query query;         // what to run: `match`, ranked up by `title_boost` when there is one
  Xapian::Query match;         // the documents it finds: the words, their synonyms, the filters
  Xapian::Query title_boost;   // the title signals of the schema's [ranking], for matches only
  // Each signal of title_boost apart, by its [ranking] name, scaled as in title_boost.
  std::vector<std::pair<std::string, Xapian::Query>> signals;
  std::string suggestion;      // the query with misspelt words corrected, or empty
  std::size_t free_words = 0;  // words searched as free text (not fields, not operators)
  // Of those, how many an entry may hold some of: a run of CJK characters, one free word,
  // stands for half its characters.
  std::size_t partial_words = 0;
};

class QueryBuilder {
 public:
  // Reads the synonym table of `db` once; `db` must outlive the builder.
  QueryBuilder(const Xapian::Database& db, const schemas::IndexSchema& schema,
               const schemas::StopwordList& stopwords);

  // Throws QueryError. With `every_word` false, words are alternatives ranked by how
  // many match, instead of all being required. With `forgiving`, the last word is also
  // completed as if still being typed, and words the index does not hold are also
  // searched as their one-edit corrections.
  BuiltQuery build(const std::string& text, bool every_word, bool forgiving = true) const;

  // The field names a query may use ("title", "source", "date", ...).
  const std::vector<std::string>& field_names() const noexcept { return field_names_; }

  // For an index whose reads may be deferred (query/deferred_reads.h): the words of a
  // query are looked up each on its own.
  // `ahead`: DeferredReads::set_ahead (the completions' lists read to their ends).
  void defer_reads(std::function<bool()> deferred, std::function<void(std::uint64_t)> ahead = {}) {
    deferred_.set(std::move(deferred));
    deferred_.set_ahead(std::move(ahead));
  }

 private:
  struct SynonymGroup {
    std::vector<std::string> members;             // as written in the table
    std::vector<std::vector<std::string>> stems;  // each member's words, stemmed
  };

  std::string rewrite_tokens(const std::string& text) const;
  // The last word completed as it is being typed, and words the index does not hold
  // corrected, as internal fields (see forgiving_words). With reads deferred, a read it
  // lacked ends the build (DeferredReads::stop_if), unless `provisional` is given: then it
  // is set, and the text comes back as it is (see build).
  std::string forgiving_words(const std::string& text, bool& completing, bool* provisional = nullptr) const;
  // With reads deferred, reads what the match reads to complete `start` (at most `limit`
  // of the terms it begins): see the definition.
  void read_completions(const std::string& start, Xapian::termcount limit) const;
  std::vector<std::string> stems_of(std::string_view phrase) const;
  // The text with one synonym put in place of the words it stands for, and that synonym.
  struct Variant {
    std::string text;
    std::string member;
    std::size_t from = 0, to = 0;  // where the words it stands for are in the text
  };
  std::vector<Variant> synonym_variants(const std::string& text) const;
  // A text whose words are alternatives, with the words each synonym stands for made one
  // concept (the OR of its forms, each weighing as one word); nullopt for a text that is
  // one concept.
  std::optional<Xapian::Query> concepts_query(const std::string& text, const std::vector<Variant>& variants, bool forgiving,
                               std::optional<QueryError>& refused) const;
  std::vector<std::string_view> free_words(const std::string& text) const;
  bool is_synonym(std::string_view word) const;
  // `completing`: the last word is completed as it is being typed (forgiving_words).
  std::string spelling_suggestion(const std::string& text, bool completing) const;
  Xapian::QueryParser parser(bool every_word, std::optional<QueryError>& refused) const;
  std::vector<std::pair<std::string, Xapian::Query>> title_signals(const Xapian::Query& match,
                                                                   const std::string& text, bool every_word,
                                                                   bool completing) const;

  const Xapian::Database& db_;
  const schemas::IndexSchema& schema_;
  index::TermRules rules_;
  Xapian::SimpleStopper stopper_;
  Xapian::Stem stem_;
  std::vector<SynonymGroup> synonyms_;
  std::vector<std::string> field_names_;
  DeferredReads deferred_;
};

}  // namespace clubsearch::query
