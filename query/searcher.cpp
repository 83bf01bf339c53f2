// Running searches: the query and its filters, sorting, grouping, disjunctive facet
// counts, and the fallbacks that keep a search from ending empty-handed.
#include "query/searcher.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string_view>

#include "index/columns_file.h"
#include "index/filters.h"
#include "index/metadata.h"

namespace clubsearch::query {

namespace {

constexpr std::size_t kSnippetBytes = 240;
constexpr std::size_t kMaxAlsoIn = 5;
constexpr std::size_t kQuestionWords = 4;
constexpr std::size_t kEstimateDepth = 100;
// A word in at least 1/kCommonShare of the documents has a match read the lengths of
// documents all along the index (Searcher::read_lengths).
constexpr Xapian::doccount kCommonShare = 16;
// The value slots the ranges of `query` read (OP_VALUE_RANGE, OP_VALUE_GE, OP_VALUE_LE,
// a date filter), as its description names them: Xapian 1.4 gives a subquery's slot no
// other way. Only what to read ahead depends on it.
std::vector<Xapian::valueno> range_slots(const Xapian::Query& query) {
  std::vector<Xapian::valueno> slots;
  const std::string text = query.get_description();
  for (const std::string_view op : {"VALUE_RANGE ", "VALUE_GE ", "VALUE_LE "})
    for (std::size_t at = text.find(op); at != std::string::npos; at = text.find(op, at + 1)) {
      Xapian::valueno slot = 0;
      std::size_t digit = at + op.size();
      if (digit >= text.size() || text[digit] < '0' || text[digit] > '9') continue;
      for (; digit < text.size() && text[digit] >= '0' && text[digit] <= '9'; ++digit)
        slot = slot * 10 + static_cast<Xapian::valueno>(text[digit] - '0');
      if (std::find(slots.begin(), slots.end(), slot) == slots.end()) slots.push_back(slot);
    }
  return slots;
}

// Facet columns are the facets in index::facets() order, then the post id.
const std::size_t kPostColumn = index::facets().size();

// Control characters never occur in indexed text, so they mark matches unambiguously.
constexpr char kMatchStart = '\x02';
constexpr char kMatchEnd = '\x03';

// A facet value as the user gives it → the key of its filter term, lowercased as terms
// are, so that values can be compared.
std::string term_value(const std::string& facet, const std::string& value) {
  if (facet == "month") {
    date_bound(value, false, "filter.month");  // refuses what is no date at all
    const std::string key = index::filter_key("month", value);
    if (key.empty()) throw RequestError("filter.month", "month '" + value + "' must be written YYYY-MM");
    return key;
  }
  if (facet == "year") {
    const std::string key = index::filter_key("year", value);
    if (key.empty()) throw RequestError("filter.year", "year '" + value + "' must be written YYYY");
    return key;
  }
  return Xapian::Unicode::tolower(index::filter_key(facet, value));
}

// "section, source, kind, topic, tag, year and month"
std::string request_filter_list() {
  std::string out;
  const auto& filters = index::request_filters();
  for (std::size_t i = 0; i < filters.size(); ++i)
    out += (i == 0 ? "" : i + 1 == filters.size() ? " and " : ", ") + std::string(filters[i].name);
  return out;
}

// MSet::snippet escapes its text for HTML; the parts are returned raw, on one line, and
// escaped by whoever shows them.
std::string unescape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    bool replaced = false;
    for (auto [entity, character] : {std::pair<std::string_view, char>{"&amp;", '&'},
                                     {"&lt;", '<'},
                                     {"&gt;", '>'},
                                     {"&quot;", '"'},
                                     {"&#39;", '\''}}) {
      if (text.substr(pos, entity.size()) == entity) {
        out += character;
        pos += entity.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[pos] == '\n' ? ' ' : text[pos];
    if (!replaced) ++pos;
  }
  return out;
}

std::vector<SnippetPart> snippet_parts(std::string_view marked) {
  std::vector<SnippetPart> parts;
  bool match = false;
  std::size_t pos = 0;
  while (pos <= marked.size()) {
    const auto next = marked.find_first_of(std::string_view("\x02\x03", 2), pos);
    const std::string text =
        unescape_html(marked.substr(pos, next == std::string_view::npos ? next : next - pos));
    if (!text.empty()) parts.push_back({text, match});
    if (next == std::string_view::npos) break;
    match = marked[next] == kMatchStart;
    pos = next + 1;
  }
  return parts;
}

Xapian::Query filtered(const Xapian::Query& query, const Xapian::Query& filter) {
  if (filter.empty()) return query;
  return Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
}

// Whether the facet of this column is counted for searches of `scope`.
bool in_scope(std::size_t column, SearchScope scope) {
  return index::applies(index::facets()[column], scope == SearchScope::papers);
}

std::string trimmed(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

}  // namespace

ColumnsSource stored_columns(std::filesystem::path index_dir, const schemas::IndexSchema& schema) {
  return [dir = std::move(index_dir), &schema](const Xapian::Database& db) {
    return index::load_columns(db, dir, schema);
  };
}

const index::FacetColumns& Searcher::columns() const {
  if (!columns_)
    columns_ = columns_source_ ? columns_source_(db_) : index::FacetColumns::build(db_, schema_);
  return *columns_;
}

IndexStats Searcher::stats(const std::filesystem::path& index_dir) const {
  return index_stats(db_, schema_, columns(), index_dir);
}

Searcher::Searcher(Xapian::Database db, const schemas::IndexSchema& schema, ColumnsSource columns,
                   const schemas::StopwordList& stopwords)
    : db_(std::move(db)),
      schema_(schema),
      rules_(schema),
      stem_(schema.language()),
      builder_(db_, schema_, stopwords),
      paper_rules_(schema.papers()),
      stopwords_(stopwords),
      columns_source_(std::move(columns)),
      told_posts_(db_.get_metadata(index::metadata::kToldPosts) != "0") {}

void Searcher::defer_reads(std::function<bool()> deferred, std::function<void(std::uint64_t)> ahead) {
  deferred_.set(deferred);
  deferred_.set_ahead(std::move(ahead));
  builder_.defer_reads(deferred, deferred_.ahead());
  if (paper_builder_) paper_builder_->defer_reads(std::move(deferred), deferred_.ahead());
}

void Searcher::read_terms(const Xapian::Query& query) const {
  if (!deferred_.on()) return;
  bool deferred = false;
  for (auto term = query.get_unique_terms_begin(); term != query.get_terms_end(); ++term)
    if (!deferred_.run([&] { db_.get_termfreq(*term); })) deferred = true;
  DeferredReads::stop_if(deferred);
}

bool Searcher::read_lengths(const Xapian::Query& words) const {
  if (!deferred_.on()) return false;
  // A word that many documents hold has the match read the lengths of documents all along
  // the index, in order, a block at a time: they are asked for together, a length at every
  // 1/kSpread of the document ids. (The words' frequencies are at hand: read_terms.)
  Xapian::doccount widest = 0;
  bool deferred = false;
  for (auto term = words.get_unique_terms_begin(); term != words.get_terms_end(); ++term)
    if (!deferred_.run([&] { widest = std::max(widest, db_.get_termfreq(*term)); })) deferred = true;
  DeferredReads::stop_if(deferred);
  constexpr Xapian::docid kSpread = 64;
  const Xapian::docid last = db_.get_lastdocid();
  if (widest < db_.get_doccount() / kCommonShare || last == 0) return false;
  // The match reads them all, in order: the list of lengths (two bytes a length at most,
  // mostly) is fetched whole where its start is read.
  const std::uint64_t lengths_bytes = posting_list_bytes(db_.get_doccount(), last, 2);
  for (Xapian::docid at = 0; at < kSpread; ++at)
    if (!deferred_.run_ahead(lengths_bytes, [&] {
          read_length(1 + static_cast<Xapian::docid>(std::uint64_t{last - 1} * at / kSpread));
        }))
      deferred = true;
  return deferred;
}

void Searcher::read_length(Xapian::docid docid) const {
  // A cursor of its own (get_doclength's is one the database shares), which stops at the
  // next document there is: at a gap in the ids, its neighbours' lengths are in the same
  // block.
  auto lengths = db_.postlist_begin("");
  lengths.skip_to(docid);
  if (lengths != db_.postlist_end("")) lengths.get_doclength();
}

bool Searcher::read_postings(const Xapian::Query& query, const Xapian::Query& words) const {
  if (!deferred_.on()) return false;
  // A match that counts every match reads its words' posting lists to their ends, in step,
  // and a read it lacks ends it: each block where any one list goes on would be a run of
  // its own. Each list read on its own asks for the next block of every list at once.
  const std::set<std::string> weighed(words.get_unique_terms_begin(), words.get_terms_end());
  const Xapian::doccount common = db_.get_doccount() / kCommonShare;
  // The documents the rarer words' lists hold, at most kCandidatesRead of each, evenly
  // apart: the match reads their lengths, and the filters' lists where they hold them.
  constexpr Xapian::docid kCandidatesRead = 256;
  const Xapian::docid last = db_.get_lastdocid();
  const Xapian::docid apart = std::max<Xapian::docid>(1, last / kCandidatesRead);
  std::vector<Xapian::docid> candidates;
  bool deferred = false, any_common = false;
  // Each list is read in order to its end: its size, told to the reader, lets it fetch the
  // rest of the list in one go once the block of its start is read (with its frequency).
  for (const std::string& term : weighed) {
    Xapian::docid next = 0;
    Xapian::doccount frequency = 0;
    if (!deferred_.run([&] { frequency = db_.get_termfreq(term); }) ||
        !deferred_.run_ahead(posting_list_bytes(frequency, last), [&] {
          const bool rare = frequency < common;
          any_common = any_common || !rare;
          for (auto posting = db_.postlist_begin(term); posting != db_.postlist_end(term); ++posting)
            if (rare && *posting >= next) {
              candidates.push_back(*posting);
              next = *posting + apart;
            }
        }))
      deferred = true;
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  // A filter's list is read as far as the words' documents: whole when a word is common
  // (read_lengths reads the lengths then), else where each candidate would be.
  for (auto term = query.get_unique_terms_begin(); term != query.get_terms_end(); ++term) {
    if (weighed.count(*term) > 0) continue;
    if (any_common) {
      Xapian::doccount frequency = 0;
      if (!deferred_.run([&] { frequency = db_.get_termfreq(*term); }) ||
          !deferred_.run_ahead(posting_list_bytes(frequency, last), [&] {
            for (auto posting = db_.postlist_begin(*term); posting != db_.postlist_end(*term); ++posting) {
            }
          }))
        deferred = true;
      continue;
    }
    for (const Xapian::docid docid : candidates)
      if (!deferred_.run([&] { db_.postlist_begin(*term).skip_to(docid); })) deferred = true;
  }
  if (!any_common)
    for (const Xapian::docid docid : candidates)
      if (!deferred_.run([&] { read_length(docid); })) deferred = true;
  // A phrase reads the positions of its words in each document that holds them all, in
  // order; once the lists are at hand, each document's are read on its own.
  if (!deferred) deferred = read_positions(words);
  return deferred;
}

bool Searcher::read_values(const std::vector<Xapian::valueno>& slots) const {
  bool deferred = false;
  for (const Xapian::valueno slot : slots) {
    // About 21 bytes a date in a glass value stream (measured: a date's 8, its id's gap
    // and its length, and the chunks' keys and headers).
    Xapian::doccount values = 0;
    if (!deferred_.run([&] { values = db_.get_value_freq(slot); }) ||
        !deferred_.run_ahead(std::uint64_t{values} * 24, [&] {
          for (auto value = db_.valuestream_begin(slot); value != db_.valuestream_end(slot); ++value) {
          }
        }))
      deferred = true;
  }
  return deferred;
}

bool Searcher::read_positions(const Xapian::Query& query) const {
  bool deferred = false;
  const auto type = query.get_type();
  if (type == Xapian::Query::OP_PHRASE || type == Xapian::Query::OP_NEAR) {
    std::vector<std::string> terms;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
      const Xapian::Query word = query.get_subquery(i);
      if (word.get_type() != Xapian::Query::LEAF_TERM) return false;
      terms.push_back(*word.get_terms_begin());
    }
    if (terms.empty()) return false;
    // The documents that hold every word: the rarest word's, looked up in the others'.
    std::sort(terms.begin(), terms.end(), [&](const std::string& a, const std::string& b) {
      return db_.get_termfreq(a) < db_.get_termfreq(b);
    });
    std::vector<Xapian::PostingIterator> others;
    for (std::size_t i = 1; i < terms.size(); ++i) others.push_back(db_.postlist_begin(terms[i]));
    for (auto posting = db_.postlist_begin(terms.front()); posting != db_.postlist_end(terms.front()); ++posting) {
      const Xapian::docid docid = *posting;
      bool everywhere = true;
      for (std::size_t i = 0; i < others.size() && everywhere; ++i) {
        others[i].skip_to(docid);
        everywhere = others[i] != db_.postlist_end(terms[i + 1]) && *others[i] == docid;
      }
      if (!everywhere) continue;
      for (const std::string& term : terms)
        if (!deferred_.run([&] { db_.positionlist_begin(docid, term); })) deferred = true;
    }
    return deferred;
  }
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
    if (read_positions(query.get_subquery(i))) deferred = true;
  return deferred;
}

Xapian::Query Searcher::filters_of(const SearchRequest& request, const std::string& except_facet) const {
  std::vector<Xapian::Query> all;
  for (const auto& [facet, values] : request.filters) {
    const index::FilterSpec* spec = index::find_request_filter(facet);
    if (spec == nullptr)
      throw RequestError("filter." + facet,
                         "unknown filter '" + facet + "': the filters are " + request_filter_list());
    if (facet == except_facet || values.empty()) continue;
    const index::TermRules& rules = request.scope == SearchScope::papers ? paper_rules_ : rules_;
    std::vector<Xapian::Query> alternatives;
    for (const std::string& value : values)
      alternatives.emplace_back(rules.term(spec->filter, term_value(facet, value)));
    all.emplace_back(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
  }
  // A range of a date slot from a request's two bounds (either may be empty), each bound
  // made by `bound(text, end, parameter)`.
  using Bound = std::string (*)(const std::string&, bool, const std::string&);
  auto date_range = [&](const char* slot_name, const std::string& since, const std::string& until,
                        const std::string& since_name, const std::string& until_name, Bound bound) {
    if (since.empty() && until.empty()) return;
    const Xapian::valueno slot = schema_.value(slot_name).slot;
    const std::string low = since.empty() ? "" : bound(since, false, since_name);
    const std::string high = until.empty() ? "" : bound(until, true, until_name);
    if (!low.empty() && !high.empty() && low > high)
      throw RequestError(until_name, until_name + " '" + until + "' is before " + since_name + " '" + since + "'");
    if (low.empty())
      all.emplace_back(Xapian::Query::OP_VALUE_LE, slot, high);
    else if (high.empty())
      all.emplace_back(Xapian::Query::OP_VALUE_GE, slot, low);
    else
      all.emplace_back(Xapian::Query::OP_VALUE_RANGE, slot, low, high);
  };
  date_range("date", request.since, request.until, "since", "until", date_bound);
  date_range("paperdate", request.paper_since, request.paper_until, "paper_since", "paper_until", paper_date_bound);
  if (all.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end());
}

Xapian::Query Searcher::scoped(const Xapian::Query& query, SearchScope scope) const {
  const Xapian::Query papers(rules_.term("type", index::type_name(index::DocumentType::paper)));
  if (scope == SearchScope::papers) return Xapian::Query(Xapian::Query::OP_FILTER, query, papers);
  // A post its one entry tells whole is found as that entry, unless posts are asked for.
  if (!told_posts_) return Xapian::Query(Xapian::Query::OP_AND_NOT, query, papers);
  const std::string posts = rules_.term("type", index::type_name(index::DocumentType::post));
  for (auto term = query.get_unique_terms_begin(); term != query.get_unique_terms_end(); ++term)
    if (*term == posts) return Xapian::Query(Xapian::Query::OP_AND_NOT, query, papers);
  const Xapian::Query told(rules_.term("told", index::type_name(index::DocumentType::entry)));
  return Xapian::Query(Xapian::Query::OP_AND_NOT, query, Xapian::Query(Xapian::Query::OP_OR, papers, told));
}

SearchResult Searcher::search(const SearchRequest& request) const {
  if (request.per_page < 1 || request.per_page > kMaxPerPage)
    throw RequestError("per_page", "results per page must be between 1 and " + std::to_string(kMaxPerPage));
  if (request.page < 1) throw RequestError("page", "pages are numbered from 1");
  const std::size_t offset = (request.page - 1) * request.per_page;
  if (offset >= kMaxDepth)
    throw RequestError("page", "page " + std::to_string(request.page) + " starts beyond the first " +
                                   std::to_string(kMaxDepth) + " results; narrow the search instead");

  if (request.sort == SortOrder::discussed && request.scope != SearchScope::papers)
    throw RequestError("sort", "sorting by how many posts discussed a paper is for papers (clubsearch papers)");
  const Xapian::Query filter = filters_of(request, "");
  if (request.scope == SearchScope::papers && !paper_builder_) {
    paper_builder_.emplace(db_, schema_.papers(), stopwords_);
    paper_builder_->defer_reads(deferred_.function(), deferred_.ahead());
  }
  const QueryBuilder& builder = request.scope == SearchScope::papers ? *paper_builder_ : builder_;
  const std::string text = trimmed(request.query);
  const Xapian::doccount all_documents = std::max<Xapian::doccount>(db_.get_doccount(), 1);

  struct Run {
    Xapian::Query text_query;
    Xapian::MSet matches;
    std::vector<std::vector<std::pair<std::string, Xapian::doccount>>> counts;  // per facet
    std::optional<Xapian::doccount> total;  // counted exactly (grouped: the posts)
  };
  auto run = [&](const Xapian::Query& text_query) {
    Run result{text_query, {}, {}, {}};
    Xapian::Enquire enquire(db_);
    const Xapian::Query query = scoped(filtered(text_query, filter), request.scope);
    // Grouped, how many more matches each post has is only right when every match is read.
    const bool full_count = request.count_facets || request.exact_total || request.group_by_post;
    // With the terms the snippets are marked by (highlighter), read after the match.
    if (deferred_.on()) {
      read_terms(Xapian::Query(Xapian::Query::OP_OR, query, marked_terms(text_query)));
      const bool lengths = read_lengths(text_query);  // the words', not the filters'
      // A date range reads its slot's values along the index.
      const bool values = read_values(range_slots(query));
      // A match that reads every match reads its words' posting lists whole, and its
      // filters' as far as the words' documents go.
      DeferredReads::stop_if((full_count && read_postings(query, text_query)) || lengths || values);
    }
    enquire.set_query(query);
    const schemas::Ranking& ranking = schema_.ranking();
    enquire.set_weighting_scheme(Xapian::BM25Weight(ranking.bm25_k1, 0, 1, ranking.bm25_b, 0.5));
    // Filters alone (or no query) give every match the same weight: relevance would be
    // the order they were indexed in, so the newest come first instead. An empty MSet
    // tells without reading a posting.
    // Papers listed without words come the most discussed first.
    SortOrder sort = request.sort;
    if (sort == SortOrder::relevance && enquire.get_mset(0, 0, Xapian::doccount{0}).get_max_possible() == 0)
      sort = request.scope == SearchScope::papers ? SortOrder::discussed : SortOrder::newest;
    Xapian::MultiValueKeyMaker by_date;
    if (sort == SortOrder::discussed) {
      // Then the most recently discussed.
      by_date.add_value(schema_.value("discussedorder").slot, true);
      by_date.add_value(schema_.value("date").slot, true, "00000000");
      enquire.set_sort_by_key_then_relevance(&by_date, false);
    } else if (sort != SortOrder::relevance) {
      // Undated posts go last either way.
      const bool newest = sort == SortOrder::newest;
      by_date.add_value(schema_.value("date").slot, newest, newest ? "00000000" : "99999999");
      enquire.set_sort_by_key_then_relevance(&by_date, false);
    }
    if (deferred_.on() && sort != SortOrder::relevance) {
      std::vector<Xapian::valueno> sorted_by{schema_.value("date").slot};
      if (sort == SortOrder::discussed) sorted_by.push_back(schema_.value("discussedorder").slot);
      DeferredReads::stop_if(read_values(sorted_by));
    }
    // The facet columns, and with grouping the post column: grouped, the total is the
    // number of posts, counted exactly, as Xapian's estimate of collapsed matches is neither.
    std::vector<std::size_t> counted;
    if (request.count_facets)
      for (std::size_t facet = 0; facet < index::facets().size(); ++facet)
        if (in_scope(facet, request.scope)) counted.push_back(facet);
    if (request.group_by_post) {
      enquire.set_collapse_key(schema_.value("post").slot);
      if (full_count) counted.push_back(kPostColumn);
    }
    std::optional<index::FacetColumns::Counter> counter;
    if (!counted.empty()) counter.emplace(columns(), counted);
    // Facets and exact totals are counted on the way through every match. (A separate
    // weightless counting pass, letting the ranked pass skip what cannot rank, was faster
    // for long questions, but the ranked pass then sums weights in an order that depends
    // on how deep the page is, and entries of equal weight changed places between pages.)
    if (counter) enquire.add_matchspy(&*counter);
    // Without a full count the total is Xapian's estimate; looking a little past the
    // page makes it exact for the small result sets most searches have.
    const Xapian::doccount check_at_least =
        full_count ? all_documents
                   : static_cast<Xapian::doccount>(std::max(offset + request.per_page + 1, kEstimateDepth));
    result.matches = enquire.get_mset(static_cast<Xapian::doccount>(offset),
                                      static_cast<Xapian::doccount>(request.per_page), check_at_least);
    if (full_count) result.total = result.matches.get_matches_estimated();
    if (request.count_facets)
      for (std::size_t facet = 0; facet < index::facets().size(); ++facet)
        result.counts.push_back(in_scope(facet, request.scope) ? counter->counts(facet)
                                                               : std::vector<std::pair<std::string, Xapian::doccount>>());
    if (request.group_by_post && full_count)
      result.total = static_cast<Xapian::doccount>(counter->counts(kPostColumn).size());
    return result;
  };

  // Whether a run matched nothing at all (not merely nothing on this page).
  auto none = [](const Run& run_result) {
    return run_result.total ? *run_result.total == 0 : run_result.matches.get_matches_upper_bound() == 0;
  };

  SearchResult result;
  result.query = request.query;
  result.page = request.page;
  result.per_page = request.per_page;
  Run found;
  BuiltQuery used;  // the query found was run with, for explain
  std::size_t built_free_words = 0, built_partial_words = 0;
  BuiltQuery loose;  // with closest matches, the query that found them
  if (text.empty()) {
    found = run(Xapian::Query::MatchAll);
  } else {
    BuiltQuery built = builder.build(text, true);
    // A long question ranks entries by how many of its words they hold (and how rare
    // those are) rather than requiring every one.
    if (built.free_words >= kQuestionWords) built = builder.build(text, false);
    result.suggestion = built.suggestion;
    built_free_words = built.free_words;
    built_partial_words = built.partial_words;
    found = run(built.query);
    used = built;
    if (none(found) && !built.suggestion.empty()) {
      BuiltQuery suggested = builder.build(built.suggestion, true);
      Run corrected = run(suggested.query);
      if (!none(corrected)) {
        found = std::move(corrected);
        used = std::move(suggested);
        result.searched_suggestion = true;
      }
    }
    if (none(found) && built.partial_words >= 2 && built.free_words < kQuestionWords) {
      BuiltQuery any_word = builder.build(text, false);
      Run relaxed = run(any_word.query);
      if (!none(relaxed)) {
        found = std::move(relaxed);
        used = std::move(any_word);
        result.relaxed = true;
      }
    }
  }
  result.total = found.total ? *found.total : found.matches.get_matches_estimated();
  result.total_exact =
      found.total || found.matches.get_matches_lower_bound() == found.matches.get_matches_upper_bound();
  const Xapian::MSet highlight = highlighter(found.text_query);
  bool hits_deferred = false;
  for (auto match = found.matches.begin(); match != found.matches.end(); ++match)
    if (!deferred_.run([&] { result.hits.push_back(hit_of(match, highlight)); })) hits_deferred = true;
  if (request.count_facets) result.facets = count_facets(request, found.text_query, found.counts);
  // The closest matches depend on how many hits there are.
  DeferredReads::stop_if(hits_deferred);
  // Fewer results than a page hold every word of a short query: the entries holding most
  // of its words follow them, marked, so that a narrow search still shows what is near.
  // A run of CJK characters counts as the words it may hold (BuiltQuery::partial_words).
  if (!text.empty() && request.page == 1 && request.sort == SortOrder::relevance && !request.group_by_post &&
      !result.relaxed && result.hits.size() < request.per_page && built_partial_words >= 2 &&
      built_free_words < kQuestionWords) {
    loose = builder.build(result.searched_suggestion ? result.suggestion : text, false);
    Xapian::Enquire enquire(db_);
    enquire.set_query(scoped(filtered(loose.query, filter), request.scope));
    const schemas::Ranking& ranking = schema_.ranking();
    enquire.set_weighting_scheme(Xapian::BM25Weight(ranking.bm25_k1, 0, 1, ranking.bm25_b, 0.5));
    std::set<std::string> shown;
    for (const SearchHit& hit : result.hits) shown.insert(hit.id);
    const Xapian::MSet near = enquire.get_mset(0, static_cast<Xapian::doccount>(request.per_page + shown.size()));
    const Xapian::MSet loose_highlight = highlighter(loose.query);
    for (auto match = near.begin(); match != near.end() && result.hits.size() < request.per_page; ++match)
      deferred_.run([&] {
        SearchHit hit = hit_of(match, loose_highlight);
        if (shown.count(hit.id) > 0) return;
        hit.closest = true;
        result.hits.push_back(std::move(hit));
      });
  }
  if (request.explain && !text.empty()) {
    explain(used, result.hits, false);
    explain(loose, result.hits, true);
  }
  return result;
}

void Searcher::explain(const BuiltQuery& built, std::vector<SearchHit>& all_hits, bool closest) const {
  std::vector<SearchHit*> hits;
  for (SearchHit& hit : all_hits)
    if (hit.closest == closest) hits.push_back(&hit);
  if (hits.empty()) return;
  // Each part is weighed the way the search weighed it, on the hits alone: the words (and
  // their alternatives), each title signal, and each query term that matched a hit.
  std::vector<Xapian::Query> ids;
  for (const SearchHit* hit : hits) ids.emplace_back(rules_.id_term(hit->id));
  const Xapian::Query on_hits(Xapian::Query::OP_OR, ids.begin(), ids.end());
  const schemas::Ranking& ranking = schema_.ranking();
  auto weights = [&](const Xapian::Query& part) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, part, on_hits));
    enquire.set_weighting_scheme(Xapian::BM25Weight(ranking.bm25_k1, 0, 1, ranking.bm25_b, 0.5));
    std::map<std::string, double> by_id;
    const Xapian::MSet matches = enquire.get_mset(0, static_cast<Xapian::doccount>(hits.size()));
    for (auto match = matches.begin(); match != matches.end(); ++match)
      by_id[index::decode(match.get_document().get_data(), index::RecordDetail::listed).id] = match.get_weight();
    return by_id;
  };
  std::vector<std::pair<std::string, Xapian::Query>> parts{{"words", built.match}};
  parts.insert(parts.end(), built.signals.begin(), built.signals.end());
  for (const auto& [signal, query] : parts) {
    const std::map<std::string, double> by_id = weights(query);
    for (SearchHit* hit : hits)
      if (const auto found = by_id.find(hit->id); found != by_id.end() && found->second > 0)
        hit->explain.push_back({signal, "", found->second});
  }
  // The words' share of each term: the terms of the match that each hit holds.
  // A paper's terms are shown as an entry's would be, without the papers' prefix.
  const std::string& papers = schema_.papers().text_prefix();
  for (auto term = built.match.get_unique_terms_begin(); term != built.match.get_terms_end(); ++term) {
    const std::map<std::string, double> by_id = weights(Xapian::Query(*term));
    const std::string shown = !papers.empty() && (*term).rfind(papers, 0) == 0 ? (*term).substr(papers.size()) : *term;
    for (SearchHit* hit : hits)
      if (const auto found = by_id.find(hit->id); found != by_id.end() && found->second > 0)
        hit->explain.push_back({"words", shown, found->second});
  }
}

