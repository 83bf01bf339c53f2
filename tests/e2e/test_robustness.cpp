// Bad input and bad timing: broken files are reported and skipped while the rest is
// indexed, a second writer is told who holds the lock, and a killed indexer leaves the
// last committed index intact.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "index/columns_file.h"
#include "index/index_store.h"
#include "indexer/writer_lock.h"
#include "schemas/index_schema.h"
#include "tests/e2e/index_inspection.h"
#include "tests/e2e/process.h"

using clubsearch::test::BackgroundProcess;
using clubsearch::test::command;
using clubsearch::test::count_matches;
using clubsearch::test::run_process;
using clubsearch::test::TempDir;
using clubsearch::test::write_file;
using nlohmann::json;

namespace {

const std::filesystem::path kFixtures = CLUBSEARCH_FIXTURES_DIR;
const std::filesystem::path kData = CLUBSEARCH_DATA_DIR;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// `count` posts of ten entries each; `marker` is written into every entry.
void generate_posts(const std::filesystem::path& content, int count, const std::string& marker) {
  for (int post = 0; post < count; ++post) {
    std::string text = "+++\ntitle = \"Generated club " + std::to_string(post) + "\"\ndate = 2024-05-0" +
                       std::to_string(1 + post % 9) + "\n+++\n\nA week of reading.\n";
    for (int entry = 0; entry < 10; ++entry) {
      text += "\n#### [Paper " + std::to_string(post) + "." + std::to_string(entry) +
              " on sparse features](https://arxiv.org/abs/2401." + std::to_string(10000 + post * 10 + entry) +
              ")\n\n";
      for (int sentence = 0; sentence < 6; ++sentence)
        text += "The authors study " + marker + " circuits with probes and steering vectors across layers " +
                std::to_string(sentence) + ", and the ablations are careful. ";
      text += "\n";
    }
    write_file(content / ("club-" + std::to_string(post) + ".md"), text);
  }
}

// Generation folders in an index directory, with their parts folders while a rebuild
// writes them (see indexer/index_store.h).
std::size_t generation_count(const std::filesystem::path& index_dir) {
  std::size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(index_dir))
    if (entry.path().filename().string().rfind("gen-", 0) == 0) ++count;
  return count;
}

// Whether a rebuild's parts (gen-NNNNNN.parts/thread-N/part-N) are in the index directory.
bool has_parts(const std::filesystem::path& index_dir) {
  std::error_code error;
  for (auto entry = std::filesystem::recursive_directory_iterator(index_dir, error);
       !error && entry != std::filesystem::recursive_directory_iterator(); entry.increment(error))
    if (entry->path().filename().string().rfind("part-", 0) == 0 &&
        entry->path().parent_path().parent_path().extension() == ".parts")
      return true;
  return false;
}

// `argv` run as a user without root's right to read and list anything (nobody, through
// util-linux's setpriv) when the tests run as root, else as it is; everything in `dir` is
// then opened to all first, for that user to read and write.
std::vector<std::string> unprivileged(std::vector<std::string> argv, const TempDir& dir) {
  if (::geteuid() != 0) return argv;
  std::filesystem::permissions(dir.path(), std::filesystem::perms::all);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.path()))
    std::filesystem::permissions(entry.path(), std::filesystem::perms::all);
  argv.insert(argv.begin(), {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"});
  return argv;
}

}  // namespace

namespace {

// The facet columns a reader of the index maps are those of the revision it reads, built
// anew from it word for word, with the serial `serial`.
void check_stored_columns(const std::filesystem::path& db, std::uint64_t serial) {
  const auto& schema = clubsearch::schemas::IndexSchema::builtin();
  const Xapian::Database reader = clubsearch::test::open_database(db);
  std::string why;
  const auto stored = clubsearch::index::open_stored_columns(reader, clubsearch::index::IndexStore(db), schema, why,
                                                             clubsearch::index::ColumnsCheck::checksum);
  REQUIRE_MESSAGE(stored, why);
  CHECK(stored->stamp().serial == serial);
  const auto built = clubsearch::index::FacetColumns::build(reader, schema, serial);
  CHECK(std::equal(stored->words().begin(), stored->words().end(), built->words().begin(), built->words().end()));
}

}  // namespace

