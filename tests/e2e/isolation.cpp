// Isolated runs of clubsearch, and the sample blog's shared index.
#include "tests/e2e/isolation.h"

#include <doctest/doctest.h>

namespace clubsearch::test {

namespace {

const std::filesystem::path kData = CLUBSEARCH_DATA_DIR;

}  // namespace

Environment isolated_environment(const std::filesystem::path& dir) {
  return {{"CLUBSEARCH_DB", ""},
          {"CLUBSEARCH_REINDEX_TOKEN", ""},
          {"CLUBSEARCH_FAULT_POINT", ""},
          {"NO_COLOR", ""},
          {"XDG_CONFIG_HOME", (dir / "config").string()},
          {"XDG_DATA_HOME", (dir / "data").string()},
          {"HOME", (dir / "home").string()}};
}

Isolation::Isolation() { std::filesystem::create_directories(cwd); }

ProcessResult Isolation::run(const std::vector<std::string>& arguments, const Environment& extra,
                             const std::filesystem::path& in) const {
  Environment merged = environment;
  for (const auto& [name, value] : extra) merged[name] = value;
  return run_process(command(arguments), merged, in.empty() ? cwd : in);
}

std::size_t Isolation::total(const std::string& db, const std::string& q) const {
  const ProcessResult result = run({"--db", db, "--json", q});
  if (result.exit_code > 1) return 0;
  return nlohmann::json::parse(result.out)["total"].get<std::size_t>();
}

SampleIndex::SampleIndex() {
  const ProcessResult indexed =
      run({"--db", db, "index", kData.string(), "--quiet", "--as-of", "2026-11-25"});
  INFO(indexed.err);
  REQUIRE(indexed.exit_code == 0);
}

ProcessResult SampleIndex::search(std::vector<std::string> arguments) const {
  arguments.insert(arguments.begin(), {"--db", db});
  return run(arguments);
}

nlohmann::json SampleIndex::search_json(std::vector<std::string> arguments) const {
  arguments.push_back("--json");
  const ProcessResult result = search(arguments);
  INFO(result.err);
  REQUIRE(result.exit_code <= 1);
  return nlohmann::json::parse(result.out);
}

const SampleIndex& sample_index() {
  static const SampleIndex index;
  return index;
}

}  // namespace clubsearch::test
