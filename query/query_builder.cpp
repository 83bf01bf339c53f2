// Parsing a user's query: syntax checks with positions, links and arXiv ids turned into
// lookups, synonym variants, and Xapian's QueryParser configured from the schema.
#include "query/query_builder.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <utility>

#include "index/ascii.h"
#include "index/filters.h"
#include "index/link_keys.h"
#include "index/title_terms.h"
#include "index/utf8.h"
#include "query/cjk_words.h"
#include "index/metadata.h"
#include "index/words.h"
#include "query/search_request.h"

namespace clubsearch::query {

namespace {

using index::ascii_lowercase;

constexpr auto npos = std::string::npos;
// Wildcards (autoenc*) expand to at most this many terms, the most frequent first.
constexpr Xapian::termcount kMaxWildcardTerms = 64;
// Wildcards in one query: each reads up to kMaxWildcardTerms terms' postings in every
// field, so their number bounds what a query may cost (341 one-letter wildcards once took
// 19 s).
constexpr std::size_t kMaxWildcards = 8;
// At most this many synonym variants of one query are searched.
constexpr std::size_t kMaxVariants = 12;

// Internal fields that the text is rewritten with (forgiving_words): a reader cannot type
// them, as check_syntax refuses unknown fields before the rewrite.
constexpr const char* kCompleteField = "xxcomplete";
constexpr const char* kCorrectField = "xxcorrect";
constexpr const char* kCjkField = "xxcjk";
// A title's completions looked up for the title_starts signal.
constexpr Xapian::termcount kMaxTitleCompletions = 16;

// How every text is parsed.
constexpr unsigned kParseFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                                 Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_CJK_NGRAM;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_operator(std::string_view word) {
  return word == "AND" || word == "OR" || word == "NOT" || word == "NEAR" || word == "ADJ" || word == "XOR";
}
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A compound of words of two or more letters joined by hyphens ("weed-killing",
// "parameter-efficient"); not a model or version name with digits ("GPT-4o").
bool is_hyphenated_words(std::string_view token) {
  std::size_t run = 0;
  bool hyphen = false;
  for (const char c : token) {
    if (is_letter(c)) {
      ++run;
    } else if (c == '-' && run >= 2) {
      hyphen = true;
      run = 0;
    } else {
      return false;
    }
  }
  return hyphen && run >= 2;
}

// Quotes and apostrophes as people type them, or copy them from a page: curly double
// quotes (and guillemets) are phrase quotes, curly apostrophes are apostrophes, and a
// possessive typed without its apostrophe ("Anthropic s") is one.
std::string typed_quotes_normalised(const std::string& text) {
  static const std::pair<std::string_view, char> kReplacements[] = {
      {"\u201c", '"'},  {"\u201d", '"'},  {"\u201e", '"'},  {"\u201f", '"'}, {"\u00ab", '"'},
      {"\u00bb", '"'},  {"\u2033", '"'},  {"\u2018", '\''}, {"\u2019", '\''}, {"\u201a", '\''},
      {"\u201b", '\''}, {"\u02bc", '\''}, {"\u2032", '\''}};
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (const auto& [from, to] : kReplacements)
      if (std::string_view(text).substr(i, from.size()) == from) {
        out += to;
        i += from.size();
        replaced = true;
        break;
      }
    if (!replaced) out += text[i++];
  }
  // "anthropic s responsible" → "anthropic's responsible"
  for (std::size_t at = out.find(" s"); at != npos; at = out.find(" s", at + 1)) {
    const bool after_word = at > 0 && is_letter(out[at - 1]);
    const bool alone = at + 2 == out.size() || is_space(out[at + 2]) || out[at + 2] == '"';
    if (after_word && alone) out[at] = '\'';
  }
  return out;
}

// `paper:` with a year or a range of years is the paper's date, not its title's words:
// `paper:2017..2019`, `paper:2017`, `paper:..2015` are `paperyear:` ranges.
std::string paper_dates_as_paper_year(const std::string& text) {
  constexpr std::string_view kField = "paper:";
  std::string out;
  std::size_t last = 0;
  for (std::size_t at = text.find(kField); at != npos; at = text.find(kField, at + 1)) {
    if (at > 0 && !is_space(text[at - 1]) && text[at - 1] != '(' && text[at - 1] != '-' && text[at - 1] != '+')
      continue;
    const std::size_t start = at + kField.size();
    std::size_t end = start;
    while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) != 0 || text[end] == '.'))
      ++end;
    const std::string_view value = std::string_view(text).substr(start, end - start);
    const bool at_word_end = end == text.size() || is_space(text[end]) || text[end] == ')';
    if (!at_word_end || value.size() < 4 || (value.find("..") == npos && value.find('.') != npos)) continue;
    out += text.substr(last, at - last) + "paperyear:";
    last = start;
  }
  return out + text.substr(last);
}

// Whether a query is a list of words: no phrase, group, field, required or excluded word,
// or operator, so that each word is merely an alternative when any word may match.
bool is_words_only(const std::string& text) {
  if (text.find_first_of("\"():") != std::string::npos) return false;
  for (std::string_view word : index::words_of(text)) {
    const std::size_t start = static_cast<std::size_t>(word.data() - text.data());
    if (is_operator(word) || (start > 0 && (text[start - 1] == '+' || text[start - 1] == '-'))) return false;
  }
  return true;
}

// Where a field processor leaves the first value it refused. Throwing out of Xapian's
// parser would leak the parser's state, so the value matches nothing and the error is
// thrown once parsing is over.
using FieldError = std::optional<QueryError>;

void refuse(FieldError& error, QueryError refusal) {
  if (!error) error.emplace(std::move(refusal));
}

// A term filter: `field:value` → the term the indexer wrote for that value (the term
// rules of index/terms.h).
class TermField : public Xapian::FieldProcessor {
 public:
  TermField(const index::TermRules& rules, std::string field, std::string filter, std::string expected,
            FieldError& error)
      : rules_(rules),
        field_(std::move(field)),
        filter_(std::move(filter)),
        expected_(std::move(expected)),
        error_(error) {}

  Xapian::Query operator()(const std::string& value) override {
    const std::string key = index::filter_key(filter_, value);
    if (!key.empty()) return Xapian::Query(rules_.term(filter_, key));
    refuse(error_, QueryError(field_ + ":" + value + " is not " + expected_, npos,
                              "write " + field_ + ": followed by " + expected_));
    return Xapian::Query::MatchNothing;
  }

 private:
  const index::TermRules& rules_;
  std::string field_, filter_;
  std::string expected_;
  FieldError& error_;
};

// A link pasted into the query, looked up by every key it may be indexed under
// (index::link_lookup): the blog's own page first, then, for a post's page, its entries,
// then the entries about the link, then those that only mention it. A processor of a
// boolean prefix gives a filter, which has no weight, so this is a free-text prefix; and
// as Xapian's parser hands such a processor one word, the link reaches it as one: its
// bytes in hex (pasted_link_word).
class PastedLinkField : public Xapian::FieldProcessor {
 public:
  PastedLinkField(const index::TermRules& rules, const Xapian::Database& db) : rules_(rules), db_(db) {}

