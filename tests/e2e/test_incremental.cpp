// Incremental indexing: adding, editing, deleting and renaming posts touches only them,
// and the index follows each change.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "index/columns_file.h"
#include "index/index_store.h"
#include "index/papers.h"
#include "index/terms.h"
#include "schemas/index_schema.h"
#include "tests/e2e/index_inspection.h"
#include "tests/e2e/process.h"

using clubsearch::test::command;
using clubsearch::test::count_matches;
using clubsearch::test::run_process;
using clubsearch::test::TempDir;
using clubsearch::test::write_file;
using nlohmann::json;

namespace {

const std::filesystem::path kData = CLUBSEARCH_DATA_DIR;

// A copy of the sample blog and an index of it, for a test to change.
struct SampleBlog {
  TempDir dir;
  std::filesystem::path site = dir / "site";
  std::filesystem::path db = dir / "db";

  SampleBlog() { clubsearch::test::copy_tree(kData, site); }

  json index(std::vector<std::string> extra = {}, const std::string& as_of = "2026-11-25") const {
    std::vector<std::string> arguments{"--db",   db.string(), "index", site.string(),
                                       "--json", "--as-of",   as_of};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    const auto result = run_process(command(arguments));
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return json::parse(result.out);
  }

  std::size_t matches(const std::string& query) const {
    return count_matches(clubsearch::test::open_database(db), query);
  }

  std::filesystem::path post(const std::string& name) const {
    return site / "content" / "journal-club" / name;
  }
};

const char* kNewPost = R"(+++
title = "Journal Club: a new post"
date = 2026-03-03
+++

Fresh reading this week.

#### [Toy Models of Superposition](https://arxiv.org/abs/2209.10652)

The zanzibarian toy example that started it all.
)";

// A post that discusses a paper the sample blog already has, linked in another form
// (its PDF, versioned), and one it does not.
const char* kPaperPost = R"(+++
title = "Journal Club: papers again"
date = 2026-03-10
+++
#### [Refusal is a single direction (PDF)](https://arxiv.org/pdf/2406.11717v1.pdf)
Back to the refusal direction once more.

#### [Toy Models of Superposition](https://arxiv.org/abs/2209.10652v1)
Superposition, the toy version.
)";

// Every paper's stored record, by id, straight from the database.
std::map<std::string, json> paper_records(const std::filesystem::path& db_dir) {
  const Xapian::Database db = clubsearch::test::open_database(db_dir);
  const std::string term =
      clubsearch::index::TermRules(clubsearch::schemas::IndexSchema::builtin()).term("type", "paper");
  std::map<std::string, json> out;
  for (auto posting = db.postlist_begin(term); posting != db.postlist_end(term); ++posting) {
    json record = json::parse(db.get_document(*posting).get_data());
    const std::string id = record.at("id").get<std::string>();
    REQUIRE_MESSAGE(out.emplace(id, std::move(record)).second, "two documents for paper " << id);
  }
  return out;
}

// The papers an index of `site` made from scratch holds.
std::map<std::string, json> rebuilt_papers(const std::filesystem::path& site, const std::filesystem::path& db) {
  const auto result = run_process(command({"--db", db.string(), "index", site.string(), "--full", "--as-of", "2026-11-25"}));
  REQUIRE(result.exit_code == 0);
  return paper_records(db);
}

}  // namespace

