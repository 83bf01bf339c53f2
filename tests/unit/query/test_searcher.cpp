// What the Searcher does to help beyond matching: spelling suggestions, relaxed queries,
// long questions, snippets, "also in" other posts, related entries, stored records, and
// the JSON every front end shows.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "index/index_store.h"
#include "index/link_keys.h"
#include "index/metadata.h"
#include "index/shared_links.h"
#include "query/result_json.h"
#include "query/search_request.h"
#include "query/searcher.h"
#include "tests/unit/query/brute_force.h"
#include "tests/unit/query/query_fixture.h"

using clubsearch::query::SearchHit;
using clubsearch::query::SearchRequest;
using clubsearch::query::SearchResult;
using nlohmann::json;
using namespace clubsearch::test;

namespace {

SearchResult search(const std::string& text, std::size_t per_page = 10) {
  SearchRequest request;
  request.query = text;
  request.per_page = per_page;
  return sample_blog().searcher->search(request);
}

std::vector<std::string> arxiv_ids_of(const json& record) {
  std::vector<std::string> ids;
  for (const json& item : record.value("items", json::array()))
    if (item.contains("arxiv")) ids.push_back(item["arxiv"].get<std::string>());
  return ids;
}

const FixtureDocument& entry_linking(const FixtureIndex& index, const std::string& arxiv,
                                     const std::string& date) {
  for (const FixtureDocument& document : index.documents) {
    const auto ids = arxiv_ids_of(document.record);
    if (document.type == "entry" && document.date == date &&
        std::find(ids.begin(), ids.end(), arxiv) != ids.end())
      return document;
  }
  FAIL("no entry of " << date << " links arXiv " << arxiv);
  return index.documents.front();
}

// The arXiv ids and URL keys of a list of linked items.
void links_of(const json& items, std::set<std::string>& arxiv, std::set<std::string>& urls) {
  for (const json& item : items) {
    if (item.contains("arxiv")) arxiv.insert(item["arxiv"].get<std::string>());
    const std::string key = clubsearch::index::url_key(item.value("url", ""));
    if (!key.empty()) urls.insert(key);
  }
}

std::string text_of(const std::vector<clubsearch::query::SnippetPart>& parts) {
  std::string text;
  for (const auto& part : parts) text += part.text;
  return text;
}

}  // namespace

TEST_CASE("a misspelt word that finds nothing is corrected, and the correction searched") {
  // Two edits away: the whole query is corrected and searched again.
  const SearchResult result = search("rfusl");
  CHECK(result.suggestion == "refusal");
  CHECK(result.searched_suggestion);
  CHECK_FALSE(result.relaxed);
  CHECK(result.total == word_matches(sample_blog(), "refusal").size());
  CHECK_FALSE(result.hits.empty());
}

TEST_CASE("a word one edit from the index's own is searched as its correction too, beside the other words") {
  // No second search: the typo's correction is one more alternative of the word, so the
  // other words still narrow the search ("refusl direction" finds what "refusal direction" does).
  const SearchResult typo = search("refusl direction");
  CHECK(typo.suggestion == "refusal direction");
  CHECK_FALSE(typo.searched_suggestion);
  CHECK_FALSE(typo.relaxed);
  const SearchResult exact = search("refusal direction");
  REQUIRE_FALSE(exact.hits.empty());
  CHECK(typo.total == exact.total);
  CHECK(typo.hits.front().id == exact.hits.front().id);
}

TEST_CASE("explain: a hit's score is the words' weight plus each signal's, and a title typed whole says so") {
  clubsearch::query::SearchRequest request;
  request.query = "Towards Monosemanticity";
  request.explain = true;
  const SearchResult result = sample_blog().searcher->search(request);
  REQUIRE_FALSE(result.hits.empty());
  for (const auto& hit : result.hits) {
    CAPTURE(hit.record.title);
    double sum = 0;
    bool words = false, terms = false;
    for (const auto& part : hit.explain) {
      if (part.term.empty()) sum += part.weight;
      words = words || (part.signal == "words" && part.term.empty());
      terms = terms || !part.term.empty();
    }
    CHECK(words);
    CHECK(terms);
    CHECK(sum == doctest::Approx(hit.score).epsilon(1e-6));
  }
  // The first result's title begins with the query: its head is the query.
  CHECK(result.hits.front().record.title.rfind("Towards Monosemanticity", 0) == 0);
  bool equals = false;
  for (const auto& part : result.hits.front().explain) equals = equals || part.signal == "title_equals";
  CHECK(equals);
  // Not asked, not computed.
  request.explain = false;
  CHECK(sample_blog().searcher->search(request).hits.front().explain.empty());
}

TEST_CASE("a correct word, inflected or not, gets no suggestion") {
  for (const std::string& text : std::vector<std::string>{"autoencoders", "refusal", "evaluations",
                                                          "steering vectors", "monosemanticity"}) {
    CAPTURE(text);
    const SearchResult result = search(text);
    CHECK(result.suggestion == "");
    CHECK_FALSE(result.searched_suggestion);
    CHECK(result.total > 0);
  }
}

