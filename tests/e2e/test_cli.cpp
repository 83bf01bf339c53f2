// The command line as a user meets it: help, exit codes, clear errors, stats, and
// searching for words that are also command names.
#include <doctest/doctest.h>
#include <xapian.h>

#include <nlohmann/json.hpp>

#include "index/index_store.h"
#include "schemas/index_schema.h"
#include "tests/e2e/isolation.h"
#include "tests/e2e/process.h"

using clubsearch::test::command;
using clubsearch::test::Isolation;
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

// The last line of the output (a search's footer).
std::string last_line(const std::string& text) {
  const std::string trimmed = text.substr(0, text.find_last_not_of('\n') + 1);
  return trimmed.substr(trimmed.rfind('\n') + 1);
}

// The error object --json prints on standard output, after checking it is the whole output.
json error_of(const ProcessResult& result) {
  INFO(result.out, result.err);
  const json printed = json::parse(result.out);
  REQUIRE(printed.size() == 1);
  REQUIRE(printed.contains("error"));
  const json& error = printed["error"];
  for (const char* field : {"code", "message", "parameter", "position", "hint"})
    CHECK_MESSAGE(error.contains(field), field);
  CHECK(error.size() == 5);
  return error;
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

  TEST_CASE("an index built by other rules for reading posts is rebuilt, not updated, so every post is read again") {
    SampleIndex index;
    {
      const auto generation = clubsearch::index::IndexStore(index.db).current();
      REQUIRE(generation);
      Xapian::WritableDatabase db(generation->string(), Xapian::DB_OPEN);
      // What an older clubsearch, with other rules, recorded.
      db.set_metadata("clubsearch.settings", "0000000000000000");
      db.commit();
    }
    const auto reindex =
        run_process(command({"--db", index.db, "index", kData.string(), "--as-of", "2026-11-25", "--json"}));
    REQUIRE(reindex.exit_code == 0);
    const json report = json::parse(reindex.out);
    CHECK(report["rebuilt"].get<bool>());
    CHECK(contains(report["rebuild_reason"].get<std::string>(), "rules for reading posts"));
    // And the next run, by the same rules, is an update.
    const auto again =
        run_process(command({"--db", index.db, "index", kData.string(), "--as-of", "2026-11-25", "--json"}));
    REQUIRE(again.exit_code == 0);
    CHECK_FALSE(json::parse(again.out)["rebuilt"].get<bool>());
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
    CHECK(stats["schema_version"] == std::to_string(clubsearch::schemas::IndexSchema::builtin().version()));
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

  TEST_CASE("a mistyped option is named, with the nearest option of its command, and exits 2") {
    const SampleIndex& index = sample_index();
    const ProcessResult limit = index.search({"--limt", "5", "attention"});
    CHECK(limit.exit_code == 2);
    CHECK(limit.out.empty());
    CHECK(limit.err == "clubsearch: unknown option --limt; did you mean --limit?\n");
    // Written with '=', a transposition, and a command's own option.
    CHECK(index.search({"--srot=newest", "x"}).err == "clubsearch: unknown option --srot; did you mean --sort?\n");
    const ProcessResult full = index.run({"index", "--ful", kData.string()});
    CHECK(full.exit_code == 2);
    CHECK(full.err == "clubsearch: unknown option --ful for `clubsearch index`; did you mean --full?\n");
    // Only options of that command are suggested: stats has no --full.
    const ProcessResult stats = index.search({"stats", "--ful"});
    CHECK(stats.exit_code == 2);
    CHECK(stats.err == "clubsearch: unknown option --ful for `clubsearch stats`; `clubsearch stats --help` lists "
                       "the options\n");
    // Nothing near: no guess.
    const ProcessResult far = index.search({"--frobnicate", "x"});
    CHECK(far.exit_code == 2);
    CHECK(far.err == "clubsearch: unknown option --frobnicate; `clubsearch --help` lists the options\n");
  }

  TEST_CASE("a lone word near a command's name that finds nothing suggests the command") {
    const SampleIndex& index = sample_index();
    const ProcessResult indx = index.search({"indx"});
    CHECK(indx.exit_code == 1);
    CHECK(indx.out == "No results for 'indx'; did you mean the command `clubsearch index`?\n");
    CHECK(index.search({"relaetd"}).out ==
          "No results for 'relaetd'; did you mean the command `clubsearch related`?\n");
    CHECK(index.search({"hok"}).out == "No results for 'hok'; did you mean the command `clubsearch hook`?\n");
    // Not when the search finds something (`stat` is corrected to 'start'), nor for more
    // than one word, nor when the words were marked as a search.
    const ProcessResult stat = index.search({"stat"});
    CHECK(stat.exit_code == 0);
    CHECK_FALSE(contains(stat.out, "the command"));
    for (const std::vector<std::string>& arguments :
         {std::vector<std::string>{"indx", "xyzzy"}, std::vector<std::string>{"search", "indx"},
          std::vector<std::string>{"--", "indx"}, std::vector<std::string>{"--source", "arXiv", "indx"}}) {
      CAPTURE(arguments);
      const ProcessResult result = index.search(arguments);
      CHECK(result.exit_code == 1);
      CHECK_FALSE(contains(result.out, "the command"));
    }
    // With --json the response stays the whole of standard output; the hint goes to stderr.
    const ProcessResult json_indx = index.search({"--json", "indx"});
    CHECK(json_indx.exit_code == 1);
    CHECK(json::parse(json_indx.out)["total"] == 0);
    CHECK(json_indx.err == "clubsearch: no results for 'indx'; did you mean the command `clubsearch index`?\n");
  }

  TEST_CASE("an option given twice takes its last value; repeated filters add up") {
    const SampleIndex& index = sample_index();
    const ProcessResult ten = index.search({"-n", "5", "-n", "10", "--json", "language models"});
    REQUIRE(ten.exit_code == 0);
    CHECK(json::parse(ten.out)["results"].size() == 10);
    CHECK(json::parse(index.search({"-n", "10", "--limit", "5", "--json", "language models"}).out)["results"].size() ==
          5);
    const json oldest = index.search_json({"--sort", "newest", "--sort", "oldest", "-n", "100", "search", "papers"});
    const json only_oldest = index.search_json({"--sort", "oldest", "-n", "100", "search", "papers"});
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

  TEST_CASE("with --json an error is also a JSON object on stdout; stderr and the exit code are as without") {
    const SampleIndex& index = sample_index();
    const ProcessResult text = index.search({"title:sparse autoencoders)"});
    const ProcessResult paren = index.search({"--json", "title:sparse autoencoders)"});
    CHECK(paren.exit_code == 2);
    CHECK(paren.exit_code == text.exit_code);
    CHECK(paren.err == text.err);
    CHECK(paren.err ==
          "clubsearch: ')' at position 26 closes nothing\n"
          "  title:sparse autoencoders)\n"
          "                           ^\n"
          "  hint: remove it, or open it with '(' before\n");
    const json error = error_of(paren);
    CHECK(error["code"] == "query_syntax");
    CHECK(error["message"] == "')' at position 26 closes nothing");
    CHECK(error["position"] == 25);  // 0-based bytes, as the web API counts
    CHECK(error["parameter"] == "QUERY");
    CHECK(error["hint"] == "remove it, or open it with '(' before");

    const json no_position = error_of(index.search({"--json", "AND"}));
    CHECK(no_position["code"] == "query_syntax");

    // Usage errors: an unknown option, a bad value, a request the query layer refuses.
    const ProcessResult unknown = index.search({"--json", "--limt", "5", "x"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err == "clubsearch: unknown option --limt; did you mean --limit?\n");
    const json unknown_error = error_of(unknown);
    CHECK(unknown_error["code"] == "unknown_option");
    CHECK(unknown_error["parameter"] == "--limt");
    CHECK(unknown_error["position"].is_null());
    CHECK(unknown_error["hint"] == "did you mean --limit?");
    const ProcessResult value = index.search({"-n", "0", "x", "--json"});
    CHECK(value.exit_code == 2);
    CHECK(contains(value.err, "--limit: '0': results per page must be between 1 and 100"));
    CHECK(error_of(value)["code"] == "bad_option");
    CHECK(error_of(value)["parameter"] == "--limit");
    const ProcessResult dates = index.search({"--json", "--since", "2025", "--until", "2024", "x"});
    CHECK(dates.exit_code == 2);
    CHECK(error_of(dates)["code"] == "bad_request");
    CHECK(error_of(dates)["parameter"] == "--until");

    // Nothing done, and not found.
    const Isolation place;
    const std::string missing = (place.dir / "missing").string();
    for (const std::vector<std::string>& arguments :
         {std::vector<std::string>{"--db", missing, "--json", "refusal"},
          std::vector<std::string>{"--db", missing, "stats", "--json"},
          std::vector<std::string>{"--db", missing, "related", "x", "--json"}}) {
      CAPTURE(arguments);
      const ProcessResult result = place.run(arguments);
      CHECK(result.exit_code == 3);
      CHECK(contains(result.err, "clubsearch: no index at " + missing));
      CHECK(error_of(result)["code"] == "no_index");
      CHECK(contains(error_of(result)["message"].get<std::string>(), "no index at " + missing));
    }
    const ProcessResult unknown_id = index.search({"related", "0000000000000000", "--json"});
    CHECK(unknown_id.exit_code == 1);
    CHECK(unknown_id.err ==
          "clubsearch: no entry has the id '0000000000000000'; ids are shown with each search result\n");
    CHECK(error_of(unknown_id)["code"] == "not_found");
    // The indexer, a program of its own, answers the same way.
    const ProcessResult no_content = place.run({"--db", missing, "index", (place.dir / "nowhere").string(), "--json"});
    CHECK(no_content.exit_code == 3);
    CHECK(contains(no_content.err, "clubsearch: cannot index "));
    CHECK(error_of(no_content)["code"] == "no_content");
  }

  TEST_CASE("text and --json give one total for one search, exact, on a blog with many matches") {
    // 600 entries: enough that Xapian's estimate of a large match differs from the count.
    Isolation place;
    std::size_t entry = 0;
    for (int post = 0; post < 40; ++post) {
      std::string text = "+++\ntitle = \"Reading " + std::to_string(post) + "\"\ndate = 2024-" +
                         (post % 12 < 9 ? "0" : "") + std::to_string(post % 12 + 1) + "-10\n+++\n\nIntro.\n\n";
      for (int i = 0; i < 15; ++i, ++entry) {
        std::string words;
        if (entry % 2 == 0) words += " alpha";
        if (entry % 3 == 0) words += " beta";
        if (entry % 4 == 1) words += " gamma";
        text += "### [Paper " + std::to_string(entry) + "](https://arxiv.org/abs/2401." +
                std::to_string(10000 + entry) + ")\n\nCommentary about" + words + ".\n\n";
      }
      place.dir.write("site/content/posts/post-" + std::to_string(post) + ".md", text);
    }
    place.dir.write("site/config.toml", "base_url = \"https://big.example.org\"\ntitle = \"Big\"\n");
    const std::string db = (place.dir / "db").string();
    const ProcessResult indexed = place.run({"--db", db, "index", (place.dir / "site").string(), "--quiet"});
    INFO(indexed.err);
    REQUIRE(indexed.exit_code == 0);
    for (const char* query : {"alpha OR gamma", "alpha OR beta", "beta -gamma", "commentary"}) {
      CAPTURE(query);
      const ProcessResult response = place.run({"--db", db, "--json", query});
      REQUIRE(response.exit_code == 0);
      const json printed = json::parse(response.out);
      REQUIRE(printed["total_exact"] == true);
      const std::size_t total = printed["total"];
      REQUIRE(total > 100);  // more than a page's look-ahead sees
      const std::string pages = std::to_string((total + 9) / 10);
      CHECK(last_line(place.run({"--db", db, query}).out) ==
            std::to_string(total) + " results \u00b7 page 1 of " + pages + " \u00b7 next: --page 2");
    }
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

  TEST_CASE("--json and the options of every command work before a command's name; search options do not") {
    const SampleIndex& index = sample_index();
    const ProcessResult stats = index.run({"--json", "--db", index.db, "stats"});
    REQUIRE(stats.exit_code == 0);
    const json counted = json::parse(stats.out);
    CHECK(counted["posts"] == 22);
    CHECK(counted["index"] == index.db);

    const std::string id = index.search_json({"sparse autoencoders"})["results"][0]["id"];
    const ProcessResult related = index.search({"--json", "related", id, "-n", "2"});
    REQUIRE(related.exit_code == 0);
    CHECK(json::parse(related.out)["query"] == "related:" + id);
    CHECK(json::parse(related.out)["results"].size() == 2);

    TempDir db;
    const ProcessResult indexed =
        index.run({"--json", "--db", (db / "index").string(), "index", kData.string(), "--as-of", "2026-11-25"});
    INFO(indexed.err);
    REQUIRE(indexed.exit_code == 0);
    CHECK(json::parse(indexed.out)["indexed"] == 22);

    // A command without JSON, and search options before another command, are refused.
    const ProcessResult serve = index.search({"--json", "serve"});
    CHECK(serve.exit_code == 2);
    CHECK(serve.err == "clubsearch: `clubsearch serve` prints no JSON; leave out --json\n");
    CHECK(error_of(serve)["code"] == "bad_option");
    const ProcessResult facets = index.search({"--facets", "stats"});
    CHECK(facets.exit_code == 2);
    CHECK(facets.err == "clubsearch: --facets before `clubsearch stats` is a search option; `clubsearch stats "
                        "--help` lists the options it takes\n");
    const ProcessResult limit = index.search({"-n", "3", "related", id});
    CHECK(limit.exit_code == 2);
    CHECK(contains(limit.err, "write it after the command's name: clubsearch related --limit 3"));
  }
}
