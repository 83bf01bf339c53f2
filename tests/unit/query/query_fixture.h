// Indexes the query tests search: the sample blog, the seed blog and a large corpus blog,
// each built once per test binary, with every document's stored record read back so a
// test can compute by brute force what a search should find.
#pragma once

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "indexer/indexer.h"
#include "indexer/site.h"
#include "index/open_index.h"
#include "query/searcher.h"
#include "schemas/index_schema.h"
#include "schemas/source_table.h"
#include "schemas/synonym_table.h"
#include "schemas/topic_taxonomy.h"
#include "tests/support/temp_dir.h"

namespace clubsearch::test {

// One document as the brute force sees it: everything from its stored record (and, for
// tags, from its post's own record), nothing from its terms or values.
struct FixtureDocument {
  Xapian::docid docid = 0;
  std::string id;
  std::string type;                                    // entry or post
  std::string post_id;                                 // the post it belongs to
  std::string section;                                 // as written
  std::string date;                                    // YYYY-MM-DD, or empty when undated
  std::set<std::string> sources, kinds, topics, tags;  // as written
  std::set<std::string> paper_years;                   // of the papers its items are
  nlohmann::json record;
};

struct FixtureIndex {
  std::string name;
  std::unique_ptr<TempDir> dir;
  Xapian::Database db;
  std::unique_ptr<query::Searcher> searcher;
  std::vector<FixtureDocument> documents;  // entries and posts, in docid order
  std::vector<nlohmann::json> papers;      // the papers' own records, in docid order
  std::map<Xapian::docid, std::size_t> by_docid;
  std::map<std::string, Xapian::docid> by_id;

