// ContentWatch: waits for changes to a content folder (inotify, every subfolder), and
// gathers a burst of them into one wake-up, for `clubsearch index --watch`.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>
#include <string>

namespace clubsearch::indexer {

class WatchError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What changed in a burst: the posts and folders, relative to the watched folder.
struct ContentChanges {
  std::set<std::filesystem::path> paths;
  bool unnamed = false;  // some changes could not be named (the kernel dropped events)

  bool empty() const noexcept { return paths.empty() && !unnamed; }
};

class ContentWatch {
 public:
  // Watches `dir` and every folder below it (folders made later too). Throws WatchError.
  explicit ContentWatch(const std::filesystem::path& dir);
  ~ContentWatch();
  ContentWatch(const ContentWatch&) = delete;
  ContentWatch& operator=(const ContentWatch&) = delete;

  // Blocks until a post (a Markdown file) or a folder changed, then until `quiet` passed
  // without another change, or `longest` since the first (a steady stream of writes
  // still gets indexed). Returns what changed, or nothing when `stop()` was called.
  ContentChanges wait(std::chrono::milliseconds quiet, std::chrono::milliseconds longest);
  // Makes wait() return nothing; safe from another thread or a signal-handling thread.
  void stop();

 private:
  // Adds the relevant changes among the events ready to `changes`; whether there was one.
  bool read_events(ContentChanges& changes);
  void add_tree(const std::filesystem::path& dir);

  std::filesystem::path root_;
  int inotify_ = -1;
  int stop_pipe_[2] = {-1, -1};
  std::map<int, std::filesystem::path> folders_;  // watch descriptor → folder
};

}  // namespace clubsearch::indexer
