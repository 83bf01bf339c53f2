// The command line as a user meets it: help, exit codes, clear errors, stats, and
// searching for words that are also command names.
#include <doctest/doctest.h>
#include <xapian.h>

#include <nlohmann/json.hpp>

#include "index/index_store.h"
#include "tests/e2e/isolation.h"
#include "tests/e2e/process.h"

using clubsearch::test::command;
using clubsearch::test::ProcessResult;
using clubsearch::test::run_process;
using clubsearch::test::sample_index;  // shared by the tests that only read it
using clubsearch::test::SampleIndex;   // a test's own, which it may change
using clubsearch::test::TempDir;
using nlohmann::json;

namespace {

const std::filesystem::path kData = CLUBSEARCH_DATA_DIR;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("--help teaches the commands, the index location and the exit codes") {
    const auto result = run_process(command({"--help"}));
    CHECK(result.exit_code == 0);
    for (const char* part :
         {"index", "stats", "search", "CLUBSEARCH_DB", "Exit codes", "clubsearch search index"})
      CHECK(contains(result.out, part));
    const auto index_help = run_process(command({"index", "--help"}));
    CHECK(index_help.exit_code == 0);
    for (const char* part : {"--full", "--drafts", "--strict", "--site-config", "path:line: reason", "75"})
      CHECK(contains(index_help.out, part));
  }