  const FixtureDocument& document(Xapian::docid docid) const { return documents.at(by_docid.at(docid)); }
  // The document a result's id names; fails the test for an id the index does not hold.
  const FixtureDocument& document(const std::string& id) const {
    const auto found = by_id.find(id);
    REQUIRE_MESSAGE(found != by_id.end(), "no document with id " << id);
    return document(found->second);
  }
};

inline const std::filesystem::path& corpus_dir() {
  static const std::filesystem::path dir = CLUBSEARCH_CORPUS_DIR;
  return dir;
}

namespace detail {

inline std::vector<std::string> strings_of(const nlohmann::json& list) {
  std::vector<std::string> out;
  if (!list.is_array()) return out;
  for (const nlohmann::json& value : list)
    if (value.is_string()) out.push_back(value.get<std::string>());
  return out;
}

inline std::unique_ptr<FixtureIndex> build_index(const std::string& name, const indexer::Site& site) {
  auto index = std::make_unique<FixtureIndex>();
  index->name = name;
  index->dir = std::make_unique<TempDir>();
  const schemas::IndexSchema& schema = schemas::IndexSchema::builtin();
  const indexer::Indexer indexer(site, {schema, schemas::SourceTable::builtin(),
                                        schemas::TopicTaxonomy::builtin(), schemas::SynonymTable::builtin()});
  indexer::IndexOptions options;
  options.full = true;
  options.today = index::Date{2026, 11, 25};
  const std::filesystem::path db_dir = index->dir->path() / "db";
  const indexer::IndexReport report = indexer.run(db_dir, options);
  REQUIRE_MESSAGE(report.committed, name << ": the index was not committed");
  index->db = index::open_index(db_dir, schema);
  index->searcher = std::make_unique<query::Searcher>(index->db, schema, query::stored_columns(db_dir, schema));

  // Every document's record, read through the database's own document list.
  std::map<std::string, nlohmann::json> post_records;  // post id → the post's record
  for (auto posting = index->db.postlist_begin(""); posting != index->db.postlist_end(""); ++posting) {
    FixtureDocument document;
    document.docid = *posting;
    // A record is one line of JSON; a paper's whole timeline may follow on a second.
    const std::string data = index->db.get_document(*posting).get_data();
    const std::size_t line_end = data.find('\n');
    document.record = nlohmann::json::parse(data.substr(0, line_end));
    if (document.record.at("type") == "paper") {
      if (line_end != std::string::npos)
        document.record["paper"]["mentions"] = nlohmann::json::parse(data.substr(line_end + 1));
      index->papers.push_back(std::move(document.record));
      continue;
    }
    const nlohmann::json& record = document.record;
    document.id = record.at("id").get<std::string>();
    document.type = record.at("type").get<std::string>();
    const nlohmann::json& post = record.at("post");
    document.post_id = post.at("id").get<std::string>();
    document.section = post.value("section", "");
    document.date = post.at("date").is_string() ? post.at("date").get<std::string>() : "";
    for (const nlohmann::json& item : record.at("items")) {
      if (!item.value("source", "").empty()) document.sources.insert(item.value("source", ""));
      if (!item.value("kind", "").empty()) document.kinds.insert(item.value("kind", ""));
      if (item.value("date", "").size() >= 4) document.paper_years.insert(item.value("date", "").substr(0, 4));
    }
    for (const std::string& topic : strings_of(record.at("topics"))) document.topics.insert(topic);
    if (document.type == "post") post_records[document.post_id] = post;
    REQUIRE_MESSAGE(index->by_id.emplace(document.id, document.docid).second,
                    name << ": two documents with id " << document.id);
    index->by_docid[document.docid] = index->documents.size();
    index->documents.push_back(std::move(document));
  }
  // An entry's record summarises its post without the tags: they come from the post's own.
  for (FixtureDocument& document : index->documents) {
    const auto post = post_records.find(document.post_id);
    REQUIRE_MESSAGE(post != post_records.end(), name << ": no post document for " << document.id);
    for (const char* list : {"tags", "categories"})
      for (const std::string& tag : strings_of(post->second.value(list, nlohmann::json::array())))
        document.tags.insert(tag);
  }
  return index;
}

}  // namespace detail

// data/: our own small Zola blog.
inline const FixtureIndex& sample_blog() {
  static const std::unique_ptr<FixtureIndex> index =
      detail::build_index("sample blog", indexer::Site::discover(CLUBSEARCH_DATA_DIR));
  return *index;
}

// The seed blog (the real Journal Club blog), or nullptr when the corpus is absent.
inline const FixtureIndex* seed_blog() {
  static const std::unique_ptr<FixtureIndex> index = []() -> std::unique_ptr<FixtureIndex> {
    const std::filesystem::path content = corpus_dir() / "seed-blog";
    const std::filesystem::path config = corpus_dir() / "seed-blog.config.toml";
    if (!std::filesystem::is_directory(content) || !std::filesystem::is_regular_file(config)) return nullptr;
    return detail::build_index("seed blog", indexer::Site::from_config(config, content));
  }();
  return index.get();
}

// A large blog of other people's posts (skynettoday: news digests with many links per
// post), or nullptr when the corpus is absent.
inline const FixtureIndex* large_blog() {
  static const std::unique_ptr<FixtureIndex> index = []() -> std::unique_ptr<FixtureIndex> {
    const std::filesystem::path content = corpus_dir() / "skynettoday-skynet-today";
    if (!std::filesystem::is_directory(content)) return nullptr;
    return detail::build_index("skynettoday", indexer::Site::discover(content));
  }();
  return index.get();
}

// The indexes present on this machine, the sample blog first.
inline std::vector<const FixtureIndex*> all_fixture_indexes() {
  std::vector<const FixtureIndex*> indexes{&sample_blog()};
  for (const FixtureIndex* index : {seed_blog(), large_blog()}) {
    if (index != nullptr)
      indexes.push_back(index);
    else
      MESSAGE("a corpus blog is missing under " << corpus_dir() << "; its checks are skipped");
  }
  return indexes;
}

// The docids of the blog's own documents (entries and posts, not papers) holding `term`
// (a term as the index stores it).
inline std::set<Xapian::docid> postings(const FixtureIndex& index, const std::string& term) {
  std::set<Xapian::docid> out;
  for (auto posting = index.db.postlist_begin(term); posting != index.db.postlist_end(term); ++posting)
    if (index.by_docid.count(*posting) > 0) out.insert(*posting);
  return out;
}

// The stem under which a plain word is indexed.
inline std::string stem_of(const std::string& word) {
  return Xapian::Stem(schemas::IndexSchema::builtin().language())(Xapian::Unicode::tolower(word));
}

// The documents a free word matches, straight from the index's posting lists: the word's
// stem anywhere in the free text (the title and paper prefixes are indexed unprefixed too).
inline std::set<Xapian::docid> word_matches(const FixtureIndex& index, const std::string& word) {
  const schemas::IndexSchema& schema = schemas::IndexSchema::builtin();
  std::set<Xapian::docid> out = postings(index, stem_of(word));
  for (const char* field : {"paper", "title"})
    for (Xapian::docid docid : postings(index, schema.text(field).prefix + stem_of(word))) out.insert(docid);
  return out;
}

// The documents a query's last word matches as it may still be being typed: the word's,
// and those of the most frequent terms it (or its stem, when that is shorter) begins,
// among the plain terms and the titles' words as written (the schema's [ranking]), and
// when no term begins with it or its stem, of the stems of the most frequent words as
// written it begins (the spelling table's).
inline std::set<Xapian::docid> completion_matches(const FixtureIndex& index, const std::string& word) {
  const schemas::IndexSchema& schema = schemas::IndexSchema::builtin();
  std::set<Xapian::docid> out = word_matches(index, word);
  auto complete = [&](const std::string& start) {
    std::vector<std::pair<Xapian::doccount, std::string>> terms;
    for (auto term = index.db.allterms_begin(start); term != index.db.allterms_end(start); ++term)
      terms.emplace_back(term.get_termfreq(), *term);
    std::stable_sort(terms.begin(), terms.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    if (terms.size() > schema.ranking().prefix_expansion) terms.resize(schema.ranking().prefix_expansion);
    for (const auto& term : terms)
      for (Xapian::docid docid : postings(index, term.second)) out.insert(docid);
  };
  complete(word);
  const std::string stem = stem_of(word);
  if (stem != word && word.rfind(stem, 0) == 0) complete(stem);
  complete(schema.title_terms().forms_prefix + word);
  const auto has_start = [&](const std::string& start) { return index.db.allterms_begin(start) != index.db.allterms_end(start); };
  if (has_start(word) || has_start(stem)) return out;
  std::vector<std::pair<Xapian::doccount, std::string>> written;
  for (auto spelt = index.db.spellings_begin(); spelt != index.db.spellings_end(); ++spelt)
    if ((*spelt).rfind(word, 0) == 0) written.emplace_back(spelt.get_termfreq(), *spelt);
  std::stable_sort(written.begin(), written.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  if (written.size() > schema.ranking().prefix_expansion) written.resize(schema.ranking().prefix_expansion);
  for (const auto& spelt : written) {
    const std::string other = stem_of(spelt.second);
    if (other.rfind(word, 0) == 0 || other.rfind(stem, 0) == 0) continue;
    for (Xapian::docid docid : word_matches(index, spelt.second)) out.insert(docid);
  }
  return out;
}

// Every result of a request, page by page (100 a page), as docids in result order.
inline std::vector<std::string> all_result_ids(const FixtureIndex& index, query::SearchRequest request) {
  request.per_page = 100;
  std::vector<std::string> ids;
  for (request.page = 1;; ++request.page) {
    const query::SearchResult result = index.searcher->search(request);
    std::size_t results = 0;  // not the closest matches that may follow a short page
    for (const query::SearchHit& hit : result.hits)
      if (!hit.closest) {
        ids.push_back(hit.id);
        ++results;
      }
    if (results < request.per_page) break;
  }
  return ids;
}

}  // namespace clubsearch::test
