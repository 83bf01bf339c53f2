// WriterLock admits one writer process per index and names the holder to a second one; tested across fork().
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <string>
#include <system_error>

#include "indexer/writer_lock.h"
#include "tests/support/temp_dir.h"

using namespace clubsearch::indexer;
using clubsearch::test::TempDir;

namespace {

std::string expected_message(const std::filesystem::path& file, long pid) {
  return "another clubsearch indexer is writing this index (lock " + file.string() + " held by process " +
         std::to_string(pid) + "); wait for it to finish and run again";
}

// A pipe whose ends are closed when it goes.
struct Pipe {
  int fds[2] = {-1, -1};
  Pipe() { REQUIRE(::pipe(fds) == 0); }
  ~Pipe() {
    for (int fd : fds)
      if (fd >= 0) ::close(fd);
  }
  void close_end(int end) {
    ::close(fds[end]);
    fds[end] = -1;
  }
};

void write_all(int fd, const std::string& text) {
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t written = ::write(fd, text.data() + done, text.size() - done);
    if (written <= 0) return;
    done += static_cast<std::size_t>(written);
  }
}

std::string read_all(int fd) {
  std::string text;
  char buffer[512];
  for (;;) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return text;
    text.append(buffer, static_cast<std::size_t>(got));
  }
}

// What a child process sees when it tries to take the lock: "locked <pid>\n<message>" when it
// gets IndexLockedError, "acquired" when it gets the lock, "error <what>" for anything else.
std::string try_lock_in_child(const std::filesystem::path& file) {
  Pipe pipe;
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::alarm(30);
    std::string report;
    try {
      const WriterLock lock(file);
      report = "acquired";
    } catch (const IndexLockedError& error) {
      report = "locked " + std::to_string(error.holder_pid()) + "\n" +
               (error.lock_file() == file ? "" : "other file ") + error.what();
    } catch (const std::exception& error) {
      report = std::string("error ") + error.what();
    }
    write_all(pipe.fds[1], report);
    ::_exit(0);
  }
  pipe.close_end(1);
  const std::string report = read_all(pipe.fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  CHECK(WIFEXITED(status));
  return report;
}

}  // namespace

TEST_CASE(
    "a second process trying to lock a held index gets IndexLockedError naming the file and the holder's "
    "pid") {
  const TempDir dir;
  const std::filesystem::path file = dir.path() / "writer.lock";
  const WriterLock lock(file);
  CHECK(try_lock_in_child(file) ==
        "locked " + std::to_string(::getpid()) + "\n" + expected_message(file, ::getpid()));
}

TEST_CASE("the lock is free again once its holder is destroyed") {
  const TempDir dir;
  const std::filesystem::path file = dir.path() / "writer.lock";
  { const WriterLock lock(file); }
  CHECK(try_lock_in_child(file) == "acquired");
  CHECK(std::filesystem::exists(file));  // the file stays; only the lock goes
}

TEST_CASE("the lock is released when the holding process exits, however it exits") {
  const TempDir dir;
  const std::filesystem::path file = dir.path() / "writer.lock";
  Pipe locked;   // the child says it holds the lock
  Pipe release;  // the parent says the child may go
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::alarm(30);           // a child that is never released must not hang the suite
    release.close_end(1);  // or its own copy of the write end keeps it from seeing EOF
    locked.close_end(0);
    try {
      const WriterLock lock(file);
      write_all(locked.fds[1], "held");
      char ignored;
      while (::read(release.fds[0], &ignored, 1) < 0 && errno == EINTR) {
      }
      ::_exit(0);  // no destructor runs: only the kernel releases the lock
    } catch (...) {
      ::_exit(3);
    }
  }
  locked.close_end(1);
  release.close_end(0);
  char buffer[4] = {};
  REQUIRE(::read(locked.fds[0], buffer, sizeof buffer) == 4);

  CHECK_THROWS_WITH_AS(WriterLock{file}, expected_message(file, child).c_str(), IndexLockedError);
  try {
    const WriterLock lock(file);
  } catch (const IndexLockedError& error) {
    CHECK(error.holder_pid() == child);
    CHECK(error.lock_file() == file);
  }

  release.close_end(1);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK_NOTHROW(WriterLock{file});
}

TEST_CASE("a lock file that cannot be created is a system error naming it, not a lock held by someone") {
  const TempDir dir;
  const std::filesystem::path file = dir.path() / "missing-folder" / "writer.lock";
  CHECK_THROWS_AS(WriterLock{file}, std::system_error);
  CHECK_THROWS_WITH(WriterLock{file},
                    doctest::Contains(("cannot open the lock file " + file.string()).c_str()));
}

TEST_CASE("IndexLockedError without a known pid does not name a process") {
  const IndexLockedError error("/idx/writer.lock", 0);
  CHECK(std::string(error.what()) ==
        "another clubsearch indexer is writing this index (lock /idx/writer.lock); wait for it to finish and "
        "run again");
  CHECK(error.holder_pid() == 0);
}