TEST_CASE("a half-typed last word completes to the words it begins as written, though their stem is shorter") {
  // "evalua" begins "evaluation" and "evaluating", whose stem "evalu" it does not begin:
  // searched as typed, it is completed, not taken for a typo of "evals".
  const SearchResult typed = search("evalua");
  CHECK(typed.suggestion == "");
  CHECK_FALSE(typed.searched_suggestion);
  CHECK(typed.total == completion_matches(sample_blog(), "evalua").size());
  CHECK(typed.total >= word_matches(sample_blog(), "evaluation").size());
  for (const SearchHit& hit : typed.hits) {
    CAPTURE(hit.record.title);
    std::string text = hit.record.title + " " + hit.record.commentary;
    for (const auto& item : hit.record.items) text += " " + item.title;
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    CHECK(text.find("evalua") != std::string::npos);
  }
  // Beside whole words, the entry holding them all first.
  const SearchResult more = search("sparse autoencoders evalua");
  REQUIRE_FALSE(more.hits.empty());
  CHECK(more.hits.front().record.title == "Scaling and evaluating sparse autoencoders");
  CHECK_FALSE(more.searched_suggestion);
}

TEST_CASE("a field filter that finds nothing is answered with no results, not an error") {
  for (const std::string& text : std::vector<std::string>{"title:qqqzzz", "tag:qqqzzz",
                                                          "paper:qqqzzz refusal", "host:example.invalid"}) {
    CAPTURE(text);
    SearchResult result;
    CHECK_NOTHROW(result = search(text));
    CHECK(result.total == 0);
    CHECK_FALSE(result.searched_suggestion);
  }
}

TEST_CASE("a short query with one absent word shows the entries holding the others, marked relaxed") {
  const FixtureIndex& index = sample_blog();
  {
    const SearchResult result = search("refusal qqqzzz");
    CHECK(result.suggestion == "");
    CHECK(result.relaxed);
    CHECK(result.total == word_matches(index, "refusal").size());
  }
  {
    const SearchResult result = search("refusal direction qqqzzz");
    CHECK(result.relaxed);
    REQUIRE_FALSE(result.hits.empty());
    const DocumentSet both = intersection(word_matches(index, "refusal"), word_matches(index, "direction"));
    REQUIRE_FALSE(both.empty());
    // The best partial match holds both words that are there.
    CHECK(ids_of(index, both).count(result.hits.front().id) == 1);
  }
  CHECK_FALSE(search("refusal direction").relaxed);
}

TEST_CASE("a long question ranks the entry about its subject first") {
  const FixtureIndex& index = sample_blog();
  struct Question {
    const char* text;
    const char* arxiv;  // the paper of the entry that must come first
  };
  for (const Question& question :
       {Question{"which paper showed that refusal in language models is mediated by a single direction",
                 "2406.11717"},
        Question{"how did openai scale sparse autoencoders to millions of latents with a topk activation",
                 "2406.04093"},
        Question{"what was the paper where a model hides a capability unless a password is in the prompt",
                 "2405.19550"},
        Question{"benchmark of real github issues from python repositories qqqzzz", "2310.06770"}}) {
    const std::string text = question.text;
    CAPTURE(text);
    const SearchResult result = search(question.text);
    REQUIRE_FALSE(result.hits.empty());
    const auto ids = arxiv_ids_of(index.document(result.hits.front().id).record);
    const std::string first_title = result.hits.front().record.title;
    CAPTURE(first_title);
    CHECK(std::find(ids.begin(), ids.end(), question.arxiv) != ids.end());
  }
}

TEST_CASE("snippets mark the matched words and carry no markup") {
  const SearchResult result = search("refusal", 100);
  REQUIRE_FALSE(result.hits.empty());
  std::size_t with_marks = 0;
  for (const SearchHit& hit : result.hits) {
    CAPTURE(hit.id);
    const std::string text = text_of(hit.snippet);
    CHECK(text.find('\x02') == std::string::npos);
    CHECK(text.find('\x03') == std::string::npos);
    CHECK(text.find("&amp;") == std::string::npos);
    CHECK(text.find("&lt;") == std::string::npos);
    CHECK(text.find('\n') == std::string::npos);
    for (const auto& part : hit.snippet) {
      CHECK_FALSE(part.text.empty());
      if (part.match) {
        CAPTURE(part.text);
        CHECK(lowercase(part.text).rfind("refus", 0) == 0);
      }
    }
    const std::string commentary = lowercase(hit.record.commentary);
    if (commentary.find("refus") != std::string::npos) {
      const bool marked =
          std::any_of(hit.snippet.begin(), hit.snippet.end(), [](const auto& part) { return part.match; });
      CHECK(marked);
      if (marked) ++with_marks;
    }
  }
  CHECK(with_marks > 0);
}

TEST_CASE("a paper read in two posts says, in each, that it also appears in the other") {
  const FixtureIndex& index = sample_blog();
  const FixtureDocument& june = entry_linking(index, "2406.11717", "2024-06-21");
  const FixtureDocument& january = entry_linking(index, "2406.11717", "2025-01-17");
  SearchRequest request;
  request.query = "arxiv:2406.11717";
  const SearchResult result = index.searcher->search(request);
  REQUIRE(result.hits.size() == 2);
  for (const SearchHit& hit : result.hits) {
    CAPTURE(hit.id);
    const FixtureDocument& other = hit.id == june.id ? january : june;
    REQUIRE(hit.also_in.size() == 1);
    CHECK(hit.also_in[0].entry_id == other.id);
    CHECK(hit.also_in[0].entry_url == other.record.at("url").get<std::string>());
    CHECK(hit.also_in[0].post_title == other.record.at("post").at("title").get<std::string>());
    CHECK(hit.also_in[0].post_url == other.record.at("post").at("url").get<std::string>());
    CHECK(hit.also_in[0].date == other.date);
  }
}

