// clubsearch_bench_corpus: writes a deterministic synthetic Zola blog of Journal Club
// posts (and optionally the same entries as a scriptindex dump) for the benchmarks.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include "corpus/post.h"
#include "corpus/random.h"
#include "corpus/site_writer.h"
#include "corpus/vocabulary.h"

namespace {

using namespace clubsearch::bench;

struct Options {
  std::filesystem::path out_dir;
  std::size_t posts = 10000;
  std::uint64_t seed = 1;
  std::filesystem::path dump_file;
};

// About 150,000 distinct rare words: with ~12 million words of text this gives the
// long tail of terms seen once or twice that real text has (Heaps' law).
constexpr std::size_t rare_word_count = 150000;

CorpusTotals generate(const Options& options) {
  const Vocabulary vocabulary(rare_word_count);
  Random random(options.seed);
  PostComposer composer(vocabulary, random, options.posts);
  SiteWriter writer(options.out_dir,
                    options.dump_file.empty() ? std::nullopt : std::optional(options.dump_file));
  for (std::size_t number = 1; number <= options.posts; ++number) {
    writer.write(composer.compose(number));
  }
  return writer.finish();
}

void print_totals(const CorpusTotals& totals, double seconds) {
  std::cout << "posts: " << totals.posts << "\n"
            << "entries: " << totals.entries << "\n"
            << "markdown_bytes: " << totals.markdown_bytes << " ("
            << static_cast<double>(totals.markdown_bytes) / 1e6 << " MB)\n";
  if (totals.dump_records > 0) std::cout << "dump_records: " << totals.dump_records << "\n";
  std::cout << "seconds: " << seconds << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Writes a deterministic synthetic Journal Club blog (a Zola site) for benchmarks."};
  Options options;
  app.add_option("--out", options.out_dir, "Directory to create the site in (must be empty)")->required();
  app.add_option("--posts", options.posts, "Number of posts")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{10'000'000}));
  app.add_option("--seed", options.seed, "Random seed: same seed, same bytes")->capture_default_str();
  app.add_option("--scriptindex-dump", options.dump_file,
                 "Also write the entries as a Xapian scriptindex dump file");
  CLI11_PARSE(app, argc, argv);

  try {
    const auto start = std::chrono::steady_clock::now();
    const CorpusTotals totals = generate(options);
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    print_totals(totals, elapsed.count());
  } catch (const std::exception& error) {
    std::cerr << "clubsearch_bench_corpus: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