  TEST_CASE("bad arguments exit 2 with a message") {
    const auto result = run_process(command({"--no-such-flag"}));
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "--no-such-flag"));
    const auto date =
        run_process(command({"index", kData.string(), "--as-of", "someday", "--db", "/nonexistent/x"}));
    CHECK(date.exit_code == 2);
    CHECK(contains(date.err, "'someday' is not a date"));
  }

  TEST_CASE("searching without an index says which command builds one") {
    TempDir dir;
    const auto result = run_process(command({"--db", (dir / "missing").string(), "sparse autoencoders"}));
    CHECK(result.exit_code == 3);
    CHECK(contains(result.err, "no index at " + (dir / "missing").string()));
    CHECK(contains(result.err, "clubsearch index"));
  }

  TEST_CASE("the index location comes from --db, then CLUBSEARCH_DB, then XDG_DATA_HOME") {
    SampleIndex index;
    const auto by_env = run_process(command({"stats", "--json"}), {{"CLUBSEARCH_DB", index.db}});
    REQUIRE(by_env.exit_code == 0);
    CHECK(json::parse(by_env.out)["index"] == index.db);

    TempDir data_home;  // also the config home: no config file names an index
    const auto by_xdg = run_process(command({"stats"}), {{"CLUBSEARCH_DB", ""},
                                                         {"XDG_DATA_HOME", data_home.path().string()},
                                                         {"XDG_CONFIG_HOME", data_home.path().string()}});
    CHECK(by_xdg.exit_code == 3);
    CHECK(contains(by_xdg.err, (data_home / "clubsearch" / "index").string()));
  }

  TEST_CASE("an index built with another schema version is refused with the way out") {
    SampleIndex index;
    {
      const auto generation = clubsearch::index::IndexStore(index.db).current();
      REQUIRE(generation);
      Xapian::WritableDatabase db(generation->string(), Xapian::DB_OPEN);
      db.set_metadata("clubsearch.schema_version", "999");
      db.commit();
    }
    const auto search = run_process(command({"--db", index.db, "refusal"}));
    CHECK(search.exit_code == 3);
    CHECK(contains(search.err, "built with schema version 999"));
    CHECK(contains(search.err, "clubsearch index --full"));

    const auto reindex =
        run_process(command({"--db", index.db, "index", kData.string(), "--as-of", "2026-11-25", "--json"}));
    REQUIRE(reindex.exit_code == 0);
    CHECK(contains(json::parse(reindex.out)["rebuild_reason"].get<std::string>(), "schema version 999"));
    CHECK(run_process(command({"--db", index.db, "refusal"})).exit_code == 0);
  }

  TEST_CASE("search exit codes: 0 with results, 1 without, 2 for a malformed query") {
    SampleIndex index;
    const auto found = run_process(command({"--db", index.db, "sandbagging"}));
    CHECK(found.exit_code == 0);
    CHECK(contains(found.out, "sandbagging"));
    CHECK(run_process(command({"--db", index.db, "xyzzyplugh"})).exit_code == 1);
    const auto malformed = run_process(command({"--db", index.db, "AND"}));
    CHECK(malformed.exit_code == 2);
    CHECK(contains(malformed.err, "cannot parse the query"));
    CHECK(contains(malformed.err, "hint:"));
  }

  TEST_CASE("a word that is also a command can be searched with 'search' or after '--'") {
    SampleIndex index;
    for (const std::vector<std::string>& arguments :
         {std::vector<std::string>{"--db", index.db, "search", "stats", "--json"},
          std::vector<std::string>{"--db", index.db, "--json", "--", "stats"}}) {
      const auto result = run_process(command(arguments));
      CHECK(result.exit_code <= 1);
      CHECK(json::parse(result.out)["query"] == "stats");
    }
  }

  TEST_CASE("piped output is plain text; --color always adds ANSI styles") {
    SampleIndex index;
    const auto plain = run_process(command({"--db", index.db, "refusal"}));
    CHECK_FALSE(contains(plain.out, "\x1b["));
    const auto colored = run_process(command({"--db", index.db, "--color", "always", "refusal"}));
    CHECK(contains(colored.out, "\x1b["));
    const auto no_color = run_process(command({"--db", index.db, "refusal"}), {{"NO_COLOR", "1"}});
    CHECK_FALSE(contains(no_color.out, "\x1b["));
  }

  TEST_CASE("stats reports posts, entries, facets, schema, size and when it was indexed") {
    SampleIndex index;
    const auto result = run_process(command({"--db", index.db, "stats", "--json"}));
    REQUIRE(result.exit_code == 0);
    const json stats = json::parse(result.out);
    CHECK(stats["posts"] == 22);
    CHECK(stats["entries"] == 110);
    CHECK(stats["schema_version"] == "1");
    CHECK(stats["bytes"].get<long>() > 0);
    CHECK(stats["indexed_at"].get<std::string>().size() == 20);  // 2026-11-25T14:00:00Z
    auto count_of = [&](const char* facet, const std::string& value, const char* what) {
      for (const json& item : stats[facet])
        if (item["value"] == value) return item[what].get<int>();
      return 0;
    };
    CHECK(count_of("sections", "journal-club", "entries") == 110);
    CHECK(count_of("sections", "journal-club", "posts") + count_of("sections", "notes", "posts") == 22);
    CHECK(count_of("sections", "notes", "entries") == 0);  // essays without entries are posts all the same
    CHECK(count_of("sources", "arXiv", "entries") > 20);
    CHECK(count_of("sources", "arXiv", "posts") > 0);
    CHECK(count_of("sources", "arXiv", "posts") <= 22);
    CHECK(count_of("years", "2024", "posts") > 0);
    int entries_per_year = 0, posts_per_year = 0;
    for (const json& year : stats["years"]) {
      entries_per_year += year["entries"].get<int>();
      posts_per_year += year["posts"].get<int>();
    }
    CHECK(entries_per_year == 110);  // every entry of the sample blog is dated
    CHECK(posts_per_year + stats["undated_posts"].get<int>() == 22);

    const auto human = run_process(command({"--db", index.db, "stats"}));
    CHECK(contains(human.out, "Entries   110"));
    CHECK(contains(human.out, "Sections  journal-club 19 posts, 110 entries \u00b7 notes 3 posts\n"));
    CHECK(contains(human.out, " \u00b7 undated 1 post\n"));
    CHECK(contains(human.out, "arXiv"));
  }

  TEST_CASE("an option given twice takes its last value; repeated filters add up") {
    const SampleIndex& index = sample_index();
    const ProcessResult ten = index.search({"-n", "5", "-n", "10", "--json", "language models"});
    REQUIRE(ten.exit_code == 0);
    CHECK(json::parse(ten.out)["results"].size() == 10);
    CHECK(json::parse(index.search({"-n", "10", "--limit", "5", "--json", "language models"}).out)["results"].size() ==
          5);
    const json oldest = index.search_json({"--sort", "newest", "--sort", "oldest", "-n", "100", "papers"});
    const json only_oldest = index.search_json({"--sort", "oldest", "-n", "100", "papers"});
    CHECK(oldest["results"] == only_oldest["results"]);
    const json both = index.search_json({"--source", "arXiv", "--source", "LessWrong", "sparse"});
    const json arxiv = index.search_json({"--source", "arXiv", "sparse"});
    const json lesswrong = index.search_json({"--source", "LessWrong", "sparse"});
    CHECK(both["total"].get<std::size_t>() == arxiv["total"].get<std::size_t>() + lesswrong["total"].get<std::size_t>());

    const std::string id = index.search_json({"sparse autoencoders"})["results"][0]["id"];
    const ProcessResult related = index.search({"related", id, "-n", "2", "-n", "3", "--json"});
    REQUIRE(related.exit_code == 0);
    CHECK(json::parse(related.out)["results"].size() == 3);
    // clubsearch-index reads the arguments again, by the same rules.
    TempDir db;
    const ProcessResult indexed = index.run({"--db", (db / "index").string(), "index", kData.string(), "--threads",
                                             "1", "--threads", "2", "--as-of", "2026-11-25", "--json"});
    INFO(indexed.err);
    CHECK(indexed.exit_code == 0);
    CHECK(json::parse(indexed.out)["indexed"] == 22);
  }

  TEST_CASE("a command's --help shows its own options; the query syntax is the search's") {
    const std::string syntax = "Query syntax (all of docs/query-syntax.md in short)";
    CHECK(contains(run_process(command({"--help"})).out, syntax));
    CHECK(contains(run_process(command({"search", "--help"})).out, syntax));
    for (const char* name : {"stats", "related", "index", "serve", "hook"}) {
      CAPTURE(name);
      const ProcessResult help = run_process(command({name, "--help"}));
      CHECK(help.exit_code == 0);
      CHECK_FALSE(contains(help.out, syntax));
      CHECK_FALSE(contains(help.out, "'\"dictionary learning\"'"));
      CHECK_FALSE(contains(help.out, "--group-by-post"));
      CHECK(contains(help.out, "Usage: clubsearch " + std::string(name) + " [OPTIONS]"));
      CHECK(contains(help.out, "Exit codes"));
      CHECK(contains(help.out, "--db"));
      CHECK(contains(help.out, "clubsearch --help\n"));
    }
    const ProcessResult stats_help = run_process(command({"stats", "--help"}));
    CHECK(contains(stats_help.out, "--json"));
  }
}
