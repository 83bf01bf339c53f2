// The relevance suite: the queries of queries.toml against fresh indexes of each blog, scored by nDCG@10.
#include <doctest/doctest.h>
#include <toml++/toml.h>
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "indexer/indexer.h"
#include "indexer/site.h"
#include "index/open_index.h"
#include "index/record.h"
#include "query/searcher.h"
#include "schemas/index_schema.h"
#include "schemas/source_table.h"
#include "schemas/synonym_table.h"
#include "schemas/topic_taxonomy.h"
#include "tests/support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kRelevanceDir = CLUBSEARCH_RELEVANCE_DIR;
const fs::path kCorpusDir = CLUBSEARCH_CORPUS_DIR;
const fs::path kDataDir = CLUBSEARCH_DATA_DIR;
// The corpus is dated up to mid-2026; a fixed day keeps "future post" decisions stable.
constexpr clubsearch::index::Date kToday{2026, 11, 25};
constexpr std::size_t kDepth = 10;  // nDCG@10, and results per page
constexpr double kBadNdcg = 0.5;    // below this a query's results are shown for diagnosis

// An entry a reader wants for a query, named by where it is rather than by its id.
struct Judgment {
  std::string post;            // path relative to the blog's content folder
  std::string heading;         // the entry with this heading, or
  std::string url;             // the entry linking to this URL, or
  bool post_document = false;  // the post's own document; none of the three: any document of the post
  int grade = 0;               // 3 the answer, 2 very relevant, 1 related

  std::string describe() const {
    std::string where = post;
    if (!heading.empty()) where += " # " + heading;
    if (!url.empty()) where += " -> " + url;
    if (post_document) where += " (the post itself)";
    return where;
  }
};

struct Query {
  std::string id;
  std::string blog;
  std::string text;
  std::string tests;  // what the query exercises
  bool must_be_first = false;
  std::string known_issue;  // why a must_be_first answer is not first today
  std::vector<Judgment> judged;
};

struct Blog {
  bool from_corpus = false;
  fs::path dir;     // site root or content folder
  fs::path config;  // the site's config file when it is not in `dir`
};

struct Suite {
  double mean_threshold = 0;
  double data_mean_threshold = 0;
  std::map<std::string, Blog> blogs;
  std::vector<Query> queries;
};

[[noreturn]] void malformed(const toml::node& node, const std::string& message) {
  throw std::runtime_error("queries.toml:" + std::to_string(node.source().begin.line) + ": " + message);
}

std::string string_of(const toml::table& table, const char* key, bool required) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    if (required) malformed(table, std::string("missing '") + key + "'");
    return {};
  }
  const auto* value = node->as_string();
  if (value == nullptr || value->get().empty())
    malformed(*node, std::string("'") + key + "' must be a non-empty string");
  return value->get();
}

Judgment judgment_of(const toml::table& table) {
  Judgment judgment;
  judgment.post = string_of(table, "post", true);
  judgment.heading = string_of(table, "heading", false);
  judgment.url = string_of(table, "url", false);
  const std::string document = string_of(table, "document", false);
  if (!document.empty() && document != "post") malformed(table, "'document' can only be \"post\"");
  judgment.post_document = document == "post";
  if (!judgment.heading.empty() + !judgment.url.empty() + judgment.post_document > 1)
    malformed(table, "a judgment names its entry by heading, url or document, not several");
  judgment.grade = static_cast<int>(table["grade"].value_or(0));
  if (judgment.grade < 1 || judgment.grade > 3) malformed(table, "'grade' must be 1, 2 or 3");
  return judgment;
}