TEST_SUITE("incremental") {
  TEST_CASE("papers follow updates: after adding or deleting a post, every paper is what a rebuild makes") {
    SampleBlog blog;
    blog.index();
    const std::map<std::string, json> before = paper_records(blog.db);
    const std::string refusal = clubsearch::index::paper_id("arxiv:2406.11717");
    const std::string toy = clubsearch::index::paper_id("arxiv:2209.10652");
    REQUIRE(before.count(refusal) == 1);
    CHECK(before.at(refusal)["paper"]["posts"] == 2);
    CHECK(before.count(toy) == 0);

    write_file(blog.post("journal_club_2026_03_10.md"), kPaperPost);
    const json added = blog.index();
    CHECK(added["papers"] == before.size() + 1);
    const std::map<std::string, json> updated = paper_records(blog.db);
    CHECK(updated.at(refusal)["paper"]["posts"] == 3);
    CHECK(updated.at(refusal)["paper"]["mentions"].back()["date"] == "2026-03-10");
    CHECK(updated.at(toy)["paper"]["posts"] == 1);
    CHECK(updated.at(toy)["title"] == "Toy Models of Superposition");
    CHECK(updated == rebuilt_papers(blog.site, blog.dir / "rebuilt-1"));

    std::filesystem::remove(blog.post("journal_club_2026_03_10.md"));
    blog.index();
    const std::map<std::string, json> removed = paper_records(blog.db);
    CHECK(removed.count(toy) == 0);
    CHECK(removed == before);
    CHECK(removed == rebuilt_papers(blog.site, blog.dir / "rebuilt-2"));
  }

  TEST_CASE("the sample blog indexes completely, and a second run finds nothing to do") {
    SampleBlog blog;
    const json first = blog.index();
    CHECK(first["rebuilt"] == true);
    CHECK(first["indexed"] == 22);
    CHECK(first["entries"] == 110);
    CHECK(first["drafts"] == 1);
    CHECK(first["future"] == 1);
    CHECK(first["section_pages"] == 3);
    CHECK(first["problems"].empty());

    const json second = blog.index();
    CHECK(second["rebuilt"] == false);
    CHECK(second["indexed"] == 0);
    CHECK(second["unchanged"] == 24);  // 22 posts, the draft and the future post
    CHECK(second["documents"] == first["documents"]);
  }

  TEST_CASE("an added post is indexed alone and found") {
    SampleBlog blog;
    blog.index();
    CHECK(blog.matches("zanzibarian") == 0);
    write_file(blog.post("journal_club_2026_03_03.md"), kNewPost);
    const json report = blog.index();
    CHECK(report["indexed"] == 1);
    CHECK(report["entries"] == 1);
    CHECK(report["unchanged"] == 24);
    CHECK(blog.matches("zanzibarian") == 1);
    CHECK(blog.matches("arxiv:2209.10652") == 1);
    CHECK(clubsearch::test::open_database(blog.db).get_spelling_suggestion("zanzibarain") == "zanzibarian");
  }

  TEST_CASE("an edited post replaces its old text, and only it is reparsed") {
    SampleBlog blog;
    write_file(blog.post("journal_club_2026_03_03.md"), kNewPost);
    blog.index();
    std::string edited = kNewPost;
    edited.replace(edited.find("zanzibarian"), 11, "quokkalike");
    write_file(blog.post("journal_club_2026_03_03.md"), edited);
    const json report = blog.index();
    CHECK(report["indexed"] == 1);
    CHECK(blog.matches("zanzibarian") == 0);
    CHECK(blog.matches("quokkalike") == 1);
  }

  TEST_CASE("a deleted post leaves the index") {
    SampleBlog blog;
    write_file(blog.post("journal_club_2026_03_03.md"), kNewPost);
    const json before = blog.index();
    std::filesystem::remove(blog.post("journal_club_2026_03_03.md"));
    const json report = blog.index();
    CHECK(report["removed"] == 1);
    CHECK(report["indexed"] == 0);
    CHECK(report["documents"].get<int>() == before["documents"].get<int>() - 2);
    CHECK(blog.matches("zanzibarian") == 0);
    // Its words leave the spelling data too: "did you mean" never suggests a word no
    // document contains.
    CHECK(clubsearch::test::open_database(blog.db).get_spelling_suggestion("zanzibarain").empty());
  }

  TEST_CASE("a renamed post moves: one removal, one addition, a new permalink") {
    SampleBlog blog;
    write_file(blog.post("journal_club_2026_03_03.md"), kNewPost);
    blog.index();
    std::filesystem::rename(blog.post("journal_club_2026_03_03.md"), blog.post("renamed_club.md"));
    const json report = blog.index();
    CHECK(report["removed"] == 1);
    CHECK(report["indexed"] == 1);
    const Xapian::Database db = clubsearch::test::open_database(blog.db);
    CHECK(clubsearch::test::records_of(db, "journal-club/journal_club_2026_03_03.md").empty());
    const auto records = clubsearch::test::records_of(db, "journal-club/renamed_club.md");
    REQUIRE(records.size() == 2);
    CHECK(records[0]["url"] ==
          "https://journal.example.org/journal-club/renamed-club/#toy-models-of-superposition");
  }

  TEST_CASE("entry ids stay the same across an unchanged reindex and a full rebuild") {
    SampleBlog blog;
    blog.index();
    auto ids = [&] {
      std::vector<std::string> out;
      for (const json& record : clubsearch::test::records_of(clubsearch::test::open_database(blog.db),
                                                             "journal-club/journal_club_2025_01_17.md"))
        out.push_back(record["id"]);
      return out;
    };
    const auto before = ids();
    REQUIRE(before.size() == 7);
    blog.index({"--full"});
    CHECK(ids() == before);
  }

  TEST_CASE("a future post appears once its day has come; a draft only with --drafts") {
    SampleBlog blog;
    blog.index();
    CHECK(clubsearch::test::records_of(clubsearch::test::open_database(blog.db),
                                       "journal-club/journal_club_2027_01_15.md")
              .empty());
    const json later = blog.index({}, "2027-02-01");
    CHECK(later["indexed"] == 1);
    CHECK(later["rebuilt"] == false);
    CHECK_FALSE(clubsearch::test::records_of(clubsearch::test::open_database(blog.db),
                                             "journal-club/journal_club_2027_01_15.md")
                    .empty());

    const json drafts = blog.index({"--drafts"}, "2027-02-01");
    CHECK(drafts["rebuilt"] == true);  // a different --drafts setting is a different index
    CHECK(drafts["drafts"] == 0);
    CHECK_FALSE(clubsearch::test::records_of(clubsearch::test::open_database(blog.db),
                                             "journal-club/journal_club_2025_12_05.md")
                    .empty());
  }

  TEST_CASE("one paper linked from two posts is recognised as one arXiv id") {
    SampleBlog blog;
    blog.index();
    const Xapian::Database db = clubsearch::test::open_database(blog.db);
    CHECK(count_matches(db, "arxiv:2406.11717 type:entry") == 2);
  }

  TEST_CASE("every run leaves facet columns that are the database's own, and only the last two files") {
    namespace index = clubsearch::index;
    const auto& schema = clubsearch::schemas::IndexSchema::builtin();
    SampleBlog blog;
    // The columns a reader maps are exactly those built anew from the database.
    auto check_columns = [&](std::uint64_t serial) {
      const Xapian::Database db = clubsearch::test::open_database(blog.db);
      std::string why;
      const auto stored = index::open_stored_columns(db, index::IndexStore(blog.db), schema, why);
      REQUIRE_MESSAGE(stored, why);
      CHECK(stored->stamp().serial == serial);
      const auto built = index::FacetColumns::build(db, schema, serial);
      CHECK(std::equal(stored->words().begin(), stored->words().end(), built->words().begin(),
                       built->words().end()));
    };
    auto columns_files = [&] {
      std::set<std::string> names;
      const auto generation = index::IndexStore(blog.db).current();
      for (const auto& entry : std::filesystem::directory_iterator(*generation)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("facets-", 0) == 0) names.insert(name);
      }
      return names;
    };
    blog.index();
    check_columns(1);
    CHECK(columns_files() == std::set<std::string>{"facets-000001.columns"});
    blog.index();  // nothing changed: the columns stay as they are
    check_columns(1);
    write_file(blog.post("journal_club_2026_03_03.md"), kNewPost);
    blog.index();
    check_columns(2);
    std::filesystem::remove(blog.post("journal_club_2026_03_03.md"));
    blog.index();
    check_columns(3);
    CHECK(columns_files() == std::set<std::string>{"facets-000002.columns", "facets-000003.columns"});
    blog.index({"--full"});
    check_columns(1);
  }
}