TEST_CASE("also_in lists the other posts linking the same paper, never the entry's own post") {
  // Brute force over every entry: the other posts with an entry whose links (items or
  // mentions) share an arXiv id or a URL with this entry's items.
  const FixtureIndex& index = sample_blog();
  SearchRequest request;
  request.per_page = 100;
  std::size_t with_others = 0;
  for (request.page = 1;; ++request.page) {
    const SearchResult result = index.searcher->search(request);
    for (const SearchHit& hit : result.hits) {
      CAPTURE(hit.id);
      const FixtureDocument& entry = index.document(hit.id);
      if (entry.type != "entry") {
        CHECK(hit.also_in.empty());
        continue;
      }
      std::set<std::string> arxiv, urls;
      links_of(entry.record.at("items"), arxiv, urls);
      std::set<std::string> expected_posts;
      for (const FixtureDocument& other : index.documents) {
        if (other.type != "entry" || other.post_id == entry.post_id) continue;
        std::set<std::string> other_arxiv, other_urls;
        links_of(other.record.at("items"), other_arxiv, other_urls);
        links_of(other.record.value("mentions", json::array()), other_arxiv, other_urls);
        const bool same =
            std::any_of(arxiv.begin(), arxiv.end(),
                        [&](const auto& id) { return other_arxiv.count(id) > 0; }) ||
            std::any_of(urls.begin(), urls.end(), [&](const auto& url) { return other_urls.count(url) > 0; });
        if (same) expected_posts.insert(other.post_id);
      }
      std::set<std::string> posts;
      for (const auto& other : hit.also_in) {
        const FixtureDocument& shown = index.document(other.entry_id);
        CHECK(shown.post_id != entry.post_id);
        CHECK(shown.type == "entry");
        CHECK(expected_posts.count(shown.post_id) == 1);
        posts.insert(shown.post_id);
        CHECK(other.date == shown.date);
      }
      CHECK(posts.size() == hit.also_in.size());  // one entry per other post
      CHECK(posts.size() == std::min<std::size_t>(expected_posts.size(), 5));
      for (std::size_t i = 1; i < hit.also_in.size(); ++i)
        CHECK(hit.also_in[i - 1].date >= hit.also_in[i].date);
      if (!expected_posts.empty()) ++with_others;
    }
    if (result.hits.size() < request.per_page) break;
  }
  CHECK(with_others >= 2);
}

namespace {

// The blog in `dir`/content indexed whole with the built-in tables into `dir`/db, opened.
Xapian::Database index_blog(const TempDir& dir) {
  const clubsearch::schemas::IndexSchema& schema = clubsearch::schemas::IndexSchema::builtin();
  const clubsearch::indexer::Site site = clubsearch::indexer::Site::discover(dir / "content");
  const clubsearch::indexer::Indexer indexer(
      site, {schema, clubsearch::schemas::SourceTable::builtin(), clubsearch::schemas::TopicTaxonomy::builtin(),
             clubsearch::schemas::SynonymTable::builtin()});
  clubsearch::indexer::IndexOptions options;
  options.full = true;
  REQUIRE(indexer.run(dir / "db", options).committed);
  return clubsearch::index::open_index(dir / "db", schema);
}

// A blog a test writes (`dir`), indexed and searched with a request of text alone.
class WrittenBlog {
 public:
  const TempDir dir;

  // Indexes what the test wrote; call once, before searching.
  void index() {
    const clubsearch::schemas::IndexSchema& schema = clubsearch::schemas::IndexSchema::builtin();
    db_ = index_blog(dir);
    searcher_.emplace(db_, schema, clubsearch::query::stored_columns(dir / "db", schema));
  }
  SearchResult search(const std::string& text) const {
    SearchRequest request;
    request.query = text;
    return searcher_->search(request);
  }
  const Xapian::Database& db() const { return db_; }

 private:
  Xapian::Database db_;
  std::optional<clubsearch::query::Searcher> searcher_;
};

}  // namespace