std::vector<Facet> Searcher::count_facets(
    const SearchRequest& request, const Xapian::Query& text,
    const std::vector<std::vector<std::pair<std::string, Xapian::doccount>>>& main_counts) const {
  std::vector<Facet> facets;
  for (std::size_t column = 0; column < index::facets().size(); ++column) {
    if (!in_scope(column, request.scope)) continue;
    const std::string name(index::facets()[column].name);
    const bool newest_first = index::facets()[column].order == index::FacetOrder::newest_first;
    const auto selected = request.filters.find(name);
    const bool has_selection = selected != request.filters.end() && !selected->second.empty();
    std::vector<std::pair<std::string, Xapian::doccount>> counts = main_counts.at(column);
    if (has_selection) {
      // Counted as if this facet's own filter were not applied, so a reader can widen
      // the selection (the other facets' filters still apply).
      index::FacetColumns::Counter counter(columns(), {column});
      count_matches(scoped(filtered(text, filters_of(request, name)), request.scope), &counter);
      counts = counter.counts(column);
    }
    Facet facet{name, {}};
    std::set<std::string> chosen;
    if (has_selection)
      for (const std::string& value : selected->second) chosen.insert(term_value(name, value));
    for (const auto& [value, count] : counts) {
      facet.values.push_back({value, count, chosen.erase(term_value(name, value)) > 0});
    }
    // A selected value nothing matches is still shown, with its count of 0.
    if (has_selection)
      for (const std::string& value : selected->second)
        if (chosen.count(term_value(name, value)) > 0) facet.values.push_back({value, 0, true});
    if (newest_first)
      std::stable_sort(facet.values.begin(), facet.values.end(),
                       [](const FacetValue& a, const FacetValue& b) { return a.value > b.value; });
    facets.push_back(std::move(facet));
  }
  return facets;
}

