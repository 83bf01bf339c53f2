// Walks the content directory for posts.
#include "indexer/content_scan.h"

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <memory>

#include "indexer/jekyll.h"

namespace clubsearch::indexer {

namespace fs = std::filesystem;

namespace {

bool is_markdown(const fs::path& path, const ScanRules& rules) {
  const std::string extension = path.extension().string();
  return std::find(rules.markdown_extensions.begin(), rules.markdown_extensions.end(), extension) !=
         rules.markdown_extensions.end();
}

bool is_section_page(const fs::path& path) {
  const std::string stem = path.stem().string();
  return stem == "_index";
}

constexpr std::array<std::string_view, 5> kJekyllExcluded{"node_modules", "vendor/bundle", "vendor/cache",
                                                          "vendor/gems", "vendor/ruby"};

// Jekyll's EntryFilter: special names, its own exclusions and the site's `exclude`, each a
// path from the root, a folder above the entry, or a glob.
bool jekyll_excluded(const std::string& name, const std::string& relative, const ScanRules& rules) {
  if (name != "_posts" && name != "_drafts" &&
      (name.front() == '_' || name.front() == '#' || name.back() == '~'))
    return true;
  auto matches = [&](std::string_view pattern) {
    std::string prefix(pattern);
    while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
    if (prefix.empty()) return false;
    return relative == prefix || relative.rfind(prefix + "/", 0) == 0 ||
           ::fnmatch(prefix.c_str(), relative.c_str(), 0) == 0;
  };
  return std::any_of(kJekyllExcluded.begin(), kJekyllExcluded.end(), matches) ||
         std::any_of(rules.exclude.begin(), rules.exclude.end(),
                     [&](const std::string& p) { return matches(p); });
}

// Whether a Jekyll file at `relative` is in a posts folder (_posts/ or the content folder
// itself when it is one), where only dated names are posts.
bool in_posts_folder(const std::string& relative, const ScanRules& rules) {
  if (rules.jekyll_posts_folder) return true;
  return relative.rfind("_posts/", 0) == 0 || relative.find("/_posts/") != std::string::npos;
}

// Whether `path` (canonical) is `root` (canonical) or inside it.
bool is_inside(const fs::path& path, const fs::path& root) {
  return std::mismatch(root.begin(), root.end(), path.begin(), path.end()).first == root.end();
}

// One stat per post, relative to its folder's descriptor: on a blog of ten thousand
// posts the scan is most of what a no-change run costs.
// `folder` is `dir` from the root, "" or ending in '/'; `root` is the content folder,
// canonical.
void walk(const fs::path& dir, const std::string& folder, const fs::path& root, const ScanRules& rules,
          ContentScan& scan) {
  DIR* handle = ::opendir(dir.c_str());
  if (handle == nullptr) {
    scan.problems.push_back({dir.string(), 0,
                             "cannot list this folder: " + std::string(std::strerror(errno)) +
                                 "; the posts indexed from it are kept as they were"});
    scan.unlisted_folders.push_back(folder);
    return;
  }
  const std::unique_ptr<DIR, int (*)(DIR*)> closer(handle, ::closedir);
  std::vector<std::pair<fs::path, std::string>> subfolders;
  while (const dirent* entry = ::readdir(handle)) {
    const std::string name = entry->d_name;
    if (name.front() == '.') continue;  // ".", "..", hidden files and folders (.git)
    const fs::path path = dir / name;
    const std::string relative = folder + name;
    if (rules.jekyll && jekyll_excluded(name, relative, rules)) continue;
    unsigned char type = entry->d_type;
    if (type == DT_UNKNOWN) {  // some file systems do not say; ask
      struct stat info {};
      if (::fstatat(::dirfd(handle), entry->d_name, &info, AT_SYMLINK_NOFOLLOW) == 0)
        type = S_ISDIR(info.st_mode) ? DT_DIR : S_ISLNK(info.st_mode) ? DT_LNK : DT_REG;
    }
    if (type == DT_DIR) {
      // Themes' example sites are never the blog's posts; nor, at a site's root, its themes.
      const bool theme = name == "exampleSite" || (rules.skip_themes && folder.empty() && name == "themes");
      if (!theme) subfolders.emplace_back(path, relative + "/");  // folder symlinks (DT_LNK) are not followed
      continue;
    }
    if (!is_markdown(path, rules)) continue;
    if (is_section_page(path) && !rules.jekyll) {
      ++scan.section_pages;
      continue;
    }
    if (rules.jekyll && in_posts_folder(relative, rules) && !jekyll_post_name(name)) {
      ++scan.not_posts;
      continue;
    }
    if (type == DT_LNK && !rules.follow_outside_links) {
      std::error_code error;
      const fs::path target = fs::canonical(path, error);
      if (!error && !is_inside(target, root)) {
        scan.problems.push_back({path.string(), 0,
                                 "a symlink to " + target.string() +
                                     ", outside the content folder: not indexed (--follow-symlinks indexes it)"});
        continue;
      }
    }
    struct stat info {};
    if (::fstatat(::dirfd(handle), entry->d_name, &info, 0) != 0) {
      scan.problems.push_back({path.string(), 0, "cannot read: " + std::string(std::strerror(errno))});
    } else if (!S_ISREG(info.st_mode)) {
      if (!S_ISDIR(info.st_mode)) scan.problems.push_back({path.string(), 0, "not a regular file"});
    } else {
      scan.posts.push_back(
          {relative, path, static_cast<std::uintmax_t>(info.st_size),
           static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec});
    }
  }
  for (const auto& [path, relative] : subfolders) walk(path, relative, root, rules, scan);
}

}  // namespace

ContentScan scan_content(const fs::path& content_dir, const ScanRules& rules) {
  std::error_code error;
  if (!fs::is_directory(content_dir, error))
    throw ContentDirError(content_dir.string() + ": " +
                          (fs::exists(content_dir, error) ? "not a directory" : "no such directory"));
  ContentScan scan;
  walk(content_dir, "", fs::canonical(content_dir, error), rules, scan);
  std::sort(scan.posts.begin(), scan.posts.end(),
            [](const ContentFile& a, const ContentFile& b) { return a.relative_path < b.relative_path; });
  return scan;
}

bool has_any_markdown_suffix(std::string_view name) {
  static constexpr std::array<std::string_view, 6> kSuffixes{".md", ".markdown", ".mkdown", ".mkdn", ".mkd", ".mdown"};
  return std::any_of(kSuffixes.begin(), kSuffixes.end(), [&](std::string_view suffix) {
    return name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
  });
}

}  // namespace clubsearch::indexer
