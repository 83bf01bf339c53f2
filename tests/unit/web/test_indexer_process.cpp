// The indexer the server starts for POST /api/reindex: started with no signal blocked,
// though the server blocks SIGINT and SIGTERM in all its threads.
#include <doctest/doctest.h>
#include <signal.h>

#include <filesystem>
#include <string>

#include "tests/support/eventually.h"
#include "tests/support/temp_dir.h"
#include "web/indexer_process.h"

using clubsearch::test::TempDir;

namespace {

// The /proc/PID/status of a child started by start_indexer: cp copying its own (a shell
// may change its signal mask as it starts; cp leaves it as it was given).
std::string child_status(const TempDir& dir) {
  const std::filesystem::path out = dir / "status";
  clubsearch::web::start_indexer({"/bin/cp", "/proc/self/status", out.string()});
  // Whole once its last signal line (SigCgt follows SigBlk and SigIgn) is there.
  std::string status;
  REQUIRE(clubsearch::test::eventually([&] {
    status = std::filesystem::exists(out) ? clubsearch::test::read_file(out) : "";
    return status.find("\nSigCgt:") != std::string::npos;
  }));
  return status;
}

// Whether `signal` is in the hexadecimal mask of the /proc status line starting `name`.
bool in_mask(const std::string& lines, const std::string& name, int signal) {
  const std::size_t at = lines.find(name + ":");
  REQUIRE(at != std::string::npos);
  const unsigned long long mask = std::stoull(lines.substr(at + name.size() + 1), nullptr, 16);
  return (mask >> (signal - 1)) & 1U;
}

}  // namespace

TEST_CASE("the indexer starts with SIGINT and SIGTERM neither blocked nor ignored, as the server has them") {
  sigset_t stops, before;
  sigemptyset(&stops);
  sigaddset(&stops, SIGINT);
  sigaddset(&stops, SIGTERM);
  REQUIRE(pthread_sigmask(SIG_BLOCK, &stops, &before) == 0);
  struct sigaction ignore {}, previous_term {};
  ignore.sa_handler = SIG_IGN;
  REQUIRE(sigaction(SIGTERM, &ignore, &previous_term) == 0);

  const TempDir dir;
  const std::string lines = child_status(dir);
  sigaction(SIGTERM, &previous_term, nullptr);
  pthread_sigmask(SIG_SETMASK, &before, nullptr);

  CAPTURE(lines);
  CHECK_FALSE(in_mask(lines, "SigBlk", SIGTERM));
  CHECK_FALSE(in_mask(lines, "SigBlk", SIGINT));
  CHECK_FALSE(in_mask(lines, "SigIgn", SIGTERM));
}
