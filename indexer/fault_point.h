// Fault points: named moments of an indexing run where a crash test can have the
// process kill itself, to prove what a crash at exactly that moment leaves behind.
#pragma once

#include <string_view>

namespace clubsearch::indexer {

// The environment variable that names the fault point to stop at (a testing aid, see
// docs/indexing.md).
inline constexpr std::string_view kFaultPointVariable = "CLUBSEARCH_FAULT_POINT";

// When CLUBSEARCH_FAULT_POINT equals `name`, writes "clubsearch: fault point NAME
// reached" to stderr and kills this process with SIGKILL, as `kill -9` would: no
// destructor, no flush, no commit runs after it. Otherwise does nothing; the variable is
// read once per process, so a fault point costs one comparison.
void fault_point(std::string_view name);

}  // namespace clubsearch::indexer