  Xapian::Query operator()(const std::string& word) override {
    const std::optional<index::LinkLookup> lookup = index::link_lookup(from_hex(word), site_host());
    if (!lookup) return Xapian::Query::MatchNothing;
    std::vector<Xapian::Query> own, post_entries, about, mentions;
    if (!lookup->permalink.empty()) {
      own.emplace_back(rules_.term("permalink", lookup->permalink));
      // A post's page: its entries' keys are its own and "#" and their anchor.
      if (lookup->permalink.find('#') == npos)
        post_entries.emplace_back(Xapian::Query::OP_WILDCARD, rules_.term("permalink", lookup->permalink + "#"),
                                  kMaxPostEntries, Xapian::Query::WILDCARD_LIMIT_FIRST);
    }
    for (const std::string& url : lookup->urls) {
      about.emplace_back(rules_.item_term("url", url));
      mentions.emplace_back(rules_.term("url", url));
    }
    if (!lookup->arxiv.empty()) {
      about.emplace_back(rules_.item_term("arxiv", lookup->arxiv));
      mentions.emplace_back(rules_.term("arxiv", lookup->arxiv));
    }
    // Each level weighs the same for every document it holds; a document in several
    // counts at its best.
    std::vector<Xapian::Query> levels;
    double weight = 4;
    for (const auto* level : {&own, &post_entries, &about, &mentions}) {
      if (!level->empty())
        levels.emplace_back(Xapian::Query::OP_FILTER,
                            Xapian::Query((new Xapian::FixedWeightPostingSource(weight))->release()),
                            Xapian::Query(Xapian::Query::OP_OR, level->begin(), level->end()));
      weight -= 1;
    }
    return Xapian::Query(Xapian::Query::OP_MAX, levels.begin(), levels.end());
  }

 private:
  // A post with more entries than this has its first ones found by its page's URL.
  static constexpr Xapian::termcount kMaxPostEntries = 1000;

  static std::string from_hex(const std::string& hex) {
    auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
      out.push_back(static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1])));
    return out;
  }

  // The host of the blog's base URL, as the index recorded it; empty when unknown.
  const std::string& site_host() {
    if (!site_host_) {
      const std::optional<index::WebUrl> base = index::parse_web_url(db_.get_metadata(index::metadata::kBaseUrl));
      site_host_ = base ? base->host : std::string();
    }
    return *site_host_;
  }

  const index::TermRules& rules_;
  const Xapian::Database& db_;
  std::optional<std::string> site_host_;
};

// A date filter on the date value slot: `date:2024-07`, `date:2024-07..2024-09`,
// `date:2024..`, `date:..2023-06`, and `year:2024` or `year:2022..2024`.
class DateField : public Xapian::FieldProcessor {
 public:
  // `partial`: the slot's dates may leave the month and day open (a paper's date).
  DateField(std::string field, Xapian::valueno slot, bool years_only, FieldError& error, bool partial = false)
      : field_(std::move(field)), slot_(slot), years_only_(years_only), partial_(partial), error_(error) {}

  Xapian::Query operator()(const std::string& value) override {
    try {
      const auto dots = value.find("..");
      const std::string from = dots == npos ? value : value.substr(0, dots);
      const std::string to = dots == npos ? value : value.substr(dots + 2);
      if (from.empty() && to.empty()) throw error(value);
      const std::string low = from.empty() ? "" : bound(from, false, value);
      const std::string high = to.empty() ? "" : bound(to, true, value);
      if (!high.empty() && !low.empty() && low > high)
        throw QueryError(field_ + ":" + value + " ends before it starts", npos,
                         "write the earlier date first");
      if (low.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot_, high);
      if (high.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot_, low);
      return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot_, low, high);
    } catch (QueryError& refusal) {
      refuse(error_, std::move(refusal));
      return Xapian::Query::MatchNothing;
    }
  }

 private:
  std::string bound(const std::string& date, bool end, const std::string& value) const {
    if (years_only_ && date.size() != 4) throw error(value);
    try {
      return partial_ ? paper_date_bound(date, end, field_) : date_bound(date, end, field_);
    } catch (const RequestError&) {
      throw error(value);
    }
  }

  QueryError error(const std::string& value) const {
    const std::string form = years_only_ ? "YYYY" : "YYYY, YYYY-MM or YYYY-MM-DD";
    return QueryError(field_ + ":" + value + " is not a date", npos,
                      "write " + field_ + ":" + form + ", or a range like " + field_ + ":" +
                          (years_only_ ? "2023..2024" : "2024-07..2024-09"));
  }

  std::string field_;
  Xapian::valueno slot_;
  bool years_only_;
  bool partial_;
  FieldError& error_;
};

// The completions of a word's beginning among the index's terms under `prefix` (none, or
// a stem's, for plain text), the most frequent first, as one synonym: they stand for one
// word being typed.
Xapian::Query completions(const std::string& prefix, const std::string& start, Xapian::termcount limit) {
  return Xapian::Query(Xapian::Query::OP_WILDCARD, prefix + start, limit, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                       Xapian::Query::OP_SYNONYM);
}

// How many characters (not bytes) a word has.
std::size_t letters_of(std::string_view word) {
  std::size_t letters = 0;
  for (Xapian::Utf8Iterator it(word.data(), word.size()); it != Xapian::Utf8Iterator(); ++it) ++letters;
  return letters;
}

// Whether the index holds a term that starts with `start` (under no prefix).
bool has_term_starting(const Xapian::Database& db, const std::string& start) {
  return db.allterms_begin(start) != db.allterms_end(start);
}

// Whether a stem of the text (its terms under `text`) begins with the word as typed or
// with its stem `stemmed`: the word completes among the stems.
bool stems_begin_with(const Xapian::Database& db, const std::string& text, const std::string& word,
                      const std::string& stemmed) {
  return has_term_starting(db, text + word) || has_term_starting(db, text + stemmed);
}

// The stems of the words as written that begin with `start` (the spelling table's: the
// words of the texts the index holds), the most frequent words first, at most `limit`
// words, leaving out the stems that begin with `start` or with its own stem: those are
// completions among the index's terms already. What is left is what a half-typed word
// begins only as written: "evalua" begins "evaluation", whose stem is "evalu". Looked up
// only for a word no stem of the index begins with.
std::vector<std::string> written_completions(const Xapian::Database& db, const Xapian::Stem& stem,
                                             const std::string& start, Xapian::termcount limit) {
  // Words read at most, in the order of the table (a short beginning starts many).
  constexpr std::size_t kScanned = 1000;
  std::vector<std::pair<Xapian::doccount, std::string>> words;
  auto word = db.spellings_begin();
  word.skip_to(start);
  for (; word != db.spellings_end() && words.size() < kScanned; ++word) {
    const std::string written = *word;
    if (written.compare(0, start.size(), start) != 0) break;
    words.emplace_back(word.get_termfreq(), written);
  }
  std::stable_sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  if (words.size() > limit) words.resize(limit);
  const std::string own = stem(start);
  std::vector<std::string> stems;
  for (const auto& [frequency, written] : words) {
    std::string stemmed = stem(written);
    if (stemmed.rfind(start, 0) == 0 || stemmed.rfind(own, 0) == 0) continue;
    if (std::find(stems.begin(), stems.end(), stemmed) == stems.end()) stems.push_back(std::move(stemmed));
  }
  return stems;
}