TEST_CASE("a list of papers carries each one's newest mentions and counts; read whole, its whole timeline") {
  // Five posts discuss one paper, one of them twice, one undated.
  const TempDir dir;
  for (int n = 1; n <= 5; ++n) {
    const std::string number = std::to_string(n);
    dir.write("content/jc-" + number + ".md",
              "+++\ntitle = \"Journal Club " + number + "\"\n" + (n < 5 ? "date = 2024-0" + number + "-01\n" : "") +
                  "+++\n\n### [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n\nWhat post " + number +
                  " said about it.\n" +
                  (n == 2 ? "\n### [The Transformer, again](https://arxiv.org/pdf/1706.03762v5)\n\nA second look.\n" : ""));
  }
  const clubsearch::schemas::IndexSchema& schema = clubsearch::schemas::IndexSchema::builtin();
  const Xapian::Database db = index_blog(dir);
  const clubsearch::query::Searcher searcher(db, schema, clubsearch::query::stored_columns(dir / "db", schema));

  SearchRequest request;
  request.scope = clubsearch::query::SearchScope::papers;
  const SearchResult result = searcher.search(request);
  REQUIRE(result.hits.size() == 1);
  const clubsearch::index::PaperRecord& listed = result.hits[0].record.paper;
  CHECK(listed.mention_count == 6);
  CHECK(listed.posts == 5);
  CHECK(listed.last_date == "2024-04-01");  // the undated post comes last, but has no date
  REQUIRE(listed.mentions.size() == clubsearch::index::kListedMentions);
  CHECK(listed.mentions.back().post_title == "Journal Club 5");
  CHECK(json(clubsearch::query::to_json(result.hits[0]))["paper"]["mention_count"] == 6);

  const std::vector<clubsearch::index::Record> whole = searcher.whole_records(result.hits);
  REQUIRE(whole.size() == 1);
  REQUIRE(whole[0].paper.mentions.size() == 6);
  std::vector<std::string> posts;
  for (const auto& mention : whole[0].paper.mentions) posts.push_back(mention.post_title);
  CHECK(posts == std::vector<std::string>{"Journal Club 1", "Journal Club 2", "Journal Club 2", "Journal Club 3",
                                          "Journal Club 4", "Journal Club 5"});
  CHECK(whole[0] == *searcher.record(result.hits[0].id));
  CHECK(searcher.entry(result.hits[0].id)->record.paper.mentions.size() == 6);
}

TEST_CASE("the index records which links another entry shares, and an update that shares one is seen by also_in") {
  const clubsearch::schemas::IndexSchema& schema = clubsearch::schemas::IndexSchema::builtin();
  const clubsearch::index::TermRules rules(schema);
  const TempDir dir;
  dir.write("content/jc-1.md",
            "+++\ntitle = \"Journal Club 1\"\ndate = 2024-01-01\n+++\n\n"
            "### [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n\nFirst read.\n\n"
            "### [A page of its own](https://example.org/only-here)\n\nNobody else links it.\n\n"
            "### [Shared later](https://blog.example.com/shared-post/)\n\nLinked again by a later post.\n");
  dir.write("content/jc-2.md",
            "+++\ntitle = \"Journal Club 2\"\ndate = 2024-02-01\n+++\n\n"
            "### [The Transformer, again](https://arxiv.org/pdf/1706.03762v5)\n\nA second look.\n\n"
            "### [Another page](https://example.com/other)\n\nAlone too.\n");
  // Every link term of the index is in the set exactly when two documents hold it (the
  // set may hold more only by a hash that collides, which these few terms do not).
  const auto check_set = [&](const Xapian::Database& db) {
    const auto shared = clubsearch::index::SharedLinks::read(db);
    REQUIRE(shared);
    std::size_t terms = 0, held_twice = 0;
    for (const std::string filter : {"url", "arxiv"}) {
      const std::string prefix = rules.term(filter, "");
      for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term, ++terms) {
        CAPTURE(*term);
        CHECK(shared->may_be_shared(*term) == (term.get_termfreq() >= 2));
        if (term.get_termfreq() >= 2) ++held_twice;
      }
    }
    CHECK(terms >= 5);
    return held_twice;
  };
  const auto also_in_of = [&](const Xapian::Database& db, const std::string& query) {
    const clubsearch::query::Searcher searcher(db, schema, clubsearch::query::stored_columns(dir / "db", schema));
    SearchRequest request;
    request.query = query;
    const SearchResult result = searcher.search(request);
    REQUIRE(result.hits.size() == 1);
    std::vector<std::string> posts;
    for (const auto& other : result.hits[0].also_in) posts.push_back(other.post_title);
    return posts;
  };
  const auto update = [&] {
    const clubsearch::indexer::Site site = clubsearch::indexer::Site::discover(dir / "content");
    const clubsearch::indexer::Indexer indexer(
        site, {schema, clubsearch::schemas::SourceTable::builtin(), clubsearch::schemas::TopicTaxonomy::builtin(),
               clubsearch::schemas::SynonymTable::builtin()});
    const auto report = indexer.run(dir / "db", {});
    REQUIRE(report.committed);
    REQUIRE_FALSE(report.rebuilt);
    return clubsearch::index::open_index(dir / "db", schema);
  };

  const Xapian::Database built = index_blog(dir);
  CHECK(check_set(built) >= 1);  // the arXiv id
  CHECK(also_in_of(built, "\"Attention Is All You Need\"") == std::vector<std::string>{"Journal Club 2"});
  CHECK(also_in_of(built, "\"Shared later\"").empty());
  CHECK(also_in_of(built, "\"A page of its own\"").empty());

  // A new post links the first post's page: an update, which writes the set again.
  dir.write("content/jc-3.md",
            "+++\ntitle = \"Journal Club 3\"\ndate = 2024-03-01\n+++\n\n"
            "### [The shared post](https://blog.example.com/shared-post)\n\nRead it too.\n");
  const Xapian::Database updated = update();
  CHECK(check_set(updated) >= 2);
  CHECK(also_in_of(updated, "\"Shared later\"") == std::vector<std::string>{"Journal Club 3"});
  CHECK(also_in_of(updated, "\"The shared post\"") == std::vector<std::string>{"Journal Club 1"});
  CHECK(also_in_of(updated, "\"A page of its own\"").empty());

  // An index that records no set (written before it was, or the key removed) looks up
  // every link, and finds the same.
  {
    Xapian::WritableDatabase writable(clubsearch::index::IndexStore(dir / "db").current()->string(), Xapian::DB_OPEN);
    writable.set_metadata(clubsearch::index::metadata::kSharedLinks, "");
    writable.commit();
  }
  const Xapian::Database without = clubsearch::index::open_index(dir / "db", schema);
  CHECK_FALSE(clubsearch::index::SharedLinks::read(without));
  CHECK(also_in_of(without, "\"Shared later\"") == std::vector<std::string>{"Journal Club 3"});
  CHECK(also_in_of(without, "\"Attention Is All You Need\"") == std::vector<std::string>{"Journal Club 2"});
}