Suite load_suite(const fs::path& file) {
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& error) {
    throw std::runtime_error(file.string() + ":" + std::to_string(error.source().begin.line) + ": " +
                             std::string(error.description()));
  }
  Suite suite;
  suite.mean_threshold = root["thresholds"]["mean_ndcg"].value_or(-1.0);
  suite.data_mean_threshold = root["thresholds"]["data_mean_ndcg"].value_or(-1.0);
  if (suite.mean_threshold < 0 || suite.data_mean_threshold < 0)
    throw std::runtime_error("queries.toml: [thresholds] needs mean_ndcg and data_mean_ndcg");

  const toml::table* blogs = root["blogs"].as_table();
  if (blogs == nullptr) throw std::runtime_error("queries.toml: no [blogs]");
  for (const auto& [name, node] : *blogs) {
    const toml::table* table = node.as_table();
    if (table == nullptr) malformed(node, "a blog is a table");
    const std::string where = string_of(*table, "root", true);
    if (where != "data" && where != "corpus") malformed(*table, "'root' is \"data\" or \"corpus\"");
    Blog blog;
    blog.from_corpus = where == "corpus";
    const fs::path base = blog.from_corpus ? kCorpusDir : kDataDir;
    blog.dir = (base / string_of(*table, "dir", true)).lexically_normal();
    const std::string config = string_of(*table, "config", false);
    if (!config.empty()) blog.config = base / config;
    suite.blogs.emplace(std::string(name.str()), blog);
  }

  const toml::array* queries = root["query"].as_array();
  if (queries == nullptr) throw std::runtime_error("queries.toml: no [[query]]");
  std::map<std::string, std::string> same_as;  // query id → the query whose judgments it reuses
  for (const toml::node& node : *queries) {
    const toml::table* table = node.as_table();
    if (table == nullptr) malformed(node, "a query is a table");
    Query query;
    query.id = string_of(*table, "id", true);
    query.blog = string_of(*table, "blog", true);
    query.text = string_of(*table, "q", true);
    query.tests = string_of(*table, "tests", true);
    query.must_be_first = (*table)["must_be_first"].value_or(false);
    query.known_issue = string_of(*table, "known_issue", false);
    if (!query.known_issue.empty() && !query.must_be_first)
      malformed(*table, "'known_issue' explains a must_be_first query's miss");
    if (suite.blogs.count(query.blog) == 0) malformed(*table, "unknown blog '" + query.blog + "'");
    if (std::any_of(suite.queries.begin(), suite.queries.end(),
                    [&](const Query& q) { return q.id == query.id; }))
      malformed(*table, "query id '" + query.id + "' is used twice");
    const std::string reuse = string_of(*table, "same_as", false);
    const toml::array* judged = (*table)["judged"].as_array();
    if (reuse.empty() == (judged == nullptr)) malformed(*table, "a query has either 'judged' or 'same_as'");
    if (judged != nullptr)
      for (const toml::node& item : *judged) {
        if (item.as_table() == nullptr) malformed(item, "a judgment is an inline table");
        query.judged.push_back(judgment_of(*item.as_table()));
      }
    if (!reuse.empty()) same_as[query.id] = reuse;
    suite.queries.push_back(std::move(query));
  }
  for (Query& query : suite.queries) {
    if (const auto reuse = same_as.find(query.id); reuse != same_as.end()) {
      const auto original = std::find_if(suite.queries.begin(), suite.queries.end(),
                                         [&](const Query& q) { return q.id == reuse->second; });
      if (original == suite.queries.end() || original->judged.empty() || original->blog != query.blog)
        throw std::runtime_error("queries.toml: '" + query.id + "' is the same as '" + reuse->second +
                                 "', which is no judged query of the same blog");
      query.judged = original->judged;
    }
    if (std::none_of(query.judged.begin(), query.judged.end(),
                     [](const Judgment& j) { return j.grade == 3; }))
      throw std::runtime_error("queries.toml: '" + query.id + "' has no grade-3 answer");
  }
  return suite;
}

bool matches(const Judgment& judgment, const clubsearch::index::Record& record) {
  using clubsearch::index::DocumentType;
  if (record.post.path != judgment.post) return false;
  if (judgment.post_document) return record.type == DocumentType::post;
  if (!judgment.heading.empty()) return record.type == DocumentType::entry && record.title == judgment.heading;
  if (!judgment.url.empty())
    return std::any_of(record.items.begin(), record.items.end(),
                       [&](const clubsearch::index::LinkRecord& item) { return item.url == judgment.url; });
  return true;
}

// One blog's index, built for this run, with every stored record (to check the judgments against).
struct BlogIndex {
  std::unique_ptr<clubsearch::test::TempDir> folder;
  std::unique_ptr<clubsearch::query::Searcher> searcher;  // holds references into itself: never moved
  std::vector<clubsearch::index::Record> records;
};