// `xxcomplete:word`, the last word as it is being typed: the word itself (its stem), or
// any word it begins, among the text's stems, the words as written and the titles'
// words as written, weighing less than the word typed.
class CompleteField : public Xapian::FieldProcessor {
 public:
  CompleteField(const Xapian::Database& db, const Xapian::Stem& stem, const schemas::IndexSchema& schema)
      : db_(db), stem_(stem), schema_(schema) {}

  Xapian::Query operator()(const std::string& word) override {
    const schemas::Ranking& ranking = schema_.ranking();
    const std::string stemmed = stem_(word);
    const std::string& text = schema_.text_prefix();
    std::vector<Xapian::Query> starts{completions(text, word, ranking.prefix_expansion)};
    // The index holds stems, and a stem may be shorter than what was typed
    // ("autoencode" is "autoencod"): the stem's completions too.
    if (stemmed != word && word.rfind(stemmed, 0) == 0)
      starts.push_back(completions(text, stemmed, ranking.prefix_expansion));
    // Or it may end before what was typed does ("evalua" is in "evaluation", "evalu"):
    // where no stem begins with the word, the words as written it begins.
    if (!stems_begin_with(db_, text, word, stemmed)) {
      std::vector<Xapian::Query> written;
      for (const std::string& other : written_completions(db_, stem_, word, ranking.prefix_expansion))
        written.emplace_back(text + other);
      if (!written.empty()) starts.emplace_back(Xapian::Query::OP_SYNONYM, written.begin(), written.end());
    }
    if (const std::string& forms = schema_.title_terms().forms_prefix; !forms.empty())
      starts.push_back(completions(forms, word, ranking.prefix_expansion));
    return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(text + stemmed),
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                       Xapian::Query(Xapian::Query::OP_OR, starts.begin(), starts.end()),
                                       ranking.prefix));
  }

 private:
  const Xapian::Database& db_;
  const Xapian::Stem& stem_;
  const schemas::IndexSchema& schema_;
};

// `xxcorrect:word`, a word the index does not hold: the word, or the word of the index's
// spelling table one edit away from it, weighing less.
class CorrectField : public Xapian::FieldProcessor {
 public:
  CorrectField(const Xapian::Database& db, const Xapian::Stem& stem, const schemas::IndexSchema& schema)
      : db_(db), stem_(stem), schema_(schema) {}

  Xapian::Query operator()(const std::string& word) override {
    const std::string& text = schema_.text_prefix();
    const std::string stemmed = text + stem_(word);
    const std::string correction = db_.get_spelling_suggestion(word, 1);
    if (correction.empty() || text + stem_(correction) == stemmed) return Xapian::Query(stemmed);
    return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(stemmed),
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(text + stem_(correction)),
                                       schema_.ranking().typo));
  }

 private:
  const Xapian::Database& db_;
  const Xapian::Stem& stem_;
  const schemas::IndexSchema& schema_;
};

// `xxcjk:run`, a run of CJK characters (cjk_words.h), under `prefix` (the words').
class CjkField : public Xapian::FieldProcessor {
 public:
  CjkField(std::string prefix, bool every_word) : prefix_(std::move(prefix)), every_word_(every_word) {}
  Xapian::Query operator()(const std::string& run) override { return cjk_run_query(run, prefix_, !every_word_); }

 private:
  std::string prefix_;
  bool every_word_;
};

// What a filter's value must be, for the message when it is not.
std::string expected_value(std::string_view filter) {
  if (filter == "arxiv") return "an arXiv id like 2404.03592";
  if (filter == "host") return "a host name";
  if (filter == "url") return "a URL";
  if (filter == "type") return "entry, post or paper";
  if (filter == "month") return "a month like 2024-07";
  return "a value";
}

// Where `field:value` stands in the query, to point at it.
std::size_t position_of(const std::string& text, const std::string& what) {
  const auto at = ascii_lowercase(text).find(ascii_lowercase(what));
  return at;
}

// A parenthesis that closes nothing, too many wildcards, and unknown fields, with the
// position to fix. (A quote or parenthesis left open was closed by closed_at_end.)
void check_syntax(const std::string& text, const std::vector<std::string>& fields) {
  bool quoted = false;
  std::size_t open_parens = 0;
  std::size_t wildcards = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      quoted = !quoted;
    } else if (quoted) {
      continue;
    } else if (c == '*' && i > 0 && !is_space(text[i - 1]) && text[i - 1] != '*' && ++wildcards > kMaxWildcards) {
      throw QueryError("more than " + std::to_string(kMaxWildcards) + " wildcards: the one at position " +
                           std::to_string(i + 1) + " is one too many",
                       i, "a query may end " + std::to_string(kMaxWildcards) +
                              " words with *; write the others out, or search them apart");
    } else if (c == '(') {
      ++open_parens;
    } else if (c == ')') {
      if (open_parens == 0)
        throw QueryError("')' at position " + std::to_string(i + 1) + " closes nothing", i,
                         "remove it, or open it with '(' before");
      --open_parens;
    } else if (is_letter(c) && (i == 0 || is_space(text[i - 1]) || text[i - 1] == '(' || text[i - 1] == '-' ||
                                text[i - 1] == '+')) {
      std::size_t end = i;
      while (end < text.size() && (is_letter(text[end]) || text[end] == '_')) ++end;
      if (end < text.size() && text[end] == ':' && end + 1 < text.size() && !is_space(text[end + 1])) {
        const std::string name = ascii_lowercase(std::string_view(text).substr(i, end - i));
        const bool url = text.compare(end, 3, "://") == 0;
        if (!url && std::find(fields.begin(), fields.end(), name) == fields.end()) {
          std::string known;
          for (const std::string& field : fields) known += (known.empty() ? "" : " ") + field + ":";
          throw QueryError(
              "unknown field '" + text.substr(i, end - i) + ":' at position " + std::to_string(i + 1), i,
              "the fields are " + known + "; to search the word itself, put it in quotes");
        }
      }
      i = end - 1;
    }
  }
}

// What closes the quote and the parentheses `text` leaves open: '"' for a quote, then a
// ')' for each '(' outside quotes. A ')' that closes nothing is check_syntax's to report.
std::string closing_of(const std::string& text) {
  bool quoted = false;
  std::size_t open = 0;
  for (const char c : text) {
    if (c == '"') quoted = !quoted;
    else if (!quoted && c == '(') ++open;
    else if (!quoted && c == ')' && open > 0) --open;
  }
  return std::string(quoted ? "\"" : "") + std::string(open, ')');
}

