// Fuzz target: a site configuration file's bytes → the SiteConfig the readers make of it,
// written as each file a generator reads (Zola's or Hugo's config.toml, Hugo's hugo.yaml
// and config.json, Jekyll's _config.yml and _config.toml), → the Site it makes and a
// post's permalink by its rules. SiteConfigError is the readers' refusal; anything else
// escaping, or a sanitizer's report, is a defect.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/front_matter.h"
#include "indexer/site.h"
#include "indexer/site_config.h"
#include "tests/fuzz/fuzz_target.h"
#include "tests/support/temp_dir.h"

using namespace clubsearch;
namespace fs = std::filesystem;

namespace {

// Each file name in a folder of its own, so that a Hugo config/ folder or a second config
// never sits beside it.
const char* const kConfigNames[] = {"config.toml", "hugo.yaml", "config.json", "_config.yml", "_config.toml"};

struct Scratch {
  test::TempDir dir;
  std::vector<fs::path> files;

  Scratch() {
    for (const char* name : kConfigNames) {
      const fs::path folder = dir / (std::string("site-") + name);
      fs::create_directories(folder / "content");
      files.push_back(folder / name);
    }
  }
};

const Scratch* scratch = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  static const Scratch made;
  scratch = &made;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (const fs::path& file : scratch->files) {
    test::write_file(file, bytes);
    try {
      (void)indexer::read_site_config(file);
      const indexer::Site site = indexer::Site::from_config(file);
      const std::string relative = site.generator() == indexer::SiteGenerator::jekyll
                                       ? "_posts/2024-05-06-paper-notes.md"
                                       : "posts/reading-notes.md";
      (void)site.page_file(relative);
      (void)site.permalink(relative, indexer::FrontMatter{}, index::Date{2024, 5, 6}, "Paper notes");
    } catch (const indexer::SiteConfigError&) {
    }
  }
  return 0;
}