TEST_CASE("papers' documents share no term with entries and posts but the lookups, and each search reads its own") {
  // Two posts discuss three papers; the entries' words are also in the papers' titles.
  const TempDir dir;
  dir.write("content/jc-1.md",
            "+++\ntitle = \"Journal Club 1\"\ndate = 2024-01-01\n+++\n\n"
            "### [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n\nSelf-attention replaces "
            "recurrence.\n\n### [大模型 综述](https://arxiv.org/abs/2303.18223)\n\nA survey of large models.\n");
  dir.write("content/jc-2.md",
            "+++\ntitle = \"Journal Club 2\"\ndate = 2024-02-01\n+++\n\n"
            "### [Generating Long Sequences with Sparse Transformers](https://arxiv.org/abs/1904.10509)\n\n"
            "Sparse attention, read again.\n");
  const clubsearch::schemas::IndexSchema& schema = clubsearch::schemas::IndexSchema::builtin();
  const std::string& space = schema.papers().text_prefix();
  REQUIRE_FALSE(space.empty());
  const Xapian::Database db = index_blog(dir);

  // Every term of a paper's document is under the papers' prefix but its id, type and
  // paper id, which entries hold too; no other document has a term under that prefix.
  std::vector<std::string> shared;
  for (const char* filter : {"id", "type", "paperid"}) shared.push_back(schema.filter(filter).prefix);
  std::size_t papers = 0, others = 0;
  for (auto id = db.postlist_begin(""); id != db.postlist_end(""); ++id) {
    const Xapian::Document document = db.get_document(*id);
    const bool paper = clubsearch::index::decode(document.get_data()).type == clubsearch::index::DocumentType::paper;
    (paper ? papers : others)++;
    for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
      CAPTURE(*term);
      const bool spaced = (*term).rfind(space, 0) == 0;
      const bool lookup = std::any_of(shared.begin(), shared.end(), [&](const std::string& prefix) {
        return (*term).rfind(prefix, 0) == 0 && (*term).size() > prefix.size() &&
               !((*term)[prefix.size()] >= 'A' && (*term)[prefix.size()] <= 'Z');
      });
      if (paper)
        CHECK((spaced || lookup));
      else
        CHECK_FALSE(spaced);
    }
  }
  CHECK(papers == 3);
  CHECK(others == 5);  // three entries and two posts

  const clubsearch::query::Searcher searcher(db, schema, clubsearch::query::stored_columns(dir / "db", schema));
  using clubsearch::query::SearchScope;
  // The titles of what a search finds; of documents of the other scope, "(wrong scope)".
  auto titles = [&](const std::string& text, SearchScope scope) {
    SearchRequest request;
    request.query = text;
    request.scope = scope;
    request.count_facets = true;
    std::multiset<std::string> out;
    for (const auto& hit : searcher.search(request).hits)
      if ((hit.record.type == clubsearch::index::DocumentType::paper) == (scope == SearchScope::papers))
        out.insert(hit.record.type == clubsearch::index::DocumentType::post ? "(post)" : hit.record.title);
      else
        out.insert("(wrong scope)");
    return out;
  };
  using Titles = std::multiset<std::string>;
  const std::string attention = "Attention Is All You Need";
  const std::string sparse = "Generating Long Sequences with Sparse Transformers";
  // Entries: the papers' title words find the entries, never a paper.
  CHECK(titles("attention", SearchScope::entries) == Titles{attention, sparse});
  CHECK(titles("大模型", SearchScope::entries) == Titles{"大模型 综述"});
  CHECK(titles("journal club", SearchScope::entries) == Titles{"(post)", "(post)"});
  // Papers: the same words, and every way of typing them, find the papers alone.
  CHECK(titles("attention", SearchScope::papers) == Titles{attention});
  CHECK(titles("transform", SearchScope::papers) == Titles{sparse});
  CHECK(titles("sparse transfor", SearchScope::papers) == Titles{sparse});  // the last word half-typed
  CHECK(titles("atention need", SearchScope::papers) == Titles{attention});  // a typo
  CHECK(titles("title:attention", SearchScope::papers) == Titles{attention});
  CHECK(titles("\"all you need\"", SearchScope::papers) == Titles{attention});
  CHECK(titles("sequen*", SearchScope::papers) == Titles{sparse});
  CHECK(titles("大模型", SearchScope::papers) == Titles{"大模型 综述"});
  CHECK(titles("arxiv:1706.03762", SearchScope::papers) == Titles{attention});
  CHECK(titles("https://arxiv.org/abs/2303.18223", SearchScope::papers) == Titles{"大模型 综述"});
  CHECK(titles("source:arxiv year:2024 sparse", SearchScope::papers) == Titles{sparse});
  CHECK(titles("recurrence", SearchScope::papers).empty());  // an entry's commentary is not a paper's text

  // A paper's snippet marks the words, and --explain names them as an entry's would.
  SearchRequest request;
  request.query = "attention";
  request.scope = SearchScope::papers;
  request.explain = true;
  request.count_facets = true;
  request.filters["source"] = {"arXiv"};
  const SearchResult found = searcher.search(request);
  REQUIRE(found.hits.size() == 1);
  CHECK(std::any_of(found.hits[0].snippet.begin(), found.hits[0].snippet.end(),
                    [](const auto& part) { return part.match; }));
  CHECK(std::any_of(found.hits[0].explain.begin(), found.hits[0].explain.end(),
                    [](const auto& part) { return part.term == "attent"; }));
  const auto source = std::find_if(found.facets.begin(), found.facets.end(),
                                   [](const auto& facet) { return facet.name == "source"; });
  REQUIRE(source != found.facets.end());
  REQUIRE(source->values.size() == 1);
  CHECK(source->values[0].count == 1);
}