// `text` with the quote and parentheses it leaves open closed at its end, as a reader
// typing a phrase or a group is searching what is typed so far; an opening quote or
// parenthesis with nothing after it yet is dropped instead.
std::string closed_at_end(std::string text) {
  for (;;) {
    const std::string closing = closing_of(text);
    const std::size_t end = text.find_last_not_of(" \t\r\n");
    if (closing.empty() || end == npos) return text;
    const char last = text[end];
    if ((last == '"' && closing.front() == '"') || (last == '(' && closing.back() == ')' && closing.front() != '"')) {
      text.erase(end);
      continue;
    }
    return text + closing;
  }
}

// The byte ranges of the whitespace-separated tokens of `text` outside quotes.
std::vector<std::pair<std::size_t, std::size_t>> tokens_of(const std::string& text) {
  std::vector<std::pair<std::size_t, std::size_t>> tokens;
  bool quoted = false;
  std::size_t start = npos;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const bool end = i == text.size() || (!quoted && is_space(text[i]));
    if (i < text.size() && text[i] == '"') quoted = !quoted;
    if (end) {
      if (start != npos) tokens.emplace_back(start, i);
      start = npos;
    } else if (start == npos && !quoted) {
      start = i;
    }
  }
  return tokens;
}

// Where an operator lacks a word on one side ("AND refusal", "sae OR", "a AND OR b").
std::size_t dangling_operator(const std::string& text) {
  const auto tokens = tokens_of(text);
  auto is_operator_at = [&](std::size_t i) {
    return is_operator(std::string_view(text).substr(tokens[i].first, tokens[i].second - tokens[i].first));
  };
  for (std::size_t i = 0; i < tokens.size(); ++i)
    if (is_operator_at(i) &&
        (i == 0 || i + 1 == tokens.size() || is_operator_at(i - 1) || is_operator_at(i + 1)))
      return tokens[i].first;
  return npos;
}

// Where the first NEAR or ADJ ("NEAR/3") of a query is, or npos: as Xapian's parser reads
// them, between characters that are not letters or digits ("a&{NEAR" holds one; so may
// "date\uFFFDNEAR", so any character outside ASCII counts as a boundary too).
std::size_t proximity_operator(const std::string& text) {
  const auto word_character = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  std::size_t first = npos;
  for (const std::string_view name : {std::string_view("NEAR"), std::string_view("ADJ")})
    for (std::size_t at = text.find(name); at != npos && at < first; at = text.find(name, at + 1))
      if ((at == 0 || !word_character(text[at - 1])) &&
          (at + name.size() == text.size() || !word_character(text[at + name.size()])))
        first = at;
  return first;
}

// The hidden field a pasted link is searched by (PastedLinkField).
constexpr std::string_view kPastedLinkField = "pastedlink";

// Whether the text Xapian is handed has a NEAR or ADJ and a word that one of the hidden
// fields above searches as several terms (a pasted link, CJK text). Xapian refuses such a
// word beside NEAR or ADJ with an UnimplementedError thrown from inside its parser, which
// leaks the half-built query (96 bytes a time in 1.4.22, found by the search and API fuzz
// targets), so such a text is refused before it is parsed: any NEAR or ADJ that
// proximity_operator finds counts, wherever the field's word is. (Xapian takes a word
// completed or corrected beside NEAR and ADJ: unit.query holds it.)
bool processed_word_beside_proximity(const std::string& searched) {
  if (proximity_operator(searched) == npos) return false;
  for (const std::string_view field : {std::string_view(kPastedLinkField), std::string_view(kCjkField)})
    if (searched.find(std::string(field) + ":") != npos) return true;
  return false;
}

// Xapian's parse of `searched`, refusing first what its parser would refuse by leaking.
Xapian::Query parse_refusing_leaks(Xapian::QueryParser parser, const std::string& searched, unsigned flags) {
  if (processed_word_beside_proximity(searched))
    throw Xapian::UnimplementedError("NEAR or ADJ beside a word searched as a query of its own");
  return parser.parse_query(searched, flags);
}

// Whether a token is a link to look up (index::link_lookup): a web address with or
// without its scheme ("https://…", "arxiv.org/abs/…", "www.lesswrong.com/posts/…"), a site
// path ("/blog/post/#part"), or a bare arXiv id. A field ("url:…", "arXiv:…") is not.
bool is_pasted_link(std::string_view token) { return index::link_lookup(token, {}).has_value(); }

// The pasted link as the one word Xapian's parser hands the hidden field: its bytes in
// lowercase hex.
std::string pasted_link_word(std::string_view link) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(kPastedLinkField);
  out += ':';
  for (const char c : link) {
    const auto byte = static_cast<unsigned char>(c);
    out += kHex[byte >> 4];
    out += kHex[byte & 0x0F];
  }
  return out;
}

// The byte ranges of tokens that are a field and its value (title:x, source:"a b") or a
// link: their words are not free text, and never spelling mistakes.
std::vector<std::pair<std::size_t, std::size_t>> field_spans(const std::string& text) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (const auto& [start, end] : tokens_of(text))
    if (text.find(':', start) < end || is_pasted_link(std::string_view(text).substr(start, end - start)))
      spans.emplace_back(start, end);
  return spans;
}

bool inside(const std::vector<std::pair<std::size_t, std::size_t>>& spans, std::size_t position) {
  return std::any_of(spans.begin(), spans.end(),
                     [&](const auto& span) { return position >= span.first && position < span.second; });
}

bool is_acronym(const std::string& member) {
  // "SAE", "SAEs", "RLHF", "LLMs": capitals, maybe a plural s.
  std::size_t capitals = 0;
  for (std::size_t i = 0; i < member.size(); ++i) {
    const char c = member[i];
    if (c >= 'A' && c <= 'Z')
      ++capitals;
    else if (!(c == 's' && i + 1 == member.size()) && !(c >= '0' && c <= '9') && c != '-')
      return false;
  }
  return capitals >= 2;
}

}  // namespace

QueryBuilder::QueryBuilder(const Xapian::Database& db, const schemas::IndexSchema& schema,
                           const schemas::StopwordList& stopwords)
    : db_(db),
      schema_(schema),
      rules_(schema),
      stopper_(stopwords.words().begin(), stopwords.words().end()),
      stem_(schema.language()) {
  for (const schemas::TextField& field : schema_.text_fields())
    if (!field.prefix.empty()) field_names_.push_back(field.name);
  for (const index::FilterSpec& filter : index::filters()) field_names_.emplace_back(filter.name);

  // The synonym table maps each lowercased member to the others as written: put the
  // groups back together, each member as written (a member's own spelling is among the
  // values of any other member).
  std::vector<std::string> grouped;  // lowercased members already in a group
  for (auto key = db_.synonym_keys_begin(); key != db_.synonym_keys_end(); ++key) {
    if (std::find(grouped.begin(), grouped.end(), *key) != grouped.end()) continue;
    SynonymGroup group;
    group.members.assign(db_.synonyms_begin(*key), db_.synonyms_end(*key));
    if (group.members.empty()) continue;
    const std::string mate = ascii_lowercase(group.members.front());
    std::string written = *key;
    for (auto other = db_.synonyms_begin(mate); other != db_.synonyms_end(mate); ++other)
      if (ascii_lowercase(*other) == *key) written = *other;
    group.members.push_back(written);
    for (const std::string& member : group.members) {
      grouped.push_back(ascii_lowercase(member));
      group.stems.push_back(stems_of(member));
    }
    synonyms_.push_back(std::move(group));
  }
}

