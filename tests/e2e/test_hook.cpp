// `clubsearch hook` end to end: a real git repository with a Zola-like site, hooks
// installed by the real binary, real commits, and the index followed by polling the
// CLI. Also `clubsearch index --queue`, which the hooks rely on not to lose a change.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>

#include "index/index_store.h"
#include "index/open_index.h"
#include "schemas/index_schema.h"
#include "indexer/writer_lock.h"
#include "tests/e2e/isolation.h"
#include "tests/e2e/process.h"
#include "tests/e2e/served_index.h"
#include "tests/support/eventually.h"

using clubsearch::test::command;
using clubsearch::test::eventually;
using clubsearch::test::Isolation;
using clubsearch::test::ProcessResult;
using clubsearch::test::read_file;
using clubsearch::test::run_process;
using clubsearch::test::ServedIndex;
using clubsearch::test::TempDir;
using nlohmann::json;

namespace {

namespace fs = std::filesystem;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A blog in its own git repository, with an index beside it; nothing of the machine's
// own git or clubsearch setup is read.
struct Blog : Isolation {
  fs::path repo = dir / "blog";
  std::string db = (dir / "db").string();

  Blog() {
    environment.insert({{"GIT_CONFIG_NOSYSTEM", "1"},
                        {"GIT_AUTHOR_NAME", "Test"},
                        {"GIT_AUTHOR_EMAIL", "test@example.org"},
                        {"GIT_COMMITTER_NAME", "Test"},
                        {"GIT_COMMITTER_EMAIL", "test@example.org"}});
    fs::create_directories(repo / "content" / "posts");
    fs::create_directories(dir / "home");
    std::ofstream(repo / "config.toml") << "base_url = \"https://blog.example\"\ntitle = \"Blog\"\n";
    post("first", "Toy Models of Superposition", "Features in superposition.");
    git({"init", "-q"});
    git({"add", "-A"});
    git({"commit", "-q", "-m", "first post"});
  }

  // A post (file `name`.md) with one entry; its title names nothing a test searches for.
  void post(const std::string& name, const std::string& paper, const std::string& commentary) const {
    std::ofstream(repo / "content" / "posts" / (name + ".md"))
        << "+++\ntitle = \"Journal Club\"\ndate = 2024-05-01\n+++\n\n#### [" << paper
        << "](https://example.org/" << name << ")\n\n" << commentary << "\n";
  }

  // git in the repository; with `settle`, returning only once everything it started
  // (its hooks' background runs too) has ended.
  ProcessResult git(const std::vector<std::string>& arguments, bool settle = false) const {
    std::vector<std::string> argv{"git", "-C", repo.string()};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    const ProcessResult result =
        settle ? clubsearch::test::run_process_tree(argv, environment) : run_process(argv, environment);
    INFO("git " << arguments.front() << ": " << result.err);
    REQUIRE(result.exit_code == 0);
    return result;
  }
  void commit(const std::string& message) const {
    git({"add", "-A"});
    git({"commit", "-q", "-m", message});
  }

  ProcessResult clubsearch(std::vector<std::string> arguments) const {
    arguments.insert(arguments.begin(), {"--db", db});
    return run(arguments, {}, repo);
  }

  // How many results `q` has now (0 while there is no index yet).
  std::size_t total(const std::string& q) const { return Isolation::total(db, q); }
  // Polls until `q` has `expected` results, 15 s at most; the last count.
  std::size_t wait_for(const std::string& q, std::size_t expected) const {
    std::size_t last = 0;
    eventually([&] { return (last = total(q)) == expected; }, std::chrono::seconds(15),
               std::chrono::milliseconds(50));
    INFO("hook log: " << read_file(repo / ".git" / "clubsearch-hook.log"));
    CHECK(last == expected);
    return last;
  }
};

}  // namespace

