// The programs `clubsearch` becomes for the commands whose libraries would slow every
// other command's start: clubsearch-index (the indexer's parsers: cmark, yaml-cpp, ICU,
// libpsl) and clubsearch-serve (the HTTP library, TLS, compression). Each is built and
// installed beside clubsearch.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace clubsearch::cli {

// The program `name` in the folder of the running one.
std::filesystem::path companion_program(const std::string& name);

// Replaces this process with `program` run with `arguments` (argv[0] first). Returns only
// when that fails, having said why; the exit code to return then.
int become(const std::filesystem::path& program, std::vector<std::string> arguments);

// Runs `program` with `arguments` (argv[0] first) as a child sharing this process's
// standard streams, and waits for it: its exit code, or kExitFailed (having said why)
// when it cannot be started or is killed.
int run_program(const std::filesystem::path& program, std::vector<std::string> arguments);

}  // namespace clubsearch::cli