Xapian::QueryParser QueryBuilder::parser(bool every_word, FieldError& refused) const {
  Xapian::QueryParser parser;
  parser.set_database(db_);
  parser.set_stemmer(Xapian::Stem(schema_.language()));
  parser.set_stemming_strategy(rules_.parser_stemming());
  parser.set_stopper(&stopper_);
  parser.set_default_op(every_word ? Xapian::Query::OP_AND : Xapian::Query::OP_OR);
  parser.set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  for (const schemas::TextField& field : schema_.text_fields())
    if (!field.prefix.empty()) parser.add_prefix(field.name, field.prefix);
  // Words without a field: under no prefix, or a paper's own ([papers]).
  if (!schema_.text_prefix().empty()) parser.add_prefix("", schema_.text_prefix());

  // Every filter looks up its terms, but the dates, which are ranges over the date slot
  // (year:2022..2024, date:2024-07..) or the paper date's (paperyear:2017..2019).
  const Xapian::valueno date_slot = schema_.value("date").slot;
  for (const index::FilterSpec& filter : index::filters()) {
    const std::string name(filter.name);
    Xapian::FieldProcessor* field = nullptr;
    if (name == "date" || name == "year")
      field = new DateField(name, date_slot, name == "year", refused);
    else if (name == "paperyear")
      field = new DateField(name, schema_.value("paperdate").slot, true, refused, true);
    else
      field = new TermField(rules_, name, std::string(filter.filter), expected_value(filter.filter), refused);
    parser.add_boolean_prefix(name, field->release());
  }
  parser.add_prefix(kCompleteField, (new CompleteField(db_, stem_, schema_))->release());
  parser.add_prefix(kCorrectField, (new CorrectField(db_, stem_, schema_))->release());
  parser.add_prefix(kCjkField, (new CjkField(schema_.text_prefix(), every_word))->release());
  parser.add_prefix(std::string(kPastedLinkField), (new PastedLinkField(rules_, db_))->release());
  return parser;
}

namespace {

// A query of exclusions only ("-jailbreak") means everything but them; Xapian would
// search the excluded words themselves, so they become NOT clauses.
std::string only_exclusions_as_not(const std::string& text) {
  const auto tokens = tokens_of(text);
  const bool all_excluded =
      !tokens.empty() && std::all_of(tokens.begin(), tokens.end(), [&](const auto& token) {
        return token.second - token.first > 1 && text[token.first] == '-';
      });
  if (!all_excluded) return text;
  std::string out;
  for (const auto& [start, end] : tokens)
    out += (out.empty() ? "NOT " : " NOT ") + text.substr(start + 1, end - start - 1);
  return out;
}

}  // namespace

std::string QueryBuilder::rewrite_tokens(const std::string& text) const {
  // A pasted link (a bare arXiv id too) finds its own page on the blog and the entries
  // that link to it (PastedLinkField); a field typed with capitals ("arXiv:", "Title:") is
  // still that field; an acronym that is also a stopword when lowercased ("US", "IT") is
  // searched, not dropped.
  std::string out;
  std::size_t last = 0;
  for (const auto& [start, end] : tokens_of(text)) {
    std::string token = text.substr(start, end - start);
    std::string replacement;
    const auto colon = token.find(':');
    const std::string lower = ascii_lowercase(token);
    if (is_pasted_link(token)) {
      replacement = pasted_link_word(token);
    } else if (colon != npos && colon > 0) {
      const std::string name = lower.substr(0, colon);
      if (std::find(field_names_.begin(), field_names_.end(), name) != field_names_.end())
        replacement = name + token.substr(colon);
    } else if (token.size() > 1 && token.back() == '*' && colon == npos) {
      // The index holds stems, so a prefix must be one too: "monosemantic*" would miss
      // "monosemant" (monosemanticity), so it searches the prefix's stem.
      const std::string prefix = lower.substr(0, lower.size() - 1);
      const std::string stemmed = stem_(prefix);
      if (stemmed != prefix && prefix.rfind(stemmed, 0) == 0) replacement = stemmed + "*";
    } else if (token.size() >= 2 &&
               std::all_of(token.begin(), token.end(), [](char c) { return c >= 'A' && c <= 'Z'; }) &&
               stopper_(lower) && !is_operator(token)) {
      replacement = "\"" + token + "\"";  // words in a phrase are never stopped
    } else if (is_hyphenated_words(token)) {
      replacement = token;
      std::replace(replacement.begin(), replacement.end(), '-', ' ');
    }
    if (replacement.empty()) continue;
    out += text.substr(last, start - last) + replacement;
    last = end;
  }
  return out + text.substr(last);
}

namespace {

// The words a reader typed as text, in order: tokens that are not a field (field:value, a
// link), an operator or an excluded word, without their quotes, parentheses or a leading +.
std::string plain_text(const std::string& text) {
  // Tokens split at spaces outside quotes (tokens_of leaves phrases out; here they count).
  std::vector<std::string> tokens;
  std::string token;
  bool quoted = false;
  for (const char c : text + " ") {
    if (c == '"') quoted = !quoted;
    if (!quoted && is_space(c)) {
      if (!token.empty()) tokens.push_back(std::move(token));
      token.clear();
    } else {
      token += c;
    }
  }
  std::string out;
  for (std::string& word : tokens) {
    if (word.find(':') != npos || word.front() == '-' || is_operator(word)) continue;
    word.erase(std::remove_if(word.begin(), word.end(), [](char c) { return c == '"' || c == '(' || c == ')'; }),
               word.end());
    if (!word.empty() && word.front() == '+') word.erase(0, 1);
    out += (out.empty() ? "" : " ") + word;
  }
  return out;
}

}  // namespace

