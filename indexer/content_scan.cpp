// Walks the content directory for posts.
#include "indexer/content_scan.h"

#include <algorithm>

namespace clubsearch::indexer {

namespace fs = std::filesystem;

namespace {

bool is_markdown(const fs::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".md" || extension == ".markdown";
}

bool is_section_page(const fs::path& path) {
  const std::string stem = path.stem().string();
  return stem == "_index";
}

void walk(const fs::path& root, const fs::path& dir, ContentScan& scan) {
  std::error_code error;
  fs::directory_iterator it(dir, error);
  if (error) {
    scan.problems.push_back({dir.string(), 0, "cannot list this folder: " + error.message()});
    return;
  }
  for (; it != fs::directory_iterator(); it.increment(error)) {
    if (error) {
      scan.problems.push_back({dir.string(), 0, "cannot list this folder: " + error.message()});
      return;
    }
    const fs::path& path = it->path();
    if (path.filename().string().front() == '.') continue;
    std::error_code status_error;
    const fs::file_status link_status = it->symlink_status(status_error);
    if (fs::is_directory(link_status)) {
      walk(root, path, scan);
      continue;
    }
    if (!is_markdown(path)) continue;
    if (is_section_page(path)) {
      ++scan.section_pages;
      continue;
    }
    const fs::file_status status = fs::status(path, status_error);
    if (status_error) {
      scan.problems.push_back({path.string(), 0, "cannot read: " + status_error.message()});
    } else if (!fs::is_regular_file(status)) {
      scan.problems.push_back({path.string(), 0, "not a regular file"});
    } else {
      scan.posts.push_back({fs::relative(path, root).generic_string(), path});
    }
  }
}

}  // namespace

ContentScan scan_content(const fs::path& content_dir) {
  std::error_code error;
  if (!fs::is_directory(content_dir, error))
    throw ContentDirError(content_dir.string() + ": " +
                          (fs::exists(content_dir, error) ? "not a directory" : "no such directory"));
  ContentScan scan;
  walk(content_dir, content_dir, scan);
  std::sort(scan.posts.begin(), scan.posts.end(),
            [](const ContentFile& a, const ContentFile& b) { return a.relative_path < b.relative_path; });
  return scan;
}

}  // namespace clubsearch::indexer
