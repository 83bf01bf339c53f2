// `clubsearch index --watch` end to end: the real binary watching a real folder while
// the test creates, edits, renames and deletes posts, and the index followed by
// polling the CLI.
#include <doctest/doctest.h>
#include <signal.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "tests/e2e/process.h"

using clubsearch::test::BackgroundProcess;
using clubsearch::test::command;
using clubsearch::test::ProcessResult;
using clubsearch::test::run_process;
using clubsearch::test::TempDir;
using nlohmann::json;

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
  return count;
}

struct WatchedSite {
  TempDir dir;
  fs::path site = dir / "site";
  fs::path posts = site / "content" / "posts";
  std::string db = (dir / "db").string();
  std::map<std::string, std::string> environment{{"CLUBSEARCH_DB", ""},
                                                 {"XDG_CONFIG_HOME", (dir / "config").string()},
                                                 {"HOME", (dir / "home").string()}};
  std::unique_ptr<BackgroundProcess> watcher;

  WatchedSite() {
    fs::create_directories(posts);
    std::ofstream(site / "config.toml") << "base_url = \"https://watch.example\"\ntitle = \"Watch\"\n";
    write(posts / "first.md", "Toy Models of Superposition", "Features in superposition.");
    watcher = std::make_unique<BackgroundProcess>(
        command({"--db", db, "index", site.string(), "--watch", "--as-of", "2026-11-25"}), dir / "out", dir / "err");
    // Watching once the first run is done.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (read_file(dir / "out").find("watching ") == std::string::npos) {
      REQUIRE_MESSAGE(watcher->running(), "the watcher ended: " << read_file(dir / "err"));
      REQUIRE(std::chrono::steady_clock::now() < deadline);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  ~WatchedSite() {
    watcher->kill(SIGTERM);
    const ProcessResult ended = watcher->wait();
    CHECK_MESSAGE(ended.exit_code == 0, "the watcher ended with " << ended.exit_code << ": " << read_file(dir / "err"));
  }

  static void write(const fs::path& file, const std::string& paper, const std::string& commentary) {
    std::ofstream(file) << "+++\ntitle = \"Journal Club\"\ndate = 2024-05-01\n+++\n\n#### [" << paper
                        << "](https://example.org/" << file.stem().string() << ")\n\n" << commentary << "\n";
  }

  std::size_t total(const std::string& q) const {
    const ProcessResult result = run_process(command({"--db", db, "--json", q}), environment);
    if (result.exit_code > 1) return 0;
    return json::parse(result.out)["total"].get<std::size_t>();
  }
  std::size_t wait_for(const std::string& q, std::size_t expected) const {
    std::size_t last = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    do {
      last = total(q);
      if (last == expected) return last;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    } while (std::chrono::steady_clock::now() < deadline);
    INFO("watcher output: " << read_file(dir / "out") << read_file(dir / "err"));
    CHECK(last == expected);
    return last;
  }
  std::size_t runs() const { return occurrences(read_file(dir / "out"), "\nindexed ") + 1; }
};

}  // namespace

TEST_SUITE("watch") {
  TEST_CASE("the index follows posts created, edited, renamed and deleted, and folders made later") {
    WatchedSite watched;
    CHECK(watched.total("superposition") == 1);
    WatchedSite::write(watched.posts / "second.md", "Quokka Attention", "A quokka-shaped pattern.");
    CHECK(watched.wait_for("quokka", 1) == 1);
    WatchedSite::write(watched.posts / "second.md", "Wombat Attention", "A wombat-shaped pattern.");
    CHECK(watched.wait_for("wombat", 1) == 1);
    CHECK(watched.wait_for("quokka", 0) == 0);
    fs::rename(watched.posts / "second.md", watched.posts / "renamed.md");
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    CHECK(watched.wait_for("wombat", 1) == 1);  // once, under its new name
    fs::remove(watched.posts / "renamed.md");
    CHECK(watched.wait_for("wombat", 0) == 0);
    // A folder made after the watch began is watched too.
    fs::create_directories(watched.site / "content" / "notes" / "2024");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    WatchedSite::write(watched.site / "content" / "notes" / "2024" / "deep.md", "Numbat Paper", "A numbat.");
    CHECK(watched.wait_for("numbat", 1) == 1);
    // Editors' swap and backup files are not posts: they start no run.
    const std::size_t before = watched.runs();
    std::ofstream(watched.posts / ".first.md.swp") << "swap";
    std::ofstream(watched.posts / "first.md~") << "backup";
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    CHECK(watched.runs() == before);
  }

  TEST_CASE("a burst of 100 writes is indexed in a bounded number of runs") {
    WatchedSite watched;
    const std::size_t before = watched.runs();
    for (int i = 0; i < 100; ++i)
      WatchedSite::write(watched.posts / ("burst-" + std::to_string(i) + ".md"), "Burst paper " + std::to_string(i),
                         "burstword" + std::to_string(i) + " and the shared word kangaroo.");
    CHECK(watched.wait_for("kangaroo", 100) == 100);
    CHECK(watched.total("burstword99") == 1);
    const std::size_t runs = watched.runs() - before;
    MESSAGE(runs << " index runs for 100 writes");
    CHECK(runs >= 1);
    CHECK(runs <= 3);
  }
}
