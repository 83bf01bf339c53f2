// WriterLock: one clubsearch writer per index at a time, held for a whole indexing run.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace clubsearch::indexer {

// Another process is writing the index.
class IndexLockedError : public std::runtime_error {
 public:
  IndexLockedError(const std::filesystem::path& lock_file, long holder_pid);

  const std::filesystem::path& lock_file() const noexcept { return lock_file_; }
  long holder_pid() const noexcept { return holder_pid_; }  // 0 when unknown

 private:
  std::filesystem::path lock_file_;
  long holder_pid_;
};

// An open-file-description lock (fcntl F_OFD_SETLK) on a file in the index directory,
// holding the writer's pid. The kernel releases it when the holder closes it or exits,
// however it exits, so a killed indexer never leaves a stale lock behind; the file itself
// stays and must never be deleted to "clear" a lock. Unlike classic fcntl locks it also
// excludes a second writer in the same process (a server that reindexes, say).
class WriterLock {
 public:
  // Takes the lock or throws IndexLockedError naming the file and the holder's pid.
  explicit WriterLock(const std::filesystem::path& lock_file);
  ~WriterLock();
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace clubsearch::indexer