TEST_CASE("a question's words that a synonym stands for weigh as one concept, whichever form an entry holds") {
  // Three entries hold "large language models" in their titles; one holds "LLM" and
  // "forecasting". Asked about forecasting with large language models, the one holding
  // both concepts comes first, not those holding three of the words.
  const TempDir dir;
  dir.write("content/jc-1.md",
            "+++\ntitle = \"Journal Club 1\"\ndate = 2024-01-01\n+++\n\n"
            "### [Training Compute-Optimal Large Language Models](https://arxiv.org/abs/2203.15556)\n\n"
            "Scaling laws, revisited for large language models.\n\n"
            "### [Emergent Abilities of Large Language Models](https://arxiv.org/abs/2206.07682)\n\n"
            "Abilities that appear with scale in language models.\n\n"
            "### [LoRA: Low-Rank Adaptation of Large Language Models](https://arxiv.org/abs/2106.09685)\n\n"
            "Cheap fine-tuning of large models.\n\n"
            "### [Wisdom of the Silicon Crowd](https://arxiv.org/abs/2402.19379)\n\n"
            "An LLM ensemble rivals human crowds at forecasting.\n");
  const clubsearch::schemas::IndexSchema& schema = clubsearch::schemas::IndexSchema::builtin();
  const Xapian::Database db = index_blog(dir);
  const clubsearch::query::Searcher searcher(db, schema, clubsearch::query::stored_columns(dir / "db", schema));
  for (const std::string question : {"forecasting with large language models", "forecasting with LLMs",
                               "what about large language models forecasting"}) {
    CAPTURE(question);
    SearchRequest request;
    request.query = question;
    const SearchResult result = searcher.search(request);
    REQUIRE_FALSE(result.hits.empty());
    CHECK(result.hits[0].record.title == "Wisdom of the Silicon Crowd");
  }
}

TEST_CASE("a post its one entry tells whole is found as that entry, once; type:post still lists it") {
  // Two posts of one paper's notes each (one entry titled as the post, nothing outside
  // it), and a Journal Club whose entries share words with them.
  WrittenBlog blog;
  const TempDir& dir = blog.dir;
  dir.write("content/lora.md",
            "+++\ntitle = \"LoRA: Low-Rank Adaptation of Large Language Models\"\ndate = 2024-02-01\n"
            "description = \"The method from Microsoft\"\n+++\n\n"
            "[Link to the paper](https://arxiv.org/abs/2106.09685)\n\n"
            "Low-rank updates to frozen weights make fine-tuning cheap.\n");
  dir.write("content/qlora.md",
            "+++\ntitle = \"QLoRA: Efficient Finetuning of Quantized LLMs\"\ndate = 2024-02-08\n+++\n\n"
            "[Link to the paper](https://arxiv.org/abs/2305.14314)\n\n"
            "A 4-bit base model, quantized, and fine-tuned.\n");
  dir.write("content/jc-1.md",
            "+++\ntitle = \"Journal Club 1\"\ndate = 2024-02-15\n+++\n\nThis week, fine-tuning.\n\n"
            "### [DoRA: Weight-Decomposed Low-Rank Adaptation](https://arxiv.org/abs/2402.09353)\n\n"
            "A low-rank update split into magnitude and direction.\n");
  blog.index();
  auto search = [&](const std::string& text) { return blog.search(text); };
  auto titles_and_types = [](const SearchResult& result) {
    std::string out;
    for (const auto& hit : result.hits)
      out += std::string(out.empty() ? "" : "; ") + std::string(clubsearch::index::type_name(hit.record.type)) +
             " " + hit.record.title;
    return out;
  };

  // The paper's notes come once, as the entry; the Journal Club's post has text of its
  // own, so it is found beside its entry.
  const SearchResult lora = search("LoRA Low-Rank Adaptation");
  CHECK(titles_and_types(lora) ==
        "entry LoRA: Low-Rank Adaptation of Large Language Models; entry DoRA: Weight-Decomposed Low-Rank Adaptation");
  CHECK(lora.total == 2);
  // Found by the post's description, which only the post's own document held before.
  CHECK(titles_and_types(search("Microsoft")) == "entry LoRA: Low-Rank Adaptation of Large Language Models");
  // Listed without words: one result per paper's notes, three for the Journal Club's post.
  CHECK(search("date:2024-02").total == 4);
  // Words both kinds of post hold: each paper's notes once, the Journal Club's own text.
  CHECK(titles_and_types(search("fine-tuning")) ==
        "entry QLoRA: Efficient Finetuning of Quantized LLMs; post Journal Club 1; "
        "entry LoRA: Low-Rank Adaptation of Large Language Models");
  // Asked for posts, every post is there.
  CHECK(search("type:post").total == 3);
  CHECK(titles_and_types(search("type:post QLoRA")) == "post QLoRA: Efficient Finetuning of Quantized LLMs");
  // The index says how many there are, so that searches of an index without any need not
  // look the mark up.
  CHECK(blog.db().get_metadata(clubsearch::index::metadata::kToldPosts) == "2");
}

