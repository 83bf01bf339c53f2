// The scan lists what the generator reads as posts: no hidden files, no themes' example
// sites, and for Jekyll none of its special folders or undated files in _posts/.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "indexer/content_scan.h"
#include "tests/support/temp_dir.h"

using namespace clubsearch::indexer;
using clubsearch::test::TempDir;

namespace {

std::vector<std::string> paths_of(const ContentScan& scan) {
  std::vector<std::string> paths;
  for (const ContentFile& file : scan.posts) paths.push_back(file.relative_path);
  return paths;
}

}  // namespace

TEST_CASE("exampleSite/ folders are never scanned; themes/ at the root only when the rules say so") {
  const TempDir dir;
  dir.write("posts/mine.md", "x");
  dir.write("themes/ananke/exampleSite/content/post/demo.md", "x");
  dir.write("themes/ananke/README.md", "x");
  dir.write("docs/exampleSite/post.md", "x");
  dir.write("notes/themes/colour.md", "x");  // a folder named themes below the root is the blog's
  CHECK(paths_of(scan_content(dir.path())) ==
        std::vector<std::string>{"notes/themes/colour.md", "posts/mine.md", "themes/ananke/README.md"});
  ScanRules root;
  root.skip_themes = true;
  CHECK(paths_of(scan_content(dir.path(), root)) ==
        std::vector<std::string>{"notes/themes/colour.md", "posts/mine.md"});
}

TEST_CASE("Jekyll: only _posts/ and _drafts/ of the '_' folders, and dated files in _posts/") {
  const TempDir dir;
  dir.write("_posts/2024-01-01-first.md", "x");
  dir.write("_posts/2024/2024-02-02-nested.md", "x");
  dir.write("_posts/README.md", "x");  // no date: not a post
  dir.write("research/_posts/2024-03-03-study.md", "x");
  dir.write("research/_posts/notes.md", "x");
  dir.write("_drafts/idea.md", "x");  // a draft needs no date
  dir.write("_includes/snippet.md", "x");
  dir.write("_site/2024/01/01/first.md", "x");
  dir.write("_index.md", "x");
  dir.write("#scratch.md", "x");
  dir.write("about.md~", "x");
  dir.write("about.md", "x");
  dir.write("node_modules/pkg/README.md", "x");
  dir.write("vendor/bundle/gems/x/README.md", "x");
  dir.write("vendor/notes.md", "x");
  dir.write("private/secret.md", "x");
  dir.write("drafts-old/a.md", "x");
  ScanRules jekyll;
  jekyll.jekyll = true;
  jekyll.exclude = {"private/", "drafts-*"};
  const ContentScan scan = scan_content(dir.path(), jekyll);
  CHECK(paths_of(scan) == std::vector<std::string>{"_drafts/idea.md", "_posts/2024-01-01-first.md",
                                                   "_posts/2024/2024-02-02-nested.md", "about.md",
                                                   "research/_posts/2024-03-03-study.md", "vendor/notes.md"});
  CHECK(scan.not_posts == 2);
  CHECK(scan.section_pages == 0);  // _index.md is no section page to Jekyll, just a '_' file
}

TEST_CASE("Jekyll, a folder of posts: every file is in _posts/, so undated files are not posts") {
  const TempDir dir;
  dir.write("2024-01-01-first.md", "x");
  dir.write("2019-12-9-short-date.md", "x");
  dir.write("README.md", "x");
  ScanRules posts;
  posts.jekyll = true;
  posts.jekyll_posts_folder = true;
  const ContentScan scan = scan_content(dir.path(), posts);
  CHECK(paths_of(scan) == std::vector<std::string>{"2019-12-9-short-date.md", "2024-01-01-first.md"});
  CHECK(scan.not_posts == 1);
}

TEST_CASE("Markdown files are those the generator reads: Jekyll's .mkdown, .mkdn, .mkd and Hugo's .mdown too") {
  const TempDir dir;
  for (const char* name : {"a.md", "b.markdown", "c.mkdown", "d.mkdn", "e.mkd", "f.mdown", "g.txt", "h.html"})
    dir.write(std::string("posts/") + name, "x");
  CHECK(paths_of(scan_content(dir.path())) == std::vector<std::string>{"posts/a.md", "posts/b.markdown"});
  ScanRules jekyll;
  jekyll.markdown_extensions = {".md", ".markdown", ".mkdown", ".mkdn", ".mkd"};
  CHECK(paths_of(scan_content(dir.path(), jekyll)) ==
        std::vector<std::string>{"posts/a.md", "posts/b.markdown", "posts/c.mkdown", "posts/d.mkdn", "posts/e.mkd"});
}
