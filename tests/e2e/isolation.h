// Test support: running clubsearch where nothing of the machine's own setup is found,
// and the sample blog indexed once for the tests that only read it.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/e2e/process.h"
#include "tests/support/temp_dir.h"

namespace clubsearch::test {

using Environment = std::map<std::string, std::string>;

// Variables that keep clubsearch to `dir`: no CLUBSEARCH_DB, CLUBSEARCH_REINDEX_TOKEN,
// CLUBSEARCH_FAULT_POINT or NO_COLOR, and the config home, data home and HOME in `dir`
// (config/, data/, home/), so no config file or index of the user's is found.
Environment isolated_environment(const std::filesystem::path& dir);

// A scratch folder with an isolated environment, and an empty current folder in it (cwd/)
// where no clubsearch.toml is found, in it or above it.
struct Isolation {
  TempDir dir;
  std::filesystem::path cwd = dir / "cwd";
  Environment environment = isolated_environment(dir.path());

  Isolation();

  // clubsearch with `arguments`, `extra` variables set on top of the environment, run in
  // `in` (default: cwd).
  ProcessResult run(const std::vector<std::string>& arguments, const Environment& extra = {},
                    const std::filesystem::path& in = {}) const;
  // How many results `q` has in the index `db` now (0 while there is no index yet).
  std::size_t total(const std::string& db, const std::string& q) const;
};

// The sample blog (data/) indexed as of 2026-11-25.
struct SampleIndex : Isolation {
  std::string db = (dir / "db").string();

  SampleIndex();

  // clubsearch --db DB with `arguments`.
  ProcessResult search(std::vector<std::string> arguments) const;
  // What clubsearch --db DB `arguments` --json prints, after checking it exited 0 or 1.
  nlohmann::json search_json(std::vector<std::string> arguments) const;
};

// One SampleIndex for the whole test run, made when first asked for.
const SampleIndex& sample_index();

}  // namespace clubsearch::test
