// ContentScan: the Markdown files under a site's content directory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "indexer/index_report.h"

namespace clubsearch::indexer {

// The content directory itself is missing or unreadable: nothing can be indexed.
class ContentDirError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ContentFile {
  std::string relative_path;  // '/' separated, from the content directory
  std::filesystem::path path;
  std::uintmax_t size = 0;
  std::int64_t modified_ns = 0;  // last modification, nanoseconds since the epoch
};

struct ContentScan {
  std::vector<ContentFile> posts;     // sorted by relative path
  std::size_t section_pages = 0;      // _index.md files: a section's own page, not a post
  std::vector<FileProblem> problems;  // entries that could not be listed or are not files
};

// Walks `content_dir` for *.md and *.markdown files, skipping hidden names (".git",
// ".DS_Store") and not following directory symlinks. Throws ContentDirError.
ContentScan scan_content(const std::filesystem::path& content_dir);

}  // namespace clubsearch::indexer