Xapian::doccount Searcher::count_matches(const Xapian::Query& query,
                                         index::FacetColumns::Counter* counter) const {
  // Every match is visited and none is weighed: BoolWeight gives each the weight 0.
  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  if (counter) enquire.add_matchspy(counter);
  const Xapian::MSet counted = enquire.get_mset(0, 0, std::max<Xapian::doccount>(db_.get_doccount(), 1));
  return counted.get_matches_estimated();
}

Xapian::Query Searcher::marked_terms(const Xapian::Query& query) const {
  // MSet::snippet marks a word when the word as written, or "Z" + its stem, is a query
  // term. The index holds bare stems, so snippets are cut against the same words as Z
  // terms: they match no document, they only tell the snippet what to mark.
  if (schema_.stemming() != "all") return query;
  std::vector<Xapian::Query> stems;
  // A search of papers has the words under the papers' prefix.
  for (auto term = query.get_unique_terms_begin(); term != query.get_terms_end(); ++term) {
    const std::string text_term = *term;
    if (auto word = index::word_of_term(text_term, schema_); word || (word = index::word_of_term(text_term, schema_.papers())))
      stems.emplace_back("Z" + std::string(*word));
  }
  return Xapian::Query(Xapian::Query::OP_OR, stems.begin(), stems.end());
}

