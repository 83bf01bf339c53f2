// The writer lock: fcntl record lock on <index>/writer.lock.
#include "indexer/writer_lock.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <system_error>

namespace clubsearch::indexer {

namespace {

std::string locked_message(const std::filesystem::path& lock_file, long pid) {
  std::string message = "another clubsearch indexer is writing this index (lock " + lock_file.string();
  if (pid > 0) message += " held by process " + std::to_string(pid);
  return message + "); wait for it to finish and run again";
}

}  // namespace

IndexLockedError::IndexLockedError(const std::filesystem::path& lock_file, long holder_pid)
    : std::runtime_error(locked_message(lock_file, holder_pid)),
      lock_file_(lock_file),
      holder_pid_(holder_pid) {}

WriterLock::WriterLock(const std::filesystem::path& lock_file) {
  fd_ = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw std::system_error(errno, std::generic_category(),
                            "cannot open the lock file " + lock_file.string());
  struct flock request {};
  request.l_type = F_WRLCK;
  request.l_whence = SEEK_SET;
  if (::fcntl(fd_, F_OFD_SETLK, &request) == 0) {
    // Say who holds it, for the message a second writer gets.
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, pid.data(), pid.size(), 0) < 0) {
      // The lock holds without the pid; the message just cannot name the holder.
    }
    return;
  }
  const int error = errno;
  char holder[32] = {};
  const ssize_t got = ::pread(fd_, holder, sizeof holder - 1, 0);
  ::close(fd_);
  fd_ = -1;
  if (error == EACCES || error == EAGAIN) throw IndexLockedError(lock_file, got > 0 ? std::atol(holder) : 0);
  throw std::system_error(error, std::generic_category(), "cannot lock " + lock_file.string());
}

WriterLock::~WriterLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the fcntl lock
}

}  // namespace clubsearch::indexer
