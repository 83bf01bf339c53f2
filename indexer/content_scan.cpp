// Walks the content directory for posts.
#include "indexer/content_scan.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

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

// One stat per post, relative to its folder's descriptor: on a blog of ten thousand
// posts the scan is most of what a no-change run costs.
void walk(const fs::path& root, const fs::path& dir, ContentScan& scan) {
  DIR* handle = ::opendir(dir.c_str());
  if (handle == nullptr) {
    scan.problems.push_back(
        {dir.string(), 0, "cannot list this folder: " + std::string(std::strerror(errno))});
    return;
  }
  const std::unique_ptr<DIR, int (*)(DIR*)> closer(handle, ::closedir);
  std::vector<fs::path> subfolders;
  while (const dirent* entry = ::readdir(handle)) {
    const std::string name = entry->d_name;
    if (name.front() == '.') continue;  // ".", "..", hidden files and folders (.git)
    const fs::path path = dir / name;
    unsigned char type = entry->d_type;
    if (type == DT_UNKNOWN) {  // some file systems do not say; ask
      struct stat info {};
      if (::fstatat(::dirfd(handle), entry->d_name, &info, AT_SYMLINK_NOFOLLOW) == 0)
        type = S_ISDIR(info.st_mode) ? DT_DIR : S_ISLNK(info.st_mode) ? DT_LNK : DT_REG;
    }
    if (type == DT_DIR) {
      subfolders.push_back(path);  // folder symlinks (DT_LNK) are not followed
      continue;
    }
    if (!is_markdown(path)) continue;
    if (is_section_page(path)) {
      ++scan.section_pages;
      continue;
    }
    struct stat info {};
    if (::fstatat(::dirfd(handle), entry->d_name, &info, 0) != 0) {
      scan.problems.push_back({path.string(), 0, "cannot read: " + std::string(std::strerror(errno))});
    } else if (!S_ISREG(info.st_mode)) {
      if (!S_ISDIR(info.st_mode)) scan.problems.push_back({path.string(), 0, "not a regular file"});
    } else {
      scan.posts.push_back(
          {path.lexically_relative(root).generic_string(), path, static_cast<std::uintmax_t>(info.st_size),
           static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec});
    }
  }
  for (const fs::path& folder : subfolders) walk(root, folder, scan);
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