Xapian::MSet Searcher::highlighter(const Xapian::Query& query) const {
  Xapian::Enquire enquire(db_);
  const Xapian::Query marked = marked_terms(query);
  read_terms(marked);
  enquire.set_query(marked);
  return enquire.get_mset(0, 0);
}

SearchHit Searcher::hit_of(const Xapian::MSetIterator& match, const Xapian::MSet& highlighter) const {
  SearchHit hit;
  hit.record = index::decode(match.get_document().get_data(), index::RecordDetail::listed);
  hit.id = hit.record.id;
  hit.score = match.get_weight();
  hit.more_in_post = match.get_collapse_count();
  const std::string& text = hit.record.commentary;
  // Every window is weighed by its matches (EXHAUSTIVE). No background model: it looks up
  // the frequency of every word of the text in the index, most of a snippet's cost, to
  // weigh words the query does not hold.
  hit.snippet = snippet_parts(
      highlighter.snippet(text, kSnippetBytes, stem_,
                          Xapian::MSet::SNIPPET_EXHAUSTIVE |
                              Xapian::MSet::SNIPPET_CJK_NGRAM,
                          std::string(1, kMatchStart), std::string(1, kMatchEnd), "\u2026"));
  if (hit.record.type == index::DocumentType::entry) hit.also_in = also_in(hit.record);
  return hit;
}

