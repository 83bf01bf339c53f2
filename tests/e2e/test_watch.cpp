// `clubsearch index --watch` end to end: the real binary watching a real folder while
// the test creates, edits, renames and deletes posts, and the index followed by
// polling the CLI. Each run the watcher starts is announced ("run N: changed …"), so a
// test waits for the run a change causes and checks what it followed.
#include <doctest/doctest.h>
#include <signal.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/e2e/isolation.h"
#include "tests/e2e/process.h"
#include "tests/support/eventually.h"

using clubsearch::test::BackgroundProcess;
using clubsearch::test::command;
using clubsearch::test::eventually;
using clubsearch::test::Isolation;
using clubsearch::test::ProcessResult;
using clubsearch::test::read_file;
using nlohmann::json;

namespace {

namespace fs = std::filesystem;

bool starts_with(const std::string& text, const std::string& start) { return text.rfind(start, 0) == 0; }

// The complete lines of `text` (a last line still being written is left out).
std::vector<std::string> complete_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!in.eof()) lines.push_back(line);
  return lines;
}

struct WatchedSite : Isolation {
  fs::path site = dir / "site";
  fs::path posts = site / "content" / "posts";
  std::string db = (dir / "db").string();
  std::unique_ptr<BackgroundProcess> watcher;

  WatchedSite() {
    fs::create_directories(posts);
    std::ofstream(site / "config.toml") << "base_url = \"https://watch.example\"\ntitle = \"Watch\"\n";
    write(posts / "first.md", "Toy Models of Superposition", "Features in superposition.");
    watcher = std::make_unique<BackgroundProcess>(
        command({"--db", db, "index", site.string(), "--watch", "--as-of", "2026-11-25"}), dir / "out",
        dir / "err", environment, cwd);
    // Watching once the first run is done.
    const bool watching = eventually(
        [&] {
          REQUIRE_MESSAGE(watcher->running(), "the watcher ended: " << read_file(dir / "err"));
          return output().find("watching ") != std::string::npos;
        },
        std::chrono::seconds(20));
    REQUIRE_MESSAGE(watching, "the watcher printed nothing in 20 s: " << read_file(dir / "err"));
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

  std::string output() const { return read_file(dir / "out"); }
  std::size_t total(const std::string& q) const { return Isolation::total(db, q); }
  std::size_t wait_for(const std::string& q, std::size_t expected) const {
    std::size_t last = 0;
    eventually([&] { return (last = total(q)) == expected; }, std::chrono::seconds(15),
               std::chrono::milliseconds(50));
    INFO("watcher output: " << output() << read_file(dir / "err"));
    CHECK(last == expected);
    return last;
  }

  // The runs started after the first, as announced: "run N: changed …", one per run.
  std::vector<std::string> runs() const {
    std::vector<std::string> found;
    for (const std::string& line : complete_lines(output()))
      if (starts_with(line, "run ")) found.push_back(line);
    return found;
  }
  // Waits until run `n` (counted as the watcher does, from 1 after the first run) has
  // ended, its summary printed; what it announced it follows ("changed posts/a.md, …").
  std::string wait_for_run(std::size_t n) const {
    const std::string announced = "run " + std::to_string(n) + ": ";
    std::string follows;
    const bool ended = eventually([&] {
      const std::vector<std::string> lines = complete_lines(output());
      for (std::size_t i = 0; i < lines.size(); ++i) {
        if (!starts_with(lines[i], announced)) continue;
        for (std::size_t j = i + 1; j < lines.size(); ++j)
          if (starts_with(lines[j], "indexed ")) {
            follows = lines[i].substr(announced.size());
            return true;
          }
      }
      return false;
    });
    INFO("watcher output: " << output() << read_file(dir / "err"));
    CHECK_MESSAGE(ended, "run " << n << " did not end within 15 s");
    return follows;
  }
  // The number of runs started so far, once the last of them has ended.
  std::size_t settled_runs() const {
    const std::size_t started = runs().size();
    if (started > 0) wait_for_run(started);
    return started;
  }
  // What `q` finds, as clubsearch --json prints it.
  json search(const std::string& q) const {
    const ProcessResult result = run({"--db", db, "--json", q});
    INFO(result.err);
    REQUIRE(result.exit_code <= 1);
    return json::parse(result.out);
  }
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

    // A rename: the run it starts follows both names, and then the entry is found once,
    // under its new name.
    std::size_t runs = watched.settled_runs();
    fs::rename(watched.posts / "second.md", watched.posts / "renamed.md");
    CHECK(watched.wait_for_run(runs + 1) == "changed posts/renamed.md, posts/second.md");
    const json renamed = watched.search("wombat");
    CHECK(renamed["total"] == 1);
    REQUIRE(renamed["results"].size() == 1);
    CHECK(renamed["results"][0]["post"]["path"] == "posts/renamed.md");

    fs::remove(watched.posts / "renamed.md");
    CHECK(watched.wait_for("wombat", 0) == 0);

    // A folder made after the watch began is watched too: once the run its making
    // starts has ended, a post written in it starts a run of its own.
    runs = watched.settled_runs();
    fs::create_directories(watched.site / "content" / "notes" / "2024");
    CHECK(starts_with(watched.wait_for_run(runs + 1), "changed notes"));
    WatchedSite::write(watched.site / "content" / "notes" / "2024" / "deep.md", "Numbat Paper", "A numbat.");
    CHECK(watched.wait_for_run(runs + 2) == "changed notes/2024/deep.md");
    CHECK(watched.wait_for("numbat", 1) == 1);

    // Editors' swap and backup files are not posts: they start no run. Written before a
    // post, they would be named by the run the post starts, or start a run before it
    // (inotify reports events in order), so that run is the post's alone.
    runs = watched.settled_runs();
    std::ofstream(watched.posts / ".first.md.swp") << "swap";
    std::ofstream(watched.posts / "first.md~") << "backup";
    WatchedSite::write(watched.posts / "third.md", "Bilby Paper", "A bilby.");
    CHECK(watched.wait_for_run(runs + 1) == "changed posts/third.md");
    CHECK(watched.wait_for("bilby", 1) == 1);
    CHECK(watched.runs().size() == runs + 1);
  }

  TEST_CASE("a burst of 100 writes is indexed in a bounded number of runs") {
    WatchedSite watched;
    const std::size_t before = watched.runs().size();
    for (int i = 0; i < 100; ++i)
      WatchedSite::write(watched.posts / ("burst-" + std::to_string(i) + ".md"), "Burst paper " + std::to_string(i),
                         "burstword" + std::to_string(i) + " and the shared word kangaroo.");
    CHECK(watched.wait_for("kangaroo", 100) == 100);
    CHECK(watched.total("burstword99") == 1);
    const std::size_t runs = watched.settled_runs() - before;
    MESSAGE(runs << " index runs for 100 writes");
    CHECK(runs >= 1);
    CHECK(runs <= 3);
  }
}