std::vector<std::pair<std::string, Xapian::Query>> QueryBuilder::title_signals(const Xapian::Query& match,
                                                                               const std::string& text,
                                                                               bool every_word,
                                                                               bool completing) const {
  const schemas::Ranking& ranking = schema_.ranking();
  const schemas::TitleTerms& titles = schema_.title_terms();
  std::vector<std::pair<std::string, Xapian::Query>> signals;
  auto add = [&](const char* name, std::vector<Xapian::Query>& alternatives, double factor) {
    if (factor <= 0 || alternatives.empty()) return;
    signals.emplace_back(name, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                             Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end()),
                                             factor));
  };
  const std::string& paper = schema_.text("paper").prefix;
  const std::string& heading = schema_.text("title").prefix;

  // When every word must match, those that are also in a paper's or heading's title add
  // weight (rarer terms there: a word in a paper's title outranks the same word in a
  // passing remark), and more when they are there as typed. A question whose words are
  // alternatives ranks by how many of them an entry holds instead, which these would
  // drown. Plain terms, never phrases: a phrase would read the positions of every match.
  std::vector<std::string> words = index::title_words(plain_text(text));
  if (every_word) {
    // A run of CJK characters ranks by its pairs (cjk_words.h), here too: its characters
    // alone in a title say little of whether its words are there.
    std::vector<std::string> match_words;
    bool cjk_pairs = false;
    for (auto term = match.get_unique_terms_begin(); term != match.get_terms_end(); ++term) {
      const std::string text_term = *term;
      const std::optional<std::string_view> word = index::word_of_term(text_term, schema_);
      if (!word) continue;  // fields and filters
      match_words.emplace_back(*word);
      cjk_pairs = cjk_pairs || (index::is_cjk_word(*word) && letters_of(*word) != 1);
    }
    std::vector<Xapian::Query> stems;
    for (const std::string& word : match_words) {
      if (cjk_pairs && index::is_cjk_word(word) && letters_of(word) == 1) continue;
      for (const std::string& prefix : {paper, heading}) stems.emplace_back(prefix + word);
    }
    add("title_words", stems, ranking.title_words);
    std::vector<Xapian::Query> forms;
    if (!titles.forms_prefix.empty())
      for (std::size_t i = 0; i < words.size(); ++i)
        if (!index::is_cjk_word(words[i]) && !stopper_(words[i]) && !(completing && i + 1 == words.size()))
          forms.emplace_back(titles.forms_prefix + words[i]);
    add("title_forms", forms, ranking.title_forms);
  }
  if (words.empty()) return signals;

  std::vector<std::string> stems;
  for (const std::string& word : words) stems.push_back(stem_(word));
  // Two words typed next to each other, next to each other in a title: a term per pair,
  // so no match's positions are read (a phrase would read them for every match).
  if (!titles.pairs_prefix.empty()) {
    std::vector<Xapian::Query> pairs;
    const std::size_t typed = completing ? stems.size() - 1 : stems.size();
    for (std::size_t i = 0; i + 1 < typed; ++i)
      if (!index::is_cjk_word(words[i]) && !index::is_cjk_word(words[i + 1]))
        pairs.emplace_back(index::title_pair(titles.pairs_prefix, stems[i], stems[i + 1]));
    add("title_phrase", pairs, ranking.title_phrase);
  }
  if (!titles.key_prefix.empty()) {
    // The title is the query: one term, rare and so weighty.
    std::vector<Xapian::Query> equals{Xapian::Query(index::title_key(titles.key_prefix, stems))};
    add("title_equals", equals, ranking.title_equals);
    // The title starts with what is typed so far, the last word half-typed.
    if (completing) {
      std::vector<std::string> typed(stems.begin(), stems.end() - 1);
      typed.push_back(words.back());
      read_completions(titles.key_prefix + index::title_key("", typed), kMaxTitleCompletions);
      std::vector<Xapian::Query> starts{
          completions(titles.key_prefix, index::title_key("", typed), kMaxTitleCompletions)};
      // A stem shorter than the word typed ("autoencode" → "autoencod") begins what it begins.
      if (stems.back() != words.back() && words.back().rfind(stems.back(), 0) == 0) {
        typed.back() = stems.back();
        read_completions(titles.key_prefix + index::title_key("", typed), kMaxTitleCompletions);
        starts.push_back(completions(titles.key_prefix, index::title_key("", typed), kMaxTitleCompletions));
      }
      add("title_starts", starts, ranking.title_starts);
    }
  }
  return signals;
}

std::vector<std::string> QueryBuilder::stems_of(std::string_view phrase) const {
  std::vector<std::string> stems;
  for (std::string_view word : index::words_of(phrase)) stems.push_back(stem_(ascii_lowercase(word)));
  return stems;
}

std::vector<QueryBuilder::Variant> QueryBuilder::synonym_variants(const std::string& text) const {
  if (synonyms_.empty()) return {};
  // Words of the query with where they stand; words of a field or operators are not
  // synonym candidates.
  struct Word {
    std::string_view text;
    std::size_t start;
  };
  const auto fields = field_spans(text);
  std::vector<Word> words;
  for (std::string_view word : index::words_of(text)) {
    const std::size_t start = static_cast<std::size_t>(word.data() - text.data());
    if (inside(fields, start) || is_operator(word)) continue;
    words.push_back({word, start});
  }
  std::vector<std::string> word_stems;
  for (const Word& word : words) word_stems.push_back(stem_(ascii_lowercase(word.text)));

  std::vector<Variant> variants;
  for (std::size_t i = 0; i < words.size() && variants.size() < kMaxVariants; ++i) {
    for (const SynonymGroup& group : synonyms_) {
      // The longest member that matches the words from i on.
      std::size_t matched = group.members.size();
      std::size_t matched_words = 0;
      for (std::size_t m = 0; m < group.members.size(); ++m) {
        const std::string& member = group.members[m];
        const std::vector<std::string>& member_stems = group.stems[m];
        if (member_stems.empty() || i + member_stems.size() > words.size() ||
            member_stems.size() <= matched_words)
          continue;
        bool same = true;
        for (std::size_t k = 0; k < member_stems.size() && same; ++k)
          same = word_stems[i + k] == member_stems[k];
        // An acronym only stands for its expansion when typed as one: "SAE", not "sae".
        if (same && is_acronym(member))
          same = std::any_of(words[i].text.begin(), words[i].text.end(),
                             [](char c) { return c >= 'A' && c <= 'Z'; });
        if (same) {
          matched = m;
          matched_words = member_stems.size();
        }
      }
      if (matched == group.members.size()) continue;
      const std::size_t from = words[i].start;
      const std::size_t to = words[i + matched_words - 1].start + words[i + matched_words - 1].text.size();
      const bool in_quotes =
          std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(from), '"') % 2 == 1;
      // Each alternative once: "sparse autoencoder" and "sparse autoencoders" are one.
      std::vector<const std::vector<std::string>*> used{&group.stems[matched]};
      for (std::size_t m = 0; m < group.members.size(); ++m) {
        const std::string& member = group.members[m];
        const bool seen = std::any_of(used.begin(), used.end(),
                                      [&](const auto* stems) { return *stems == group.stems[m]; });
        if (seen || variants.size() >= kMaxVariants) continue;
        used.push_back(&group.stems[m]);
        // A several-word alternative needs its words, not their order: a phrase check
        // reads the positions of every entry that has them all, and an entry holding
        // "sparse" and "autoencoder" is about sparse autoencoders. Inside the user's own
        // quotes it stays part of their phrase; outside, parentheses keep it together.
        const bool group_words = member.find(' ') != npos && !in_quotes;
        variants.push_back(
            {text.substr(0, from) + (group_words ? "(" + member + ")" : member) + text.substr(to), member, from, to});
      }
      break;
    }
  }
  return variants;
}