std::vector<AlsoIn> Searcher::also_in(const index::Record& record) const {
  // Only the links another document may hold are looked up: most entries' links are
  // their own, and each lookup reads the index (on a static host, over the network).
  if (!shared_links_) shared_links_.emplace(index::SharedLinks::read(db_));
  const auto may_be_shared = [&](const std::string& term) {
    return !*shared_links_ || (*shared_links_)->may_be_shared(term);
  };
  std::vector<Xapian::Query> same_paper;
  for (const index::LinkRecord& item : record.items) {
    if (const std::string arxiv = index::filter_key("arxiv", item.arxiv); !arxiv.empty())
      if (std::string term = rules_.term("arxiv", arxiv); may_be_shared(term)) same_paper.emplace_back(std::move(term));
    if (const std::string url = index::filter_key("url", item.url); !url.empty())
      if (std::string term = rules_.term("url", url); may_be_shared(term)) same_paper.emplace_back(std::move(term));
  }
  if (same_paper.empty()) return {};
  // Entries only: not papers' and posts' own documents, which hold their links too. (Said
  // so, rather than "type:entry": the posting lists of the few papers and posts are
  // shorter, fewer blocks to read on a static host, and the papers' are read by the
  // search already.)
  const std::vector<Xapian::Query> not_shown{
      Xapian::Query(rules_.file_term(record.post.id)),
      Xapian::Query(rules_.term("type", index::type_name(index::DocumentType::paper))),
      Xapian::Query(rules_.term("type", index::type_name(index::DocumentType::post)))};
  const Xapian::Query others(Xapian::Query::OP_OR, not_shown.begin(), not_shown.end());
  const Xapian::Query query(Xapian::Query::OP_AND_NOT,
                            Xapian::Query(Xapian::Query::OP_OR, same_paper.begin(), same_paper.end()), others);
  read_terms(query);
  // One entry per other post, its best match, the best kMaxAlsoIn posts. The posts come
  // from the entries' records, not from the match collapsing on their post's value: over
  // a network, a match reads the values, then the records of what it kept, one run after
  // another. The records are read in rank order, each a part of its own: with reads
  // deferred, as many as there are posts still to find are asked for together (the
  // records not at hand are counted as of other posts, until they come).
  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  const Xapian::MSet matches = enquire.get_mset(0, db_.get_doccount());
  std::vector<AlsoIn> found;
  std::set<std::string> posts;
  std::size_t missing = 0;
  for (auto match = matches.begin(); match != matches.end() && found.size() + missing < kMaxAlsoIn; ++match) {
    std::optional<index::Record> other;
    if (!deferred_.run([&] { other = index::decode(match.get_document().get_data()); })) {
      ++missing;
      continue;
    }
    if (posts.insert(other->post.id).second)
      found.push_back({other->id, other->url, other->post.title, other->post.url, other->post.date});
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const AlsoIn& a, const AlsoIn& b) { return a.date > b.date; });
  return found;
}

