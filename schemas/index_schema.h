// IndexSchema: which field becomes which Xapian term prefix, weight and value slot.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace clubsearch::schemas {

struct TextField {
  std::string name;
  std::string prefix;   // empty: the field is searched by plain queries only
  unsigned weight = 1;  // 0: the field is searched through its prefix only
};

struct FilterField {
  std::string name;
  std::string prefix;
  bool lowercase = true;
};

enum class ValueEncoding { string, date, list };

// Terms derived from titles (a paper's title, an entry's heading, a post's title), so that
// a query typed as a title, or as its beginning, can be told from the same words apart.
// An empty prefix: the terms are not indexed (and their signals never fire).
struct TitleTerms {
  std::string key_prefix;    // one term per title (and per title head): its stems in order
  std::string forms_prefix;  // each title word as written, lowercased and unstemmed
  std::string pairs_prefix;  // each two words next to each other in a title, stemmed
};

// How the signals of a ranked search weigh against the BM25 weight of the words as typed
// (weight 1). Absent keys are neutral: a boost of 0 is off; an alternative of weight 1
// weighs as much as the word it stands for.
struct Ranking {
  double bm25_k1 = 1.0;  // BM25's within-document frequency saturation
  double bm25_b = 0.5;   // BM25's length normalisation
  double title_words = 0;   // a query word (stem) in a title
  double title_forms = 0;   // a query word as typed (not its stem) in a title
  double title_phrase = 0;  // the query's words next to each other, in order, in a title
  double title_equals = 0;  // a title (or its head) is the query
  double title_starts = 0;  // a title (or its head) starts with the query as typed so far
  double synonym = 1;       // a synonym or acronym of the words typed
  double prefix = 1;        // a completion of the half-typed last word
  double typo = 1;          // a one-edit correction of a word the index does not hold
  unsigned prefix_min_letters = 2;  // a shorter last word is not completed
  unsigned prefix_expansion = 32;   // completions of the last word, the most frequent first
  unsigned typo_min_letters = 4;    // a shorter word is not corrected
};

struct ValueSlot {
  std::string name;
  unsigned slot = 0;
  ValueEncoding encoding = ValueEncoding::string;
};

class IndexSchema {
 public:
  // Parses a schema in the format of schemas/index.toml; throws SchemaError.
  static IndexSchema parse(std::string_view toml_text, std::string_view origin);
  // The schema this program was built with (schemas/index.toml, embedded).
  static const IndexSchema& builtin();

  // Identifies the text the table was parsed from: an index records it, so a changed
  // table is noticed and the index rebuilt with it.
  std::size_t fingerprint() const noexcept { return fingerprint_; }

  unsigned version() const noexcept { return version_; }
  const std::string& language() const noexcept { return language_; }  // a Snowball stemmer name
  // "all" (stems only), "some" (words as written plus Z-prefixed stems) or "none".
  const std::string& stemming() const noexcept { return stemming_; }
  // Lookups by field name throw SchemaError for a name the schema does not declare:
  // that is a programming error caught by the first test that touches the field.
  const TextField& text(std::string_view name) const;
  const FilterField& filter(std::string_view name) const;
  const ValueSlot& value(std::string_view name) const;

  const std::vector<TextField>& text_fields() const noexcept { return text_; }
  const std::vector<FilterField>& filter_fields() const noexcept { return filters_; }
  const std::vector<ValueSlot>& value_slots() const noexcept { return values_; }
  const TitleTerms& title_terms() const noexcept { return title_terms_; }
  const Ranking& ranking() const noexcept { return ranking_; }

  // The prefix of the words indexed without a field's prefix: empty in this schema, and
  // the [papers] prefix in papers().
  const std::string& text_prefix() const noexcept { return text_prefix_; }
  // The schema of papers' own documents ([papers]): every prefix, and the words without
  // one, under the [papers] prefix, but the filters it shares with the other documents.
  // This schema when there is no [papers] table, and for papers() itself. Lives as long as
  // this schema (or a copy of it).
  const IndexSchema& papers() const noexcept { return papers_ ? *papers_ : *this; }

 private:
  std::size_t fingerprint_ = 0;
  unsigned version_ = 0;
  std::string language_;
  std::string stemming_;
  std::string origin_;
  std::vector<TextField> text_;
  std::vector<FilterField> filters_;
  std::vector<ValueSlot> values_;
  TitleTerms title_terms_;
  Ranking ranking_;
  std::string text_prefix_;
  std::shared_ptr<const IndexSchema> papers_;
};

}  // namespace clubsearch::schemas
