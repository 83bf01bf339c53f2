// inotify on a folder tree, with a quiet period to gather bursts.
#include "indexer/content_watch.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "indexer/content_scan.h"

namespace clubsearch::indexer {

namespace {

namespace fs = std::filesystem;

constexpr std::uint32_t kEvents = IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO |
                                  IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB;

// Posts are Markdown files; an editor's swap and backup files are not.
bool is_post_name(std::string_view name) {
  if (name.empty() || name.front() == '.' || name.back() == '~') return false;
  // Any generator's Markdown suffix: the scan that follows decides which are the site's posts.
  return has_any_markdown_suffix(name);
}

}  // namespace

ContentWatch::ContentWatch(const fs::path& dir) : root_(dir) {
  inotify_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (inotify_ < 0) throw WatchError(std::string("cannot watch files: ") + std::strerror(errno));
  if (::pipe2(stop_pipe_, O_NONBLOCK | O_CLOEXEC) != 0) {
    ::close(inotify_);
    throw WatchError(std::string("cannot watch files: ") + std::strerror(errno));
  }
  try {
    add_tree(dir);
  } catch (...) {
    ::close(inotify_);
    ::close(stop_pipe_[0]);
    ::close(stop_pipe_[1]);
    throw;
  }
}

ContentWatch::~ContentWatch() {
  ::close(inotify_);
  ::close(stop_pipe_[0]);
  ::close(stop_pipe_[1]);
}

void ContentWatch::add_tree(const fs::path& dir) {
  const int watch = inotify_add_watch(inotify_, dir.c_str(), kEvents | IN_ONLYDIR);
  if (watch < 0) {
    if (errno == ENOSPC)
      throw WatchError("cannot watch " + dir.string() +
                       ": the system's inotify watch limit is reached (raise fs.inotify.max_user_watches)");
    if (errno == ENOENT || errno == ENOTDIR) return;  // gone meanwhile
    throw WatchError("cannot watch " + dir.string() + ": " + std::strerror(errno));
  }
  folders_[watch] = dir;
  std::error_code error;
  for (fs::directory_iterator entry(dir, fs::directory_options::skip_permission_denied, error), end;
       !error && entry != end; entry.increment(error))
    if (entry->is_directory(error) && !entry->is_symlink(error) && entry->path().filename().string().front() != '.')
      add_tree(entry->path());
}

bool ContentWatch::read_events(ContentChanges& changes) {
  bool relevant = false;
  const auto changed = [&](const fs::path& path) {
    changes.paths.insert(path.lexically_relative(root_));
    relevant = true;
  };
  alignas(inotify_event) std::array<char, 64 * 1024> buffer;
  for (;;) {
    const ssize_t got = ::read(inotify_, buffer.data(), buffer.size());
    if (got <= 0) break;
    for (ssize_t at = 0; at < got;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer.data() + at);
      at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      if (event->mask & IN_Q_OVERFLOW) {  // events were lost: a run reads everything anyway
        changes.unnamed = relevant = true;
        continue;
      }
      const auto folder = folders_.find(event->wd);
      if (event->mask & IN_IGNORED) {
        if (folder != folders_.end()) folders_.erase(folder);
        continue;
      }
      if (folder == folders_.end()) {  // not expected: events of a folder end with IN_IGNORED
        changes.unnamed = relevant = true;
        continue;
      }
      const std::string name = event->len > 0 ? std::string(event->name) : std::string();
      if (event->mask & IN_ISDIR) {
        if (!name.empty() && name.front() == '.') continue;
        if (event->mask & (IN_CREATE | IN_MOVED_TO)) add_tree(folder->second / name);
        changed(folder->second / name);  // a folder of posts came or went
      } else if (event->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) {
        changed(folder->second);
      } else if (is_post_name(name)) {
        changed(folder->second / name);
      }
    }
  }
  return relevant;
}

ContentChanges ContentWatch::wait(std::chrono::milliseconds quiet, std::chrono::milliseconds longest) {
  ContentChanges changes;
  auto first = std::chrono::steady_clock::time_point::max();
  for (;;) {
    int timeout = -1;
    if (!changes.empty()) {
      const auto now = std::chrono::steady_clock::now();
      if (now - first >= longest) return changes;
      const auto left = std::min<std::chrono::steady_clock::duration>(quiet, longest - (now - first));
      timeout = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(left).count()) + 1;
    }
    std::array<pollfd, 2> fds{{{inotify_, POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}}};
    const int ready = ::poll(fds.data(), fds.size(), timeout);
    if (ready < 0) {
      if (errno == EINTR) continue;
      throw WatchError(std::string("cannot watch files: ") + std::strerror(errno));
    }
    if (fds[1].revents & POLLIN) return {};
    if (ready == 0) return changes;  // quiet long enough
    const bool was_empty = changes.empty();
    if (read_events(changes) && was_empty) first = std::chrono::steady_clock::now();
  }
}

void ContentWatch::stop() {
  const char byte = 1;
  [[maybe_unused]] const ssize_t written = ::write(stop_pipe_[1], &byte, 1);
}

}  // namespace clubsearch::indexer
