// Fault points: a process that kills itself where a crash test asks it to.
#include "indexer/fault_point.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>

namespace clubsearch::indexer {

namespace {

// The fault point this process stops at, or an empty string.
const std::string& armed_fault_point() {
  static const std::string name = [] {
    const char* value = std::getenv(std::string(kFaultPointVariable).c_str());
    return std::string(value == nullptr ? "" : value);
  }();
  return name;
}

}  // namespace

void fault_point(std::string_view name) {
  const std::string& armed = armed_fault_point();
  if (armed.empty() || armed != name) return;
  // write(2), not a stream: nothing buffered may be lost to the kill that follows.
  const std::string line = "clubsearch: fault point " + std::string(name) + " reached\n";
  for (std::size_t written = 0; written < line.size();) {
    const ssize_t got = ::write(STDERR_FILENO, line.data() + written, line.size() - written);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    written += static_cast<std::size_t>(got);
  }
  ::raise(SIGKILL);
}

}  // namespace clubsearch::indexer