std::vector<std::string_view> QueryBuilder::free_words(const std::string& text) const {
  // Words searched as text: not in a field (field:value, a URL), not an operator, not a
  // stopword. A run of CJK characters is one word, however many n-grams it indexes as.
  const auto fields = field_spans(text);
  std::vector<std::string_view> words;
  for (std::string_view word : index::words_of(text)) {
    const std::size_t start = static_cast<std::size_t>(word.data() - text.data());
    if (inside(fields, start) || is_operator(word) || stopper_(ascii_lowercase(word))) continue;
    words.push_back(word);
  }
  return words;
}

bool QueryBuilder::is_synonym(std::string_view word) const {
  const std::string lower = ascii_lowercase(word);
  return std::any_of(synonyms_.begin(), synonyms_.end(), [&](const SynonymGroup& group) {
    return std::any_of(group.members.begin(), group.members.end(),
                       [&](const std::string& member) { return ascii_lowercase(member) == lower; });
  });
}

std::string QueryBuilder::spelling_suggestion(const std::string& text, bool completing) const {
  // Xapian's own correction looks words up as typed, but the index holds stems, so it
  // would "correct" every plural. A word is unknown only when its stem is; acronyms and
  // words of the synonym table are never "corrected", and never into a stopword; nor is a
  // word too short to correct in place (typo_min_letters: "tr" is no misspelt "try"), nor
  // the last word while words of the index begin with it: it is being typed ("atte" is
  // not a misspelt "attn"), and its completions are searched.
  std::string corrected;
  std::size_t last = 0;
  bool deferred = false;
  std::vector<std::string_view> words = free_words(text);
  if (completing && !words.empty()) words.pop_back();
  for (std::string_view word : words) {
    const std::size_t start = static_cast<std::size_t>(word.data() - text.data());
    if (word.find_first_not_of("0123456789") == std::string_view::npos || is_acronym(std::string(word)) ||
        is_synonym(word) || letters_of(word) < schema_.ranking().typo_min_letters)
      continue;
    const std::string lower = ascii_lowercase(word);
    std::string suggestion;
    if (!deferred_.run([&] {
          if (db_.get_termfreq(schema_.text_prefix() + stem_(lower)) == 0)
            suggestion = db_.get_spelling_suggestion(lower);
        }))
      deferred = true;
    if (suggestion.empty() || suggestion == lower || stopper_(suggestion)) continue;
    corrected += text.substr(last, start - last) + suggestion;
    last = start + word.size();
  }
  DeferredReads::stop_if(deferred);
  return last == 0 ? std::string() : corrected + text.substr(last);
}

void QueryBuilder::read_completions(const std::string& start, Xapian::termcount limit) const {
  if (!deferred_.on()) return;
  // The match expands a completion (completions()) after everything else is read: the
  // terms `start` begins with their frequencies, then the lists of the most frequent, a
  // block a run. Read here, as parts of their own, they are asked for with the rest of
  // the query's. Nothing built depends on them: a part whose reads were deferred stops
  // nothing, and the run is answered again anyway. (Terms of equal frequency at the
  // limit may not be the ones the match picks: then it reads those itself.)
  std::vector<std::pair<Xapian::doccount, std::string>> terms;
  if (!deferred_.run([&] {
        for (auto term = db_.allterms_begin(start); term != db_.allterms_end(start); ++term)
          terms.emplace_back(term.get_termfreq(), *term);
      }))
    return;
  std::stable_sort(terms.begin(), terms.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  if (terms.size() > limit) terms.resize(limit);
  const Xapian::docid last = db_.get_lastdocid();
  for (const auto& found : terms) {
    const std::string& term = found.second;
    (void)deferred_.run_ahead(posting_list_bytes(found.first, last), [&] {
      for (auto posting = db_.postlist_begin(term); posting != db_.postlist_end(term); ++posting) {
      }
    });
  }
}

std::string QueryBuilder::forgiving_words(const std::string& text, bool& completing, bool* provisional) const {
  // Only plain words: not in a field, a phrase or a group, not excluded, not an operator
  // or a wildcard, and not hyphenated (the parser makes those a phrase).
  const schemas::Ranking& ranking = schema_.ranking();
  const auto tokens = tokens_of(text);
  std::string out;
  std::size_t last = 0;
  completing = false;
  bool deferred = false;
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    const auto [start, token_end] = tokens[t];
    std::string_view token = std::string_view(text).substr(start, token_end - start);
    if (!token.empty() && token.front() == '+') token.remove_prefix(1);
    // The last word of a group still open as it is typed ("(refusal OR jailbr"), which
    // closed_at_end closed after it.
    std::size_t end = token_end;
    if (t + 1 == tokens.size())
      while (token.size() > 1 && token.back() == ')') {
        token.remove_suffix(1);
        --end;
      }
    const bool plain = !token.empty() && std::all_of(token.begin(), token.end(), [](char c) {
      return is_letter(c) || (c >= '0' && c <= '9') || c == '\'' || static_cast<unsigned char>(c) >= 0x80;
    });
    const bool excluded = t > 0 && std::string_view(text).substr(tokens[t - 1].first,
                                                                 tokens[t - 1].second - tokens[t - 1].first) == "NOT";
    if (!plain || excluded || is_operator(token) || index::is_cjk_word(token)) continue;
    const std::string word = Xapian::Unicode::tolower(std::string(token));
    if (stopper_(word)) continue;
    const std::size_t letters = letters_of(word);
    const std::string stemmed = stem_(word);
    bool known = false, begun = false;
    // The last word may be half-typed: the page searches as the reader types.
    const bool may_complete = t + 1 == tokens.size() && letters >= ranking.prefix_min_letters;
    // The titles' words as written, which the last word is completed among too
    // (CompleteField): the match would look them up after the rest.
    if (may_complete && deferred_.on() && !schema_.title_terms().forms_prefix.empty() &&
        !deferred_.run([&] { has_term_starting(db_, schema_.title_terms().forms_prefix + word); }))
      deferred = true;
    if (!deferred_.run([&] {
          known = db_.get_termfreq(schema_.text_prefix() + stemmed) > 0;
          begun = may_complete && (stems_begin_with(db_, schema_.text_prefix(), word, stemmed) ||
                                   !written_completions(db_, stem_, word, ranking.prefix_expansion).empty());
        })) {
      deferred = true;
      continue;
    }
    const char* field = nullptr;
    if (begun) {
      field = kCompleteField;
      completing = true;
      // What CompleteField completes it among.
      read_completions(schema_.text_prefix() + word, ranking.prefix_expansion);
      if (stemmed != word && word.rfind(stemmed, 0) == 0)
        read_completions(schema_.text_prefix() + stemmed, ranking.prefix_expansion);
      if (!schema_.title_terms().forms_prefix.empty())
        read_completions(schema_.title_terms().forms_prefix + word, ranking.prefix_expansion);
    } else if (!known && letters >= ranking.typo_min_letters &&
               word.find_first_not_of("0123456789") != npos && !is_acronym(std::string(token)) &&
               !is_synonym(token)) {
      field = kCorrectField;
      // Its correction, which the parser looks up word by word, asked for with the rest.
      if (deferred_.on() && !deferred_.run([&] { db_.get_spelling_suggestion(word, 1); })) deferred = true;
    }
    if (field == nullptr) continue;
    out += text.substr(last, static_cast<std::size_t>(token.data() - text.data()) - last) + field + ":" + word;
    last = end;
  }
  if (deferred && provisional != nullptr) {
    *provisional = true;
    completing = false;
    return text;
  }
  DeferredReads::stop_if(deferred);
  return out + text.substr(last);
}