std::optional<Xapian::docid> Searcher::docid_of(const std::string& id) const {
  const std::string term = rules_.id_term(id);
  auto posting = db_.postlist_begin(term);
  if (id.empty() || posting == db_.postlist_end(term)) return std::nullopt;
  return *posting;
}

std::optional<SearchHit> Searcher::entry(const std::string& id) const {
  const auto docid = docid_of(id);
  if (!docid) return std::nullopt;
  SearchHit hit;
  hit.record = index::decode(db_.get_document(*docid).get_data());
  hit.id = id;
  if (hit.record.type == index::DocumentType::entry) hit.also_in = also_in(hit.record);
  return hit;
}

std::vector<index::Record> Searcher::whole_records(const std::vector<SearchHit>& hits) const {
  std::vector<index::Record> out;
  out.reserve(hits.size());
  for (const SearchHit& hit : hits) {
    std::optional<index::Record> whole;
    if (hit.record.type == index::DocumentType::paper) whole = record(hit.id);
    out.push_back(whole ? std::move(*whole) : hit.record);
  }
  return out;
}

std::optional<index::Record> Searcher::record(const std::string& id) const {
  const auto docid = docid_of(id);
  if (!docid) return std::nullopt;
  return index::decode(db_.get_document(*docid).get_data());
}

