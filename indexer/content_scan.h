// ContentScan: the Markdown files under a site's content directory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
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

// What the site's generator does not read as content, beyond hidden names and the example
// sites of themes (exampleSite/), which no scan reads.
struct ScanRules {
  // The scan starts at the site's root (a Jekyll site, or a folder without a site config):
  // a themes/ folder there holds themes, not posts.
  bool skip_themes = false;
  // Jekyll: names starting with '_' (but the _posts/ and _drafts/ folders), '#' or '~' at
  // the end are not content, nor node_modules/, vendor/bundle/, vendor/cache/,
  // vendor/gems/, vendor/ruby/ and what `exclude` names; a file in _posts/ without a date
  // prefix is not a post.
  bool jekyll = false;
  bool jekyll_posts_folder = false;  // the content folder is itself a folder of posts
  std::vector<std::string> exclude;  // Jekyll's `exclude`: paths or globs from the root
  // A post that is a symlink to a file outside the content folder is read (else it is
  // reported as a problem and skipped).
  bool follow_outside_links = false;
  // The extensions of Markdown files: besides .md and .markdown, Jekyll's own defaults
  // (.mkdown, .mkdn, .mkd) and Hugo's (.mdown).
  std::vector<std::string> markdown_extensions{".md", ".markdown"};
};

struct ContentScan {
  std::vector<ContentFile> posts;     // sorted by relative path
  std::size_t section_pages = 0;      // _index.md files: a section's own page, not a post
  std::size_t not_posts = 0;          // files the generator does not publish (Jekyll: undated in _posts/)
  std::vector<FileProblem> problems;  // entries that could not be listed or are not files
  // The folders that could not be listed, from the content folder, each "" (the content
  // folder itself) or ending in '/': what was indexed below them is kept, not removed.
  std::vector<std::string> unlisted_folders;
};

// Walks `content_dir` for *.md and *.markdown files, skipping hidden names (".git",
// ".DS_Store"), exampleSite/ folders and what `rules` leave out, and not following
// directory symlinks. A file symlink is followed when it points inside the content folder
// (or `rules.follow_outside_links`). Throws ContentDirError.
ContentScan scan_content(const std::filesystem::path& content_dir, const ScanRules& rules = {});

// Whether a file name ends in a suffix any generator reads as Markdown (.md, .markdown,
// Jekyll's .mkdown, .mkdn, .mkd, Hugo's .mdown): what a site's rules may make a post.
bool has_any_markdown_suffix(std::string_view name);

}  // namespace clubsearch::indexer