BlogIndex build_index(const std::string& name, const Blog& blog) {
  namespace indexer = clubsearch::indexer;
  namespace schemas = clubsearch::schemas;
  const indexer::Site site = blog.config.empty() ? indexer::Site::discover(blog.dir)
                                                 : indexer::Site::from_config(blog.config, blog.dir);
  const schemas::IndexSchema& schema = schemas::IndexSchema::builtin();
  const indexer::Indexer run(site, {schema, schemas::SourceTable::builtin(),
                                    schemas::TopicTaxonomy::builtin(), schemas::SynonymTable::builtin()});
  BlogIndex index;
  index.folder = std::make_unique<clubsearch::test::TempDir>();
  indexer::IndexOptions options;
  options.today = kToday;
  // One parsing thread: documents then get the same ids on every run, and results that
  // tie (a filter alone gives every match weight 0) come back in the same order.
  options.threads = 1;
  const indexer::IndexReport report = run.run(index.folder->path() / name, options);
  REQUIRE_MESSAGE(report.committed, name << ": the index was not committed");
  Xapian::Database db = clubsearch::index::open_index(index.folder->path() / name, schema);
  for (auto posting = db.postlist_begin(""); posting != db.postlist_end(""); ++posting)
    index.records.push_back(clubsearch::index::decode(db.get_document(*posting).get_data()));
  index.searcher = std::make_unique<clubsearch::query::Searcher>(
      db, schema, clubsearch::query::stored_columns(index.folder->path() / name, schema));
  return index;
}

double dcg(const std::vector<int>& grades) {
  double sum = 0;
  for (std::size_t i = 0; i < grades.size() && i < kDepth; ++i)
    sum += (std::pow(2.0, grades[i]) - 1) / std::log2(static_cast<double>(i) + 2);
  return sum;
}

struct Scored {
  double ndcg = 0;
  std::optional<std::size_t> first_answer;  // 1-based rank of the first grade-3 result
  std::vector<int> grades;                  // per result
  std::vector<std::string> results;         // per result, for diagnosis
  std::string engine_note;                  // a suggestion searched, or the query relaxed
};

Scored score(const Query& query, const clubsearch::query::SearchResult& result) {
  Scored scored;
  std::vector<bool> credited(query.judged.size(), false);
  for (const clubsearch::query::SearchHit& hit : result.hits) {
    // A result earns the best judgment it matches that no better-ranked result took.
    int grade = 0;
    std::optional<std::size_t> taken;
    for (std::size_t j = 0; j < query.judged.size(); ++j)
      if (!credited[j] && query.judged[j].grade > grade && matches(query.judged[j], hit.record)) {
        grade = query.judged[j].grade;
        taken = j;
      }
    if (taken) credited[*taken] = true;
    scored.grades.push_back(grade);
    if (grade == 3 && !scored.first_answer) scored.first_answer = scored.grades.size();
    scored.results.push_back(hit.record.post.path + " # " + hit.record.title + " [" + std::to_string(grade) + "]");
  }
  std::vector<int> ideal;
  for (const Judgment& judgment : query.judged) ideal.push_back(judgment.grade);
  std::sort(ideal.rbegin(), ideal.rend());
  scored.ndcg = dcg(scored.grades) / dcg(ideal);
  if (result.searched_suggestion) scored.engine_note = "searched \"" + result.suggestion + "\"";
  if (result.relaxed) scored.engine_note = "relaxed";
  return scored;
}

std::string three_places(double value) {
  char text[16];
  std::snprintf(text, sizeof text, "%.3f", value);
  return text;
}

std::string padded(std::string text, std::size_t width) {
  // Pads by characters, not bytes, so Chinese queries keep the columns straight enough.
  std::size_t characters = 0;
  for (const char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++characters;
  if (characters < width) text.append(width - characters, ' ');
  return text;
}

}  // namespace