std::vector<index::Record> Searcher::post_documents(const std::string& post_id) const {
  std::vector<index::Record> entries;
  std::optional<index::Record> own;
  if (post_id.empty()) return entries;
  const std::string term = rules_.file_term(post_id);
  for (auto posting = db_.postlist_begin(term); posting != db_.postlist_end(term); ++posting) {
    index::Record record = index::decode(db_.get_document(*posting).get_data());
    if (record.type == index::DocumentType::post)
      own = std::move(record);
    else
      entries.push_back(std::move(record));
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const index::Record& a, const index::Record& b) { return a.line < b.line; });
  if (own) entries.push_back(std::move(*own));
  return entries;
}

std::optional<SearchResult> Searcher::related(const std::string& id, std::size_t limit) const {
  const auto docid = docid_of(id);
  if (!docid) return std::nullopt;
  if (limit < 1 || limit > kMaxRelated)
    throw RequestError("limit", "related results must be between 1 and " + std::to_string(kMaxRelated));
  // The entry's own most telling words: free-text terms only (no field or filter terms,
  // no numbers).
  struct FreeText : Xapian::ExpandDecider {
    bool operator()(const std::string& term) const override {
      return term.size() > 2 && term[0] >= 'a' && term[0] <= 'z';
    }
  } free_text;
  // A post is known by all its documents (its entries and its own text), and what is like
  // it is other posts: one result per post, none of its own. An entry is like other
  // entries, from any post. A paper is known by the entries that discuss it, and what is
  // like it is the other entries.
  const index::Record source = index::decode(db_.get_document(*docid).get_data());
  const bool of_post = source.type == index::DocumentType::post;
  const bool of_paper = source.type == index::DocumentType::paper;
  const std::string own_file = of_paper ? rules_.term("paperid", id) : rules_.file_term(source.post.id);
  const Xapian::Query own_post(own_file);
  Xapian::RSet relevant;
  if (of_post || of_paper) {
    for (auto posting = db_.postlist_begin(own_file); posting != db_.postlist_end(own_file); ++posting)
      if (*posting != *docid || of_post) relevant.add_document(*posting);
  } else {
    relevant.add_document(*docid);
  }
  Xapian::Enquire enquire(db_);
  const Xapian::ESet words = enquire.get_eset(24, relevant, &free_text);
  std::vector<Xapian::Query> alternatives;
  for (auto word = words.begin(); word != words.end(); ++word) alternatives.emplace_back(*word);
  SearchResult result;
  result.query = "related:" + id;
  result.per_page = limit;
  if (alternatives.empty()) return result;
  const Xapian::Query like(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
  if (of_post) {
    enquire.set_query(scoped(Xapian::Query(Xapian::Query::OP_AND_NOT, like, own_post), SearchScope::entries));
    enquire.set_collapse_key(schema_.value("post").slot);
  } else if (of_paper) {
    enquire.set_query(Xapian::Query(
        Xapian::Query::OP_AND_NOT,
        Xapian::Query(Xapian::Query::OP_FILTER, like, Xapian::Query(rules_.term("type", "entry"))), own_post));
  } else {
    enquire.set_query(Xapian::Query(
        Xapian::Query::OP_AND_NOT,
        Xapian::Query(Xapian::Query::OP_FILTER, like, Xapian::Query(rules_.term("type", "entry"))),
        Xapian::Query(rules_.id_term(id))));
  }
  read_terms(like);
  const Xapian::MSet highlight =
      highlighter(Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end()));
  const Xapian::MSet matches = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
  result.total = matches.get_matches_estimated();
  result.total_exact = matches.get_matches_lower_bound() == matches.get_matches_upper_bound();
  for (auto match = matches.begin(); match != matches.end(); ++match)
    deferred_.run([&] { result.hits.push_back(hit_of(match, highlight)); });
  return result;
}

}  // namespace clubsearch::query