TEST_CASE("a run of CJK characters with few hits is followed by the entries holding some of its words") {
  // 股票投资 (stock investing) is two words: one entry holds the run, two hold one word
  // each, one holds the characters of neither word side by side.
  WrittenBlog blog;
  const TempDir& dir = blog.dir;
  dir.write("content/weekly-1.md",
            "+++\ntitle = \"周刊 1\"\ndate = 2024-03-01\n+++\n\n"
            "### [讲股票投资的视频](https://example.com/video)\n\n一个视频。\n\n"
            "### [深度投资学习的书籍](https://example.com/books)\n\n三本书。\n\n"
            "### [A 股票行情工具](https://example.com/quotes)\n\n看行情。\n\n"
            "### [资本与票据](https://example.com/other)\n\n别的。\n");
  blog.index();
  auto search = [&](const std::string& text) { return blog.search(text); };
  const SearchResult result = search("股票投资");
  CHECK_FALSE(result.relaxed);
  CHECK(result.total == 1);
  REQUIRE(result.hits.size() == 3);
  CHECK(result.hits[0].record.title == "讲股票投资的视频");
  CHECK_FALSE(result.hits[0].closest);
  std::set<std::string> closest;
  for (std::size_t i = 1; i < result.hits.size(); ++i) {
    CHECK(result.hits[i].closest);
    closest.insert(result.hits[i].record.title);
  }
  CHECK(closest == std::set<std::string>{"深度投资学习的书籍", "A 股票行情工具"});
  // Nothing holds the whole run: the entries holding some of its words, marked relaxed.
  const SearchResult relaxed = search("股票书籍");
  CHECK(relaxed.relaxed);
  REQUIRE_FALSE(relaxed.hits.empty());
  // A run of two characters is one word: nothing to hold some of.
  CHECK(search("股据").hits.empty());
}

TEST_CASE("related entries are other entries, never the entry itself") {
  const FixtureIndex& index = sample_blog();
  std::size_t checked = 0;
  for (const FixtureDocument& document : index.documents) {
    if (document.type != "entry") continue;
    CAPTURE(document.id);
    const auto related = index.searcher->related(document.id, 5);
    REQUIRE(related.has_value());
    CHECK(related->hits.size() <= 5);
    for (const SearchHit& hit : related->hits) {
      CHECK(hit.id != document.id);
      CHECK(index.document(hit.id).type == "entry");
    }
    if (!related->hits.empty()) ++checked;
  }
  CHECK(checked > 50);
}

TEST_CASE("the entry most like one about a paper is the other entry about that paper") {
  const FixtureIndex& index = sample_blog();
  const FixtureDocument& june = entry_linking(index, "2406.11717", "2024-06-21");
  const FixtureDocument& january = entry_linking(index, "2406.11717", "2025-01-17");
  const auto related = index.searcher->related(june.id, 5);
  REQUIRE(related.has_value());
  std::vector<std::string> ids;
  for (const SearchHit& hit : related->hits) ids.push_back(hit.id);
  CHECK(std::find(ids.begin(), ids.end(), january.id) != ids.end());
}

TEST_CASE("related on a post gives other posts, one result each, never its own documents") {
  for (const FixtureIndex* index : all_fixture_indexes()) {
    CAPTURE(index->name);
    std::size_t with_results = 0, posts = 0;
    for (const FixtureDocument& document : index->documents) {
      if (document.type != "post") continue;
      ++posts;
      const auto related = index->searcher->related(document.id, 8);
      REQUIRE(related.has_value());
      std::set<std::string> seen;
      for (const SearchHit& hit : related->hits) {
        const FixtureDocument& found = index->document(hit.id);
        CHECK(found.post_id != document.post_id);
        CHECK(seen.insert(found.post_id).second);
      }
      if (!related->hits.empty()) ++with_results;
    }
    CHECK(with_results * 10 >= posts * 8);  // a post with words has neighbours
  }
}

TEST_CASE("the post most like one that discusses a paper includes the other post about that paper") {
  const FixtureIndex& index = sample_blog();
  const FixtureDocument& june = entry_linking(index, "2406.11717", "2024-06-21");
  const FixtureDocument& january = entry_linking(index, "2406.11717", "2025-01-17");
  const FixtureDocument* june_post = nullptr;
  for (const FixtureDocument& document : index.documents)
    if (document.type == "post" && document.post_id == june.post_id) june_post = &document;
  REQUIRE(june_post != nullptr);
  const auto related = index.searcher->related(june_post->id, 10);
  REQUIRE(related.has_value());
  std::vector<std::string> posts;
  for (const SearchHit& hit : related->hits) posts.push_back(index.document(hit.id).post_id);
  CHECK(std::find(posts.begin(), posts.end(), january.post_id) != posts.end());
}