TEST_SUITE("robustness") {
  TEST_CASE("every bad file is reported as path:line: reason and the good ones are indexed") {
    // tests/fixtures/bad-site/EXPECTED.md says what each file gives.
    TempDir index;
    const auto result = run_process(
        command({"--db", (index / "db").string(), "index", (kFixtures / "bad-site").string(), "--json"}));
    CHECK(result.exit_code == 1);  // files were reported; the warnings alone would not make it 1
    const std::string content = (kFixtures / "bad-site" / "content").string();
    const std::vector<std::pair<std::string, std::string>> expected{
        {"/unterminated.md:1: ", "never closed"},
        {"/bad-toml.md:3: warning: ", "TOML"},
        {"/bad-yaml.md:3: warning: ", "YAML"},
        {"/bad-date.md:3: warning: ", "not a date"},
        {"/bad-utf8.md:8: ", "UTF-8"},
        {"/binary.md:3: ", "binary"}};
    for (const auto& where_why : expected) {
      const auto& where = std::get<0>(where_why);
      const auto& why = std::get<1>(where_why);
      CAPTURE(where);
      const auto at = result.err.find(content + where);
      REQUIRE(at != std::string::npos);
      CHECK(contains(result.err.substr(at, result.err.find('\n', at) - at), why));
    }
    const json report = json::parse(result.out);
    CHECK(report["indexed"] == 6);
    CHECK(report["entries"] == 10);
    CHECK(report["empty"] == 1);
    CHECK(report["problems"].size() == 3);
    REQUIRE(report["warnings"].size() == 3);
    for (const json& warning : report["warnings"]) {
      CHECK(warning["line"] == 3);
      CHECK(contains(warning["reason"], "the front matter is ignored and the post indexed from its body"));
    }
    const Xapian::Database db = clubsearch::test::open_database(index / "db");
    CHECK(count_matches(db, "arxiv:2106.09685") == 1);  // from a good post
    // From the files whose front matter was set aside: indexed from their bodies.
    for (const char* id : {"2001.08361", "2311.12022", "2305.20050"})
      CHECK(count_matches(db, std::string("arxiv:") + id) == 1);
    for (const char* id : {"2201.11903", "2203.15556"})
      CHECK(count_matches(db, std::string("arxiv:") + id) == 0);  // only in reported files
    const auto bad_date = clubsearch::test::records_of(db, "bad-date.md");
    REQUIRE(bad_date.size() == 2);
    CHECK(bad_date.back()["post"]["title"] == "bad-date");  // from the file name
    CHECK(bad_date.back()["post"]["date"].is_null());
    CHECK(clubsearch::test::records_of(db, "empty.md").empty());
    const auto crlf = clubsearch::test::records_of(db, "good-three/index.md");
    REQUIRE(crlf.size() == 3);
    CHECK_FALSE(contains(crlf[0]["title"], "\r"));
    CHECK_FALSE(contains(crlf.back()["post"]["title"], "\r"));
  }

  TEST_CASE("posts nested 100,000 levels deep are indexed with a warning, their words kept, the others intact") {
    // Each nesting once crashed the indexer (the body walker recursed once per level).
    TempDir dir;
    const auto content = dir / "site/content";
    const std::string head = "+++\ntitle = \"Deep\"\ndate = 2024-03-01\n+++\n\n";
    std::string lists, quotes, stars;
    for (int level = 0; level < 100000; ++level) lists += "- ";
    lists += "lemurs\n";
    quotes = std::string(100000, '>') + " lorises\n";
    stars = std::string(100000, '*') + "tarsiers" + std::string(100000, '*') + "\n";
    write_file(content / "lists.md", head + lists);
    write_file(content / "quotes.md", head + "Some intro.\n\n" + quotes);
    write_file(content / "stars.md", head + stars);
    write_file(content / "fine.md", head + "## [A paper on okapis](https://arxiv.org/abs/2402.00001)\n\nNotes.\n");
    const auto result = run_process(command({"--db", (dir / "db").string(), "index", (dir / "site").string()}));
    CHECK(result.exit_code == 0);
    for (const char* where : {"/lists.md:6: warning: too deeply nested", "/quotes.md:8: warning: too deeply nested",
                              "/stars.md:6: warning: too deeply nested"}) {
      CAPTURE(where);
      CHECK(contains(result.err, content.string() + where));
    }
    CHECK(contains(result.out, "3 files indexed with a warning"));
    const Xapian::Database db = clubsearch::test::open_database(dir / "db");
    for (const char* word : {"lemurs", "lorises", "tarsiers", "okapis"}) {
      CAPTURE(word);
      CHECK(count_matches(db, word) == 1);
    }
    CHECK(count_matches(db, "arxiv:2402.00001") == 1);
  }

  TEST_CASE("--strict commits nothing when a file cannot be indexed") {
    TempDir index;
    const auto result = run_process(
        command({"--db", (index / "db").string(), "index", (kFixtures / "bad-site").string(), "--strict"}));
    CHECK(result.exit_code == 3);
    CHECK(contains(result.out, "nothing was committed"));
    const auto search = run_process(command({"--db", (index / "db").string(), "lora"}));
    CHECK(search.exit_code == 3);
    CHECK(contains(search.err, "no index at"));
  }

  TEST_CASE("front matter set aside is a warning: exit 0, said when the file is indexed, not on later runs") {
    TempDir dir;
    write_file(dir / "site/content/post.md",
               clubsearch::test::read_file(kFixtures / "bad-site/content/good-one.md"));
    write_file(
        dir / "site/content/quoted.md",
        "---\ntitle: \"the \"quoted\" title\"\n---\n\n## [A paper](https://arxiv.org/abs/2402.00001)\n");
    const std::string db = (dir / "db").string();
    const auto first = run_process(command({"--db", db, "index", (dir / "site").string()}));
    CHECK(first.exit_code == 0);
    CHECK(contains(first.err, "quoted.md:2: warning: invalid YAML front matter"));
    CHECK(contains(first.out, "1 file indexed with a warning"));
    CHECK(count_matches(clubsearch::test::open_database(dir / "db"), "arxiv:2402.00001") == 1);
    const auto again = run_process(command({"--db", db, "index", (dir / "site").string()}));
    CHECK(again.exit_code == 0);
    CHECK_FALSE(contains(again.err, "warning"));
    // A post that was good and whose front matter breaks: its body as it is now is indexed.
    write_file(dir / "site/content/post.md", "+++\ntitle = \"broken\n+++\nnew text about okapis\n");
    const auto broken = run_process(command({"--db", db, "index", (dir / "site").string()}));
    CHECK(broken.exit_code == 0);
    CHECK(contains(broken.err, "post.md:2: warning: "));
    CHECK(count_matches(clubsearch::test::open_database(dir / "db"), "okapis") == 1);
  }

  TEST_CASE("a post that breaks after being indexed keeps its indexed version") {
    TempDir dir;
    write_file(dir / "site/content/post.md",
               clubsearch::test::read_file(kFixtures / "bad-site/content/good-one.md"));
    REQUIRE(
        run_process(command({"--db", (dir / "db").string(), "index", (dir / "site").string()})).exit_code ==
        0);
    // Front matter that is never closed: where the body would start is unknown.
    write_file(dir / "site/content/post.md", "+++\ntitle = \"broken\"\nnew text\n");
    const auto result =
        run_process(command({"--db", (dir / "db").string(), "index", (dir / "site").string()}));
    CHECK(result.exit_code == 1);
    CHECK(contains(result.err, "post.md:1: "));
    CHECK(count_matches(clubsearch::test::open_database(dir / "db"), "arxiv:2106.09685") == 1);
  }

  TEST_CASE("huge files, dangling links and pipes are reported, not read") {
    TempDir dir;
    const auto content = dir / "site/content";
    write_file(content / "fine.md", "+++\ntitle = \"Fine\"\n+++\nplain words\n");
    write_file(content / "huge.md", "+++\ntitle = \"Huge\"\n+++\n" + std::string(17u << 20, 'a'));
    std::filesystem::create_symlink("nowhere.md", content / "ghost.md");
    REQUIRE(::mkfifo((content / "pipe.md").c_str(), 0644) == 0);
    const auto result =
        run_process(command({"--db", (dir / "db").string(), "index", (dir / "site").string(), "--json"}));
    CHECK(result.exit_code == 1);
    CHECK(contains(result.err, "huge.md: file is "));
    CHECK(contains(result.err, "over the limit"));
    CHECK(contains(result.err, "ghost.md: cannot read"));
    CHECK(contains(result.err, "pipe.md: not a regular file"));
    CHECK(json::parse(result.out)["indexed"] == 1);

    const auto smaller = run_process(
        command({"--db", (dir / "db2").string(), "index", (dir / "site").string(), "--max-file-size", "10"}));
    CHECK(contains(smaller.err, "fine.md: file is 35 bytes, over the limit of 10"));
  }

  TEST_CASE("an unreadable post is reported with the system's reason") {
    TempDir dir;
    write_file(dir / "site/content/secret.md", "+++\ntitle = \"x\"\n+++\n");
    const auto argv = unprivileged(command({"--db", (dir / "db").string(), "index", (dir / "site").string()}), dir);
    std::filesystem::permissions(dir / "site/content/secret.md", std::filesystem::perms::none);
    const auto result = run_process(argv);
    CHECK(result.exit_code == 1);
    CHECK(contains(result.err, "secret.md: cannot read"));
  }

  TEST_CASE("a post symlinked from outside the content folder is reported, not indexed, unless asked for") {
    TempDir dir;
    const auto content = dir / "site/content";
    write_file(content / "fine.md", "+++\ntitle = \"Fine\"\n+++\nplain words about lemurs\n");
    write_file(dir / "outside/secret.md", "+++\ntitle = \"Secret\"\n+++\nokapi passwords\n");
    std::filesystem::create_symlink(dir / "outside/secret.md", content / "secret-link.md");
    std::filesystem::create_symlink("fine.md", content / "alias.md");  // inside: followed
    const std::string db = (dir / "db").string();
    const auto confined = run_process(command({"--db", db, "index", (dir / "site").string(), "--json"}));
    CHECK(confined.exit_code == 1);
    CHECK(contains(confined.err, "secret-link.md: a symlink to " + (dir / "outside/secret.md").string() +
                                     ", outside the content folder: not indexed (--follow-symlinks indexes it)"));
    CHECK(json::parse(confined.out)["indexed"] == 2);
    CHECK(count_matches(clubsearch::test::open_database(dir / "db"), "okapi") == 0);
    CHECK(count_matches(clubsearch::test::open_database(dir / "db"), "lemurs") == 2);

    const auto followed =
        run_process(command({"--db", db, "index", (dir / "site").string(), "--follow-symlinks", "--json"}));
    CHECK(followed.exit_code == 0);
    CHECK(count_matches(clubsearch::test::open_database(dir / "db"), "okapi") == 1);
  }

  TEST_CASE("a folder that cannot be listed keeps the posts indexed from it") {
    TempDir dir;
    const auto site = dir / "site";
    write_file(site / "content/a/one.md", "+++\ntitle = \"One\"\n+++\nwords about lemurs\n");
    write_file(site / "content/b/two.md", "+++\ntitle = \"Two\"\n+++\nwords about okapis\n");
    write_file(site / "content/b/deeper/three.md", "+++\ntitle = \"Three\"\n+++\nwords about tapirs\n");
    const std::vector<std::string> argv = command({"--db", (dir / "db").string(), "index", site.string()});
    const auto first = run_process(unprivileged(argv, dir));
    INFO(first.err);
    REQUIRE(first.exit_code == 0);
    write_file(site / "content/a/four.md", "+++\ntitle = \"Four\"\n+++\nwords about quokkas\n");
    const std::vector<std::string> again = unprivileged(argv, dir);
    std::filesystem::permissions(site / "content/b", std::filesystem::perms::none);
    const auto second = run_process(again);
    std::filesystem::permissions(site / "content/b", std::filesystem::perms::all);
    CHECK(second.exit_code == 1);
    CHECK(contains(second.err, (site / "content/b").string() + ": cannot list this folder: Permission denied"));
    CHECK_FALSE(contains(second.out, "removed"));
    const Xapian::Database db = clubsearch::test::open_database(dir / "db");
    for (const char* word : {"lemurs", "okapis", "tapirs", "quokkas"}) {
      CAPTURE(word);
      CHECK(count_matches(db, word) == 1);
    }
  }

  TEST_CASE("a file name holding a line break or escapes is reported on one line, as escapes") {
    TempDir dir;
    const auto content = dir / "site/content";
    write_file(content / "fine.md", "+++\ntitle = \"Fine\"\n+++\nplain words\n");
    // Never closed: a problem, reported with the file's name.
    write_file(content / "evil\n/x.md:1: forged line.md", "+++\ntitle = \"x\"\n");
    write_file(content / "bell\x07\x1b[31m.md", "+++\ntitle = \"x\"\n");
    const auto result = run_process(command({"--db", (dir / "db").string(), "index", (dir / "site").string()}));
    CHECK(result.exit_code == 1);
    CHECK(contains(result.err, "/evil\\n/x.md:1: forged line.md:1: "));
    CHECK(contains(result.err, "/bell\\x07\\x1b[31m.md:1: "));
    CHECK_FALSE(contains(result.err, "\x1b"));
    CHECK_FALSE(contains(result.err, "\n/x.md"));  // no line starts where the name's break was
  }

  TEST_CASE("a damaged index says so and how to rebuild it; --full rebuilds it") {
    TempDir dir;
    const std::string db = (dir / "db").string();
    REQUIRE(run_process(command({"--db", db, "index", kData.string(), "--quiet"})).exit_code == 0);
    std::filesystem::path generation;
    for (const auto& entry : std::filesystem::directory_iterator(dir / "db"))
      if (entry.path().filename().string().rfind("gen-", 0) == 0) generation = entry.path();
    REQUIRE(!generation.empty());
    for (const char* table : {"postlist.glass", "termlist.glass"}) {
      std::fstream file(generation / table, std::ios::in | std::ios::out | std::ios::binary);
      const std::string garbage(3 * 8192, '\xab');
      file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    }
    const auto search = run_process(command({"--db", db, "refusal"}));
    CHECK(search.exit_code == 3);
    CHECK(contains(search.err, "the index at " + db + " is damaged"));
    CHECK(contains(search.err, "clubsearch index CONTENT_DIR --db " + db + " --full"));
    const auto update = run_process(command({"--db", db, "index", kData.string()}));
    CHECK(update.exit_code == 3);
    CHECK(contains(update.err, "is damaged"));
    CHECK(contains(update.err, "--full"));
    REQUIRE(run_process(command({"--db", db, "index", kData.string(), "--full", "--quiet"})).exit_code == 0);
    CHECK(run_process(command({"--db", db, "refusal"})).exit_code == 0);
  }

  TEST_CASE("a missing content folder is a clear error") {
    TempDir dir;
    const auto result =
        run_process(command({"--db", (dir / "db").string(), "index", (dir / "nope").string()}));
    CHECK(result.exit_code == 3);
    CHECK(contains(result.err, "nope: no such directory"));
  }

  TEST_CASE("a second writer is refused with the lock's path and holder") {
    TempDir dir;
    std::filesystem::create_directories(dir / "db");
    const clubsearch::indexer::WriterLock held(dir / "db" / "writer.lock");
    const auto result = run_process(command({"--db", (dir / "db").string(), "index", kData.string()}));
    CHECK(result.exit_code == 75);
    CHECK(contains(result.err, (dir / "db" / "writer.lock").string()));
    CHECK(contains(result.err, "held by process " + std::to_string(::getpid())));
  }

  TEST_CASE("writers racing each other never corrupt the index") {
    TempDir dir;
    for (int round = 0; round < 3; ++round) {
      BackgroundProcess first(command(
          {"--db", (dir / "db").string(), "index", kData.string(), "--full", "--as-of", "2026-11-25"}));
      BackgroundProcess second(command(
          {"--db", (dir / "db").string(), "index", kData.string(), "--full", "--as-of", "2026-11-25"}));
      const auto a = first.wait(), b = second.wait();
      CHECK((a.exit_code == 0 || a.exit_code == 75));
      CHECK((b.exit_code == 0 || b.exit_code == 75));
      CHECK((a.exit_code == 0 || b.exit_code == 0));
    }
    const auto healthy_output = clubsearch::test::xapian_check(dir / "db");
    const auto& healthy = std::get<0>(healthy_output);
    const auto& output = std::get<1>(healthy_output);
    CHECK_MESSAGE(healthy, output);
    CHECK(clubsearch::test::blog_documents(clubsearch::test::open_database(dir / "db")) == 22 + 110);
  }

  TEST_CASE("an indexer killed with SIGKILL leaves the last committed index intact") {
    TempDir dir;
    const std::string site = (dir / "site").string();
    const auto content = dir / "site/content";
    const std::filesystem::path db = dir / "db";
    // Enough posts that changing all of them rebuilds (kRebuildAtChangedFiles in
    // indexer/indexer.cpp), and several parts per rebuild.
    constexpr int kPosts = 1200;
    generate_posts(content, kPosts, "plainword");
    REQUIRE(run_process(command({"--db", db.string(), "index", site})).exit_code == 0);
    const Xapian::doccount committed = clubsearch::test::blog_documents(clubsearch::test::open_database(db));
    REQUIRE(committed == kPosts * 11);
    const std::string stub = clubsearch::test::read_file(db / "XAPIANDB");
    const std::vector<std::string> index_command{"--db", db.string(), "index", site, "--threads", "1"};

    // Runs the indexer with the fault point `name` armed: it must have reached it, said
    // so, and died there by SIGKILL.
    const auto kill_at_fault_point = [&](const std::string& name) {
      const auto killed = run_process(command(index_command), {{"CLUBSEARCH_FAULT_POINT", name}});
      INFO("stdout: " << killed.out << "\nstderr: " << killed.err);
      CHECK(killed.exit_code == -1);
      CHECK(killed.signal == SIGKILL);
      CHECK(contains(killed.err, "clubsearch: fault point " + name + " reached\n"));
    };

    std::size_t rewritten = 0;
    SUBCASE("at update-written: every change written into the open transaction, not yet committed") {
      rewritten = 300;
      generate_posts(content, 300, "zebrafinch");  // a few hundred changed: one transaction
      kill_at_fault_point("update-written");
      // The columns of the revision it was about to commit were written, and not named.
      CHECK(std::filesystem::exists(db / "gen-000001" / "facets-000002.columns"));
    }
    SUBCASE("at rebuild-parts-written: every part of the new generation written, not yet merged") {
      rewritten = kPosts;
      generate_posts(content, kPosts, "zebrafinch");  // every post changed: the run rebuilds
      kill_at_fault_point("rebuild-parts-written");
      CHECK(has_parts(db));  // the killed run's scratch, for the next run to clean up
      CHECK_FALSE(std::filesystem::exists(db / "gen-000002"));
    }
    SUBCASE("at rebuild-merged: the new generation merged and committed, readers not yet switched to it") {
      rewritten = kPosts;
      generate_posts(content, kPosts, "zebrafinch");
      kill_at_fault_point("rebuild-merged");
      CHECK(std::filesystem::is_directory(db / "gen-000002"));
      CHECK_FALSE(has_parts(db));
    }
    SUBCASE("from outside, while the rebuild writes its parts") {
      rewritten = kPosts;
      generate_posts(content, kPosts, "zebrafinch");
      BackgroundProcess indexer(command(index_command));
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
      while (indexer.running() && !has_parts(db) && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      indexer.kill(SIGKILL);
      CHECK(indexer.wait().signal == SIGKILL);
      // Proof that the kill came mid-write: the parts are still there (a finished merge
      // removes them) and readers were never switched.
      REQUIRE_MESSAGE(has_parts(db), "the indexer was not killed while writing its parts: nothing is proven");
    }

    // Readers see the last committed state: none of the killed run's changes, never a mix.
    CHECK(clubsearch::test::read_file(db / "XAPIANDB") == stub);
    const Xapian::Database before = clubsearch::test::open_database(db);
    CHECK(clubsearch::test::blog_documents(before) == committed);
    const std::size_t changed = count_matches(before, "zebrafinch");
    CHECK(changed == 0);
    CHECK(count_matches(before, "plainword") + changed == kPosts * 10);
    const auto healthy_output = clubsearch::test::xapian_check(db);
    const auto& healthy = std::get<0>(healthy_output);
    const auto& output = std::get<1>(healthy_output);
    CHECK_MESSAGE(healthy, output);
    // And the facet columns of exactly that state.
    check_stored_columns(db, 1);

    // The next run finishes the job and cleans up after the killed one.
    REQUIRE(run_process(command(index_command)).exit_code == 0);
    const Xapian::Database after = clubsearch::test::open_database(db);
    CHECK(clubsearch::test::blog_documents(after) == committed);
    CHECK(count_matches(after, "zebrafinch") == rewritten * 10);
    check_stored_columns(db, rewritten == kPosts ? 1 : 2);
    CHECK(generation_count(db) <= 2);
    CHECK_FALSE(has_parts(db));
  }
}

TEST_SUITE("robustness") {
  TEST_CASE("hostile titles, links and scripts are indexed as plain data") {
    TempDir index;
    const auto result =
        run_process(command({"--db", (index / "db").string(), "index", (kFixtures / "hostile-site").string(),
                             "--as-of", "2026-11-25"}));
    REQUIRE(result.exit_code == 0);
    const Xapian::Database db = clubsearch::test::open_database(index / "db");
    const auto records = clubsearch::test::records_of(db, "hostile.md");
    REQUIRE(records.size() > 2);
    // Titles are stored exactly as written; whoever shows them escapes them.
    CHECK(records.back()["post"]["title"] == "<script>alert(1)</script> & \"quotes\"");
    // A link whose text is only an HTML image is named by its URL, never by markup.
    CHECK(records[0]["items"][0]["title"] == "example.org/papers/img-onerror");
    // javascript: and data: links are kept as data, with no host and no source.
    for (const json& record : records)
      for (const json& item : record["items"])
        if (item["url"].get<std::string>().rfind("javascript:", 0) == 0 ||
            item["url"].get<std::string>().rfind("data:", 0) == 0) {
          CHECK(item["host"] == "");
          CHECK(item["kind"] == "other");
        }
    // Script bodies are dropped from the text; the words around them stay searchable.
    for (const json& record : records) CHECK_FALSE(contains(record["commentary"], "alert(5)"));
    CHECK(count_matches(db, "onclick") >= 1);
    CHECK(count_matches(db, "\"ignore previous instructions\"") == 1);
  }
}