TEST_SUITE("hook") {
  TEST_CASE("after install, each commit's posts are found, edits and deletions followed, and none is lost") {
    Blog blog;
    const ProcessResult installed = blog.clubsearch({"hook", "install"});
    INFO(installed.err);
    REQUIRE(installed.exit_code == 0);
    const ProcessResult status = blog.clubsearch({"hook", "status"});
    CHECK(status.exit_code == 0);
    for (const char* name : {"post-commit: clubsearch", "post-merge: clubsearch", "post-checkout: clubsearch"})
      CHECK(contains(status.out, name));

    // The index exists once the first commit's hook has run; a server then follows it.
    blog.post("second", "Quokka Attention", "A quokka-shaped attention pattern.");
    blog.commit("second post");
    CHECK(blog.wait_for("quokka", 1) == 1);
    CHECK(blog.total("superposition") == 1);  // the first post too: the hook indexes the whole site
    const ServedIndex server(blog.db, {"--quiet"});
    CHECK(server.wait_for_total("quokka", 1) == 1);

    // An edit replaces the old text; a deletion removes the entry.
    blog.post("second", "Wombat Attention", "A wombat-shaped attention pattern.");
    blog.commit("edit");
    CHECK(blog.wait_for("wombat", 1) == 1);
    CHECK(blog.wait_for("quokka", 0) == 0);
    CHECK(server.wait_for_total("wombat", 1) == 1);  // the running server sees the edit too
    CHECK(server.wait_for_total("quokka", 0) == 0);
    fs::remove(blog.repo / "content" / "posts" / "second.md");
    blog.commit("delete");
    CHECK(blog.wait_for("wombat", 0) == 0);
    CHECK(server.wait_for_total("wombat", 0) == 0);

    // Commits in quick succession: the later runs queue behind the first; none is lost.
    for (const std::string name : {"numbat", "bilby", "dingo", "echidna"}) {
      blog.post(name, "The " + name + " paper", "About the " + name + ".");
      blog.commit(name);
    }
    for (const std::string name : {"numbat", "bilby", "dingo", "echidna"}) {
      CAPTURE(name);
      CHECK(blog.wait_for(name, 1) == 1);
      CHECK(server.wait_for_total(name, 1) == 1);
    }
    // A checkout of an older commit is followed too (post-checkout).
    blog.git({"checkout", "-q", "HEAD~4"});
    CHECK(blog.wait_for("echidna", 0) == 0);
    CHECK(contains(read_file(blog.repo / ".git" / "clubsearch-hook.log"), "post-checkout"));
  }

  TEST_CASE("an existing hook keeps running, installing twice changes nothing, and uninstall puts it back") {
    Blog blog;
    const fs::path hooks = blog.repo / ".git" / "hooks";
    const std::string user_hook = "#!/bin/sh\necho ran >> \"$(git rev-parse --git-dir)/user-hook-ran\"\n";
    std::ofstream(hooks / "post-commit") << user_hook;
    fs::permissions(hooks / "post-commit", fs::perms::owner_all);

    REQUIRE(blog.clubsearch({"hook", "install"}).exit_code == 0);
    CHECK(read_file(hooks / "post-commit.before-clubsearch") == user_hook);
    const std::string ours = read_file(hooks / "post-commit");
    REQUIRE(blog.clubsearch({"hook", "install"}).exit_code == 0);  // again: idempotent
    CHECK(read_file(hooks / "post-commit") == ours);
    CHECK(read_file(hooks / "post-commit.before-clubsearch") == user_hook);

    blog.post("second", "Quokka Attention", "A quokka.");
    blog.commit("second");
    CHECK(blog.wait_for("quokka", 1) == 1);
    CHECK(read_file(blog.repo / ".git" / "user-hook-ran") == "ran\n");  // the user's hook ran, once

    const ProcessResult removed = blog.clubsearch({"hook", "uninstall"});
    CHECK(removed.exit_code == 0);
    CHECK(read_file(hooks / "post-commit") == user_hook);
    CHECK_FALSE(fs::exists(hooks / "post-commit.before-clubsearch"));
    CHECK_FALSE(fs::exists(hooks / "post-merge"));
    CHECK_FALSE(fs::exists(hooks / "post-checkout"));
    const ProcessResult status = blog.clubsearch({"hook", "status"});
    CHECK(status.exit_code == 1);
    CHECK(contains(status.out, "post-commit: another hook, not clubsearch's"));
    CHECK(contains(status.out, "post-merge: none"));
    // Without the hook, a commit no longer reindexes: once the commit and everything it
    // set off have ended, the post is still not found.
    blog.post("third", "Numbat Paper", "A numbat.");
    blog.git({"add", "-A"});
    blog.git({"commit", "-q", "-m", "third"}, true);
    CHECK(blog.total("numbat") == 0);
  }

  TEST_CASE("with --export-static, each run the hooks start also writes the static host's folder") {
    Blog blog;
    const fs::path folder = blog.dir / "site" / "static" / "search";
    const ProcessResult installed = blog.clubsearch({"hook", "install", "--export-static", folder.string()});
    INFO(installed.err);
    REQUIRE(installed.exit_code == 0);
    CHECK(contains(installed.out, "the search for a static host written into " + folder.string()));
    CHECK(contains(blog.clubsearch({"hook", "status"}).out, "static search " + folder.string()));

    // What the folder's index holds: its documents, and those holding `word`.
    const auto exported = [&](const std::string& word) {
      const Xapian::Database db((folder / "index.glass").string());
      return std::pair{db.get_doccount(), db.get_termfreq(word)};
    };
    blog.post("second", "Quokka Attention", "A quokka-shaped attention pattern.");
    blog.git({"add", "-A"});
    blog.git({"commit", "-q", "-m", "second"}, true);  // returns once the hook's run has ended
    INFO("hook log: " << read_file(blog.repo / ".git" / "clubsearch-hook.log"));
    REQUIRE(fs::exists(folder / "manifest.json"));
    const json manifest = json::parse(read_file(folder / "manifest.json"));
    const Xapian::Database index = clubsearch::index::open_index(blog.db, clubsearch::schemas::IndexSchema::builtin());
    CHECK(manifest["source"]["revision"] == index.get_revision());
    CHECK(exported("quokka") == std::pair{index.get_doccount(), index.get_termfreq("quokka")});
    CHECK(exported("quokka").second > 0);

    // The next commit's run brings the folder up to date again.
    blog.post("third", "Wombat Attention", "A wombat.");
    blog.git({"add", "-A"});
    blog.git({"commit", "-q", "-m", "third"}, true);
    CHECK(exported("wombat").second > 0);
    CHECK(json::parse(read_file(folder / "manifest.json"))["source"]["revision"] ==
          clubsearch::index::open_index(blog.db, clubsearch::schemas::IndexSchema::builtin()).get_revision());
  }

  TEST_CASE("index --export-static writes the folder after a run that commits, and --json stays JSON") {
    Blog blog;
    const fs::path folder = blog.dir / "out";
    const ProcessResult first = blog.clubsearch({"index", blog.repo.string(), "--export-static", folder.string()});
    INFO(first.err);
    REQUIRE(first.exit_code == 0);
    CHECK(contains(first.out, "wrote index.glass"));
    CHECK(fs::exists(folder / "index.glass"));
    const ProcessResult again =
        blog.clubsearch({"index", blog.repo.string(), "--export-static", folder.string(), "--json"});
    REQUIRE(again.exit_code == 0);
    CHECK(json::parse(again.out)["committed"] == true);  // the export said nothing on stdout
    // A folder that cannot be written: the index is updated, the run says the export failed.
    std::ofstream(blog.dir / "a-file") << "not a folder";
    const ProcessResult failed =
        blog.clubsearch({"index", blog.repo.string(), "--export-static", (blog.dir / "a-file" / "search").string()});
    CHECK(failed.exit_code == 3);
    CHECK(contains(failed.err, "the index was updated, but export-static"));
  }

  TEST_CASE("hook outside a git repository, or with a bad action, is refused") {
    TempDir place;
    const ProcessResult outside =
        run_process(command({"hook", "install", "--repo", place.path().string()}), {{"GIT_CEILING_DIRECTORIES", place.path().parent_path().string()}});
    CHECK(outside.exit_code == 2);
    CHECK(contains(outside.err, "not in a git repository"));
    const ProcessResult bad = run_process(command({"hook", "reinstall"}));
    CHECK(bad.exit_code == 2);
  }

  TEST_CASE("index --queue leaves a locked index one more run to do, which the writer does") {
    Blog blog;
    REQUIRE(blog.clubsearch({"index", blog.repo.string(), "--quiet"}).exit_code == 0);
    blog.post("second", "Quokka Attention", "A quokka.");
    {
      // Another writer holds the index.
      const clubsearch::indexer::WriterLock held(fs::path(blog.db) / "writer.lock");
      const ProcessResult locked = blog.clubsearch({"index", blog.repo.string()});
      CHECK(locked.exit_code == 75);
      const ProcessResult queued = blog.clubsearch({"index", blog.repo.string(), "--queue"});
      CHECK(queued.exit_code == 0);
      CHECK(contains(queued.out, "queued"));
      CHECK(fs::exists(fs::path(blog.db) / "reindex.pending"));
    }
    CHECK(blog.total("quokka") == 0);  // not yet: the queued run is the writer's to do
    const auto generation = clubsearch::index::IndexStore(blog.db).current();
    // The next run (the writer finishing, here) sees the marker and runs once more.
    REQUIRE(blog.clubsearch({"index", blog.repo.string(), "--quiet"}).exit_code == 0);
    CHECK_FALSE(fs::exists(fs::path(blog.db) / "reindex.pending"));
    CHECK(blog.total("quokka") == 1);
    CHECK(clubsearch::index::IndexStore(blog.db).current() == generation);  // an update, not a rebuild
  }

  // Found by bench/soak.sh: a rebuild asked for while updates stream in was either refused
  // (75) or, queued, done as one more update.
  TEST_CASE("index --full --queue on a locked index leaves a rebuild to do, which the writer does as one") {
    Blog blog;
    REQUIRE(blog.clubsearch({"index", blog.repo.string(), "--quiet"}).exit_code == 0);
    const auto generation = clubsearch::index::IndexStore(blog.db).current();
    REQUIRE(generation);
    blog.post("second", "Quokka Attention", "A quokka.");
    {
      const clubsearch::indexer::WriterLock held(fs::path(blog.db) / "writer.lock");
      const ProcessResult rebuild = blog.clubsearch({"index", blog.repo.string(), "--full", "--queue"});
      CHECK(rebuild.exit_code == 0);
      CHECK(contains(rebuild.out, "queued"));
      // An update queued after it does not take its place.
      CHECK(blog.clubsearch({"index", blog.repo.string(), "--queue"}).exit_code == 0);
    }
    // The writer's next run, an update, then does the rebuild it finds queued: a new generation.
    REQUIRE(blog.clubsearch({"index", blog.repo.string(), "--quiet"}).exit_code == 0);
    CHECK_FALSE(fs::exists(fs::path(blog.db) / "reindex.pending"));
    const auto rebuilt = clubsearch::index::IndexStore(blog.db).current();
    REQUIRE(rebuilt);
    CHECK(*rebuilt != *generation);
    CHECK(blog.total("quokka") == 1);
  }
}
