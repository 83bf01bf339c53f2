// Index statistics counted with a Searcher's own facet columns (as the server does) are
// those counted with columns loaded for the purpose (as `clubsearch stats` does), the
// index's stored columns count what columns built from the database count, and the posts
// and entries per value are those a reader counts in the stored records.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "index/columns_file.h"
#include "index/open_index.h"
#include "query/index_stats.h"
#include "tests/unit/query/query_fixture.h"

using namespace clubsearch;

TEST_SUITE("index stats") {
  TEST_CASE("a searcher's stats are the index's stats read on their own") {
    for (const test::FixtureIndex* index : test::all_fixture_indexes()) {
      CAPTURE(index->name);
      const std::filesystem::path db = index->dir->path() / "db";
      const schemas::IndexSchema& schema = schemas::IndexSchema::builtin();
      const Xapian::Database opened = index::open_index(db, schema);
      const auto stored = index::load_columns(opened, db, schema);
      CHECK(stored->stored());
      const query::IndexStats alone = query::index_stats(opened, schema, *stored, db);
      const query::IndexStats through_searcher = index->searcher->stats(db);
      CHECK(query::to_json(through_searcher, db) == query::to_json(alone, db));
      nlohmann::json counted = query::to_json(alone, db);
      nlohmann::json built = query::to_json(
          query::index_stats(opened, schema, *index::FacetColumns::build(opened, schema), db), db);
      counted.erase("facet_columns");
      built.erase("facet_columns");
      CHECK(counted == built);
      CHECK(through_searcher.entries > 0);
      CHECK(!through_searcher.sources.empty());
      CHECK(!through_searcher.years.empty());
    }
  }
}

namespace {

using clubsearch::query::FacetCount;

std::string lowercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// value (lowercased) → posts and entries, as a reader counts them from the stored records:
// an entry counts under each of its values; a post under its own values (section, year,
// topics) and those of its entries.
std::map<std::string, std::pair<std::size_t, std::size_t>> brute_force(
    const test::FixtureIndex& index,
    const std::function<std::set<std::string>(const test::FixtureDocument&)>& values, bool posts_have_it) {
  std::map<std::string, std::set<std::string>> posts;
  std::map<std::string, std::size_t> entries;
  for (const test::FixtureDocument& document : index.documents) {
    if (document.type == "post" && !posts_have_it) continue;
    std::set<std::string> keys;
    for (const std::string& value : values(document))
      if (!value.empty()) keys.insert(lowercase(value));
    for (const std::string& key : keys) {
      posts[key].insert(document.post_id);
      if (document.type == "entry") ++entries[key];
    }
  }
  std::map<std::string, std::pair<std::size_t, std::size_t>> out;
  for (const auto& [key, ids] : posts) out[key] = {ids.size(), entries[key]};
  return out;
}

std::map<std::string, std::pair<std::size_t, std::size_t>> counted(const std::vector<FacetCount>& counts) {
  std::map<std::string, std::pair<std::size_t, std::size_t>> out;
  for (const FacetCount& count : counts) out[lowercase(count.value)] = {count.posts, count.entries};
  return out;
}

}  // namespace

TEST_SUITE("index stats") {
  TEST_CASE("posts and entries per section, year, source, kind and topic are those a reader counts") {
    for (const test::FixtureIndex* index : test::all_fixture_indexes()) {
      CAPTURE(index->name);
      const query::IndexStats stats = index->searcher->stats(index->dir->path() / "db");
      using Doc = test::FixtureDocument;
      CHECK(counted(stats.sections) ==
            brute_force(
                *index, [](const Doc& d) { return std::set<std::string>{d.section}; }, true));
      CHECK(counted(stats.years) ==
            brute_force(
                *index, [](const Doc& d) { return std::set<std::string>{d.date.substr(0, 4)}; }, true));
      CHECK(counted(stats.sources) == brute_force(
                                          *index, [](const Doc& d) { return d.sources; }, false));
      CHECK(counted(stats.kinds) == brute_force(
                                        *index, [](const Doc& d) { return d.kinds; }, false));
      CHECK(counted(stats.topics) == brute_force(
                                         *index, [](const Doc& d) { return d.topics; }, true));
      std::size_t undated = 0;
      for (const Doc& document : index->documents)
        undated += document.type == "post" && document.date.empty();
      CHECK(stats.undated_posts == undated);
      for (const auto* list : {&stats.sections, &stats.sources, &stats.kinds, &stats.topics})
        CHECK(std::is_sorted(list->begin(), list->end(), [](const FacetCount& a, const FacetCount& b) {
          return a.posts != b.posts ? a.posts > b.posts : a.entries > b.entries;
        }));
      CHECK(std::is_sorted(stats.years.begin(), stats.years.end(),
                           [](const FacetCount& a, const FacetCount& b) { return a.value > b.value; }));
    }
  }

  TEST_CASE(
      "a blog of essays and link posts: every post counts in its section and year, entries where they are") {
    test::TempDir blog;
    blog.write("content/blog/links.md",
               "+++\ntitle = \"Links\"\ndate = 2024-05-01\n+++\n"
               "## [Paper one](https://arxiv.org/abs/2404.03592)\n\nOn it.\n\n"
               "## [Paper two](https://arxiv.org/abs/2402.18563)\n\nOn that.\n\n"
               "## [A tool](https://github.com/someone/tool)\n\nUseful.\n");
    blog.write("content/blog/essay.md",
               "+++\ntitle = \"An essay\"\ndate = 2025-02-01\n+++\nNo links at all.\n");
    blog.write("content/notes/undated.md",
               "+++\ntitle = \"Undated\"\n+++\n"
               "## [Paper one again](https://arxiv.org/abs/2404.03592)\n\nAgain.\n");
    const std::unique_ptr<test::FixtureIndex> index =
        test::detail::build_index("essays and links", indexer::Site::discover(blog.path() / "content"));
    const query::IndexStats stats = index->searcher->stats(index->dir->path() / "db");
    CHECK(stats.posts == 3);
    CHECK(stats.entries == 4);
    CHECK(stats.sections == std::vector<FacetCount>{{"blog", 2, 3}, {"notes", 1, 1}});
    CHECK(stats.years == std::vector<FacetCount>{{"2025", 1, 0}, {"2024", 1, 3}});
    CHECK(stats.undated_posts == 1);
    CHECK(stats.sources == std::vector<FacetCount>{{"arXiv", 2, 3}, {"GitHub", 1, 1}});
    CHECK(stats.kinds == std::vector<FacetCount>{{"paper", 2, 3}, {"code", 1, 1}});

    const nlohmann::json json = query::to_json(stats, index->dir->path() / "db");
    CHECK(json["sections"][0] == nlohmann::json{{"value", "blog"}, {"posts", 2}, {"entries", 3}});
    CHECK(json["years"][0] == nlohmann::json{{"value", "2025"}, {"posts", 1}, {"entries", 0}});
    CHECK(json["undated_posts"] == 1);
  }
}