TEST_CASE("related and record answer nullopt for an id the index does not hold") {
  const FixtureIndex& index = sample_blog();
  for (const std::string& id : std::vector<std::string>{"", "0000000000000000", "not an id"}) {
    CAPTURE(id);
    CHECK_FALSE(index.searcher->related(id, 5).has_value());
    CHECK_FALSE(index.searcher->record(id).has_value());
  }
}

TEST_CASE("record returns the stored record of every document") {
  const FixtureIndex& index = sample_blog();
  for (const FixtureDocument& document : index.documents) {
    CAPTURE(document.id);
    const auto record = index.searcher->record(document.id);
    REQUIRE(record.has_value());
    CHECK(json::parse(clubsearch::index::encode(*record)) == document.record);
  }
}

TEST_CASE("the JSON of a result has every field of the result and of every hit") {
  const FixtureIndex& index = sample_blog();
  SearchRequest request;
  request.query = "refusal";
  request.per_page = 100;
  const SearchResult result = index.searcher->search(request);
  REQUIRE_FALSE(result.hits.empty());
  const json out = clubsearch::query::to_json(result);
  CHECK(out.at("query") == "refusal");
  CHECK(out.at("total") == result.total);
  CHECK(out.at("total_exact") == true);
  CHECK(out.at("page") == 1);
  CHECK(out.at("per_page") == 100);
  CHECK(out.at("suggestion").is_null());
  CHECK(out.at("searched_suggestion") == false);
  CHECK(out.at("relaxed") == false);
  REQUIRE(out.at("facets").is_object());
  for (const std::string& name : clubsearch::query::facet_names()) {
    CAPTURE(name);
    REQUIRE(out.at("facets").contains(name));
    for (const json& value : out.at("facets").at(name)) {
      CHECK(value.at("value").is_string());
      CHECK(value.at("count").is_number_unsigned());
      CHECK(value.at("selected").is_boolean());
    }
  }
  REQUIRE(out.at("results").size() == result.hits.size());
  std::size_t with_also_in = 0;
  for (std::size_t i = 0; i < result.hits.size(); ++i) {
    const SearchHit& hit = result.hits[i];
    const json& shown = out.at("results").at(i);
    const json& record = index.document(hit.id).record;
    CAPTURE(hit.id);
    CHECK(shown.at("id") == hit.id);
    CHECK(shown.at("type") == record.at("type"));
    CHECK(shown.at("title") == record.at("title"));
    CHECK(shown.at("entry_url") == record.at("url"));
    CHECK(shown.at("topics") == record.at("topics"));
    CHECK(shown.at("score").is_number());
    CHECK(shown.at("more_in_post") == 0);
    REQUIRE(shown.at("items").size() == record.at("items").size());
    for (std::size_t k = 0; k < shown.at("items").size(); ++k) {
      const json& item = shown.at("items").at(k);
      const json& stored = record.at("items").at(k);
      for (const char* field : {"title", "url", "source", "kind"}) CHECK(item.at(field) == stored.at(field));
      CHECK(item.at("arxiv") == (stored.contains("arxiv") ? stored.at("arxiv") : json(nullptr)));
    }
    for (const char* field_text : {"id", "title", "date", "path", "url", "section"}) {
      const std::string field = field_text;
      CAPTURE(field);
      CHECK(shown.at("post").at(field) == record.at("post").at(field));
    }
    REQUIRE(shown.at("snippet").size() == hit.snippet.size());
    for (std::size_t k = 0; k < hit.snippet.size(); ++k) {
      CHECK(shown.at("snippet").at(k).at("text") == hit.snippet[k].text);
      CHECK(shown.at("snippet").at(k).at("match") == hit.snippet[k].match);
    }
    REQUIRE(shown.at("also_in").size() == hit.also_in.size());
    for (std::size_t k = 0; k < hit.also_in.size(); ++k) {
      const json& other = shown.at("also_in").at(k);
      CHECK(other.at("entry_id") == hit.also_in[k].entry_id);
      CHECK(other.at("entry_url") == hit.also_in[k].entry_url);
      CHECK(other.at("post_title") == hit.also_in[k].post_title);
      CHECK(other.at("post_url") == hit.also_in[k].post_url);
      CHECK(other.at("date") == (hit.also_in[k].date.empty() ? json(nullptr) : json(hit.also_in[k].date)));
      ++with_also_in;
    }
  }
  CHECK(with_also_in > 0);
}

TEST_CASE("the JSON says what the engine did: the suggestion searched, an undated post's null date") {
  const json corrected = clubsearch::query::to_json(search("rfusl"));
  CHECK(corrected.at("suggestion") == "refusal");
  CHECK(corrected.at("searched_suggestion") == true);

  const FixtureIndex& index = sample_blog();
  const auto undated = std::find_if(index.documents.begin(), index.documents.end(),
                                    [](const FixtureDocument& document) { return document.date.empty(); });
  REQUIRE(undated != index.documents.end());
  SearchHit hit;
  hit.id = undated->id;
  hit.record = clubsearch::index::decode(undated->record.dump());
  const json shown = clubsearch::query::to_json(hit);
  CHECK(shown.at("post").at("date").is_null());
}