std::optional<Xapian::Query> QueryBuilder::concepts_query(const std::string& text,
                                                          const std::vector<Variant>& variants, bool forgiving,
                                                          FieldError& refused) const {
  // The spans synonyms stand for, each with its alternatives; a span overlapping an
  // earlier one is left to the words.
  std::map<std::pair<std::size_t, std::size_t>, std::vector<std::string>> spans;
  std::size_t end = 0;
  for (const Variant& variant : variants) {
    const auto span = std::make_pair(variant.from, variant.to);
    if (spans.count(span) == 0 && variant.from < end) continue;
    spans[span].push_back(variant.member);
    end = std::max(end, variant.to);
  }
  std::string rest = text;
  for (const auto& [span, members] : spans) rest.replace(span.first, span.second - span.first, span.second - span.first, ' ');
  // A text that is one concept (stopwords aside) keeps its words apart, so that closest
  // matches can hold some of them.
  if (free_words(rest).empty()) return std::nullopt;
  std::vector<Xapian::Query> parts;
  {
    bool completing = false;
    parts.push_back(parse_refusing_leaks(parser(false, refused), forgiving ? forgiving_words(rest, completing) : rest,
                                         kParseFlags));
  }
  // Each form of a concept weighs as one of its words: all of them, their weight divided
  // by their number; and a form not typed, as a synonym does ([ranking]).
  auto form = [&](const std::string& words, double factor) {
    const Xapian::Query all = parse_refusing_leaks(parser(true, refused), words, kParseFlags);
    const auto terms = static_cast<double>(std::distance(all.get_unique_terms_begin(), all.get_terms_end()));
    const double scale = factor / std::max(terms, 1.0);
    return scale == 1.0 ? all : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, all, scale);
  };
  for (const auto& [span, members] : spans) {
    std::vector<Xapian::Query> forms{form(text.substr(span.first, span.second - span.first), 1.0)};
    for (const std::string& member : members) forms.push_back(form(member, schema_.ranking().synonym));
    parts.emplace_back(Xapian::Query::OP_OR, forms.begin(), forms.end());
  }
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

BuiltQuery QueryBuilder::build(const std::string& typed, bool every_word, bool forgiving) const {
  // Bytes that are not UTF-8 can match nothing, and Xapian's parser, given some of them
  // beside an operator and CJK text, leaks the query it had begun (the search fuzz target
  // under LeakSanitizer): they are U+FFFD from here on.
  const std::string text =
      closed_at_end(paper_dates_as_paper_year(typed_quotes_normalised(index::well_formed_utf8(typed))));
  check_syntax(text, field_names_);
  const std::string rewritten = cjk_runs_as_field(only_exclusions_as_not(rewrite_tokens(text)), kCjkField);
  bool completing = false;
  // With reads deferred, a run that lacked what the forgiving words are decided by builds
  // the query as typed: a provisional query, whose terms the search looks up in the same
  // run (most are the final query's too), rather than a run of their own after it. The
  // run is answered again anyway, its reads having been deferred.
  bool provisional = false;
  const std::string searched = forgiving ? forgiving_words(rewritten, completing, &provisional) : rewritten;
  BuiltQuery built;
  FieldError refused;
  try {
    const bool words_only = !every_word && is_words_only(rewritten);
    const std::vector<Variant> variants = synonym_variants(rewritten);
    // Any word may match: each group of words a synonym stands for ("large language
    // models", "LLM") is one concept, weighed as one term whichever form an entry holds,
    // so that an entry holding it and one more of the words outranks one holding only its
    // several words.
    std::optional<Xapian::Query> concepts;
    if (words_only && !variants.empty()) concepts = concepts_query(rewritten, variants, forgiving, refused);
    if (concepts) {
      built.query = std::move(*concepts);
    } else {
      built.query = parse_refusing_leaks(parser(every_word, refused), searched, kParseFlags);
      // A synonym's match counts less than the words as typed. When any word may match
      // and the text is words only, the other words are alternatives already: the synonym
      // alone is added, not the whole text again with it (which would double the postings
      // a long question reads).
      std::vector<Xapian::Query> alternatives{built.query};
      for (const Variant& variant : variants)
        alternatives.emplace_back(
            Xapian::Query::OP_SCALE_WEIGHT,
            parse_refusing_leaks(parser(every_word, refused), words_only ? variant.member : variant.text, kParseFlags),
            schema_.ranking().synonym);
      if (alternatives.size() > 1)
        built.query = Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
    }
    built.match = built.query;
    // The title signals weigh matches only.
    built.signals = title_signals(built.match, text, every_word, completing);
    if (!built.signals.empty()) {
      std::vector<Xapian::Query> boosts;
      for (const auto& signal : built.signals) boosts.push_back(signal.second);
      built.title_boost = boosts.size() == 1 ? boosts.front()
                                             : Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end());
      built.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, built.match, built.title_boost);
    }
  } catch (const Xapian::QueryParserError& error) {
    throw QueryError(
        "cannot parse the query: " + error.get_msg(), dangling_operator(text),
        "AND, OR and NOT need words on both sides; to search them as words, write them in lower case");
  } catch (const Xapian::UnimplementedError&) {
    // Xapian's NEAR and ADJ take single terms, and a pasted link, CJK text or a word
    // searched with its corrections is more than one.
    throw QueryError("NEAR and ADJ join single words, and a word beside one here is searched as several",
                     proximity_operator(text),
                     "leave NEAR or ADJ out, or write it in lower case to search it as a word");
  }
  if (refused) {
    // Point at the field the value was refused for: the message starts with it.
    const std::string what = refused->what();
    throw QueryError(what, position_of(text, what.substr(0, what.find(' '))), refused->hint());
  }
  for (const std::string_view word : free_words(text)) {
    ++built.free_words;
    // A run of CJK characters stands for half as many words as it has characters (most
    // Chinese words are two), at least one.
    built.partial_words += index::is_cjk_word(word) ? std::max<std::size_t>(1, letters_of(word) / 2) : 1;
  }
  if (!provisional) built.suggestion = spelling_suggestion(text, completing);
  return built;
}

}  // namespace clubsearch::query