TEST_CASE("relevance: each query's judged entries come first (nDCG@10 over the corpus and data/)") {
  const Suite suite = load_suite(kRelevanceDir / "queries.toml");
  const bool have_corpus = fs::is_directory(kCorpusDir);
  if (!have_corpus) MESSAGE("corpus not found at " << kCorpusDir << "; only the data/ queries run");

  std::map<std::string, BlogIndex> indexes;
  for (const auto& [name, blog] : suite.blogs) {
    if (blog.from_corpus && !have_corpus) continue;
    indexes.emplace(name, build_index(name, blog));
  }

  // A judgment nothing in the index matches is a mistake in queries.toml (or a post whose
  // heading, URL or path the indexer now reports differently): say which.
  for (const Query& query : suite.queries) {
    const auto index = indexes.find(query.blog);
    if (index == indexes.end()) continue;
    for (const Judgment& judgment : query.judged)
      CHECK_MESSAGE(std::any_of(index->second.records.begin(), index->second.records.end(),
                                [&](const clubsearch::index::Record& record) { return matches(judgment, record); }),
                    query.id << ": no document of the index matches the judgment " << judgment.describe());
  }

  std::ostringstream table;
  table << padded("query", 34) << padded("blog", 7) << "nDCG@10  first  q\n";
  std::ostringstream diagnosis;
  double sum = 0;
  std::size_t count = 0;
  std::map<std::string, std::pair<double, std::size_t>> per_blog;  // blog → (sum, count)
  std::vector<std::string> not_first;                              // must_be_first misses: failures
  std::vector<std::string> known_misses;  // must_be_first misses with a known_issue: reported
  std::vector<std::string> now_first;     // known_issue queries whose answer is now first
  for (const Query& query : suite.queries) {
    const auto index = indexes.find(query.blog);
    if (index == indexes.end()) continue;
    clubsearch::query::SearchRequest request;
    request.query = query.text;
    request.per_page = kDepth;
    request.count_facets = false;
    Scored scored;
    try {
      scored = score(query, index->second.searcher->search(request));
    } catch (const std::exception& error) {
      scored.engine_note = std::string("error: ") + error.what();
      FAIL_CHECK(query.id << ": the search failed: " << error.what());
    }
    sum += scored.ndcg;
    ++count;
    per_blog[query.blog].first += scored.ndcg;
    ++per_blog[query.blog].second;
    table << padded(query.id, 34) << padded(query.blog, 7) << three_places(scored.ndcg) << "    "
          << padded(scored.first_answer ? std::to_string(*scored.first_answer) : "-", 7) << query.text
          << (scored.engine_note.empty() ? "" : "  (" + scored.engine_note + ")") << "\n";
    if (query.must_be_first) {
      const bool first = scored.first_answer == 1u;
      if (!first && query.known_issue.empty()) not_first.push_back(query.id);
      if (!first && !query.known_issue.empty()) known_misses.push_back(query.id + ": " + query.known_issue);
      if (first && !query.known_issue.empty()) now_first.push_back(query.id);
    }
    if (scored.ndcg < kBadNdcg) {
      diagnosis << query.id << " [" << query.tests << "] " << query.text << " → nDCG "
                << three_places(scored.ndcg) << "\n";
      for (std::size_t i = 0; i < scored.results.size() && i < 5; ++i)
        diagnosis << "   " << i + 1 << ". " << scored.results[i] << "\n";
      if (scored.results.empty()) diagnosis << "   (no results)\n";
    }
  }
  REQUIRE(count > 0);
  const double mean = sum / static_cast<double>(count);
  const double threshold = have_corpus ? suite.mean_threshold : suite.data_mean_threshold;
  for (const auto& [blog, totals] : per_blog)
    table << "mean of " << padded(blog, 7) << "(" << totals.second
          << " queries) = " << three_places(totals.first / static_cast<double>(totals.second)) << "\n";
  MESSAGE("relevance, " << count << " queries:\n"
                        << table.str() << "mean nDCG@10 = " << three_places(mean) << " (threshold "
                        << three_places(threshold) << ")");
  if (!diagnosis.str().empty())
    MESSAGE("queries under nDCG " << kBadNdcg << ", with their first results:\n" << diagnosis.str());

  for (const std::string& miss : known_misses) MESSAGE("known issue, answer not first: " << miss);

  CHECK_MESSAGE(mean >= threshold,
                "mean nDCG@10 " << three_places(mean) << " fell under " << three_places(threshold));
  for (const std::string& id : not_first)
    CHECK_MESSAGE(false, id << ": its answer is not the first result (must_be_first)");
  for (const std::string& id : now_first)
    CHECK_MESSAGE(false, id << ": its answer now comes first: remove its known_issue from queries.toml");
}
