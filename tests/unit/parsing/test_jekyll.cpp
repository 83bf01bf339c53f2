// Jekyll's rules for posts: names, default titles, permalink styles and templates, pages,
// categories, drafts, as a Jekyll site from its _config.yml builds them.
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "indexer/jekyll.h"
#include "indexer/site.h"
#include "tests/support/temp_dir.h"

using namespace clubsearch::indexer;
using namespace clubsearch::index;
using clubsearch::test::TempDir;

namespace {

// A Jekyll site whose _config.yml is `config`.
struct JekyllSite {
  TempDir dir;
  explicit JekyllSite(const std::string& config) { dir.write("_config.yml", config); }
  Site site() const { return Site::discover(dir.path()); }
};

std::string url_of(const Site& site, const std::string& path, const FrontMatter& front = {}) {
  const PageFile file = site.page_file(path);
  return site.permalink(path, front, front.date ? front.date : file.date, file.default_title);
}

}  // namespace

TEST_CASE("a post's date and slug come from its YYYY-MM-DD-slug name") {
  const auto name = jekyll_post_name("2024-02-19-258.md");
  REQUIRE(name);
  CHECK(name->date == Date{2024, 2, 19});
  CHECK(name->slug == "258");
  // One-digit months and days, as Jekyll's pattern allows.
  const auto short_date = jekyll_post_name("2019-12-9-43.md");
  REQUIRE(short_date);
  CHECK(short_date->date == Date{2019, 12, 9});
  CHECK(short_date->slug == "43");
  CHECK(jekyll_post_name("2017-04-27-VQA Visual Question Answering.md")->slug ==
        "VQA Visual Question Answering");
  CHECK(jekyll_post_name("2024-01-05-dots...md")->slug == "dots");  // trailing dots dropped
  CHECK(jekyll_post_name("24-01-05-two-digit-year.md")->date == Date{2024, 1, 5});
}

TEST_CASE("a name without a valid date, or without an extension, is not a post's") {
  CHECK_FALSE(jekyll_post_name("README.md"));
  CHECK_FALSE(jekyll_post_name("about-2024-01-01.md"));
  CHECK_FALSE(jekyll_post_name("2024-13-40-not-a-date.md"));
  CHECK_FALSE(jekyll_post_name("2024-01-01.md"));  // the '-' after the date is required
  CHECK_FALSE(jekyll_post_name("2024-01-01-no-extension"));
  // A draft needs no date.
  CHECK(jekyll_draft_name("half-written.md").slug == "half-written");
  CHECK_FALSE(jekyll_draft_name("half-written.md").date);
  CHECK(jekyll_draft_name("2024-03-03-dated-draft.md").date == Date{2024, 3, 3});
}

TEST_CASE("a post without a title is titled as Jekyll titleizes its slug") {
  CHECK(jekyll_title("my-first-post") == "My First Post");
  CHECK(jekyll_title("258") == "258");
  CHECK(jekyll_title("VQA Visual Question Answering") ==
        "Vqa visual question answering");  // Ruby's capitalize
  CHECK(jekyll_title("\u00e9t\u00e9-\u00e0-paris") == "\u00c9t\u00e9 \u00c0 Paris");
  CHECK(jekyll_title("trailing-") == "Trailing");
}

TEST_CASE("the permalink styles give the posts' templates Jekyll documents") {
  CHECK(jekyll_style_template("date") == "/:categories/:year/:month/:day/:title:output_ext");
  CHECK(jekyll_style_template("pretty") == "/:categories/:year/:month/:day/:title/");
  CHECK(jekyll_style_template("ordinal") == "/:categories/:year/:y_day/:title:output_ext");
  CHECK(jekyll_style_template("weekdate") == "/:categories/:year/W:week/:short_day/:title:output_ext");
  CHECK(jekyll_style_template("none") == "/:categories/:title:output_ext");
  CHECK(jekyll_style_template("/blog/:title/") == "/blog/:title/");
}

TEST_CASE("each style on one post, with url and baseurl in front") {
  const std::string post = "_posts/2024-02-19-Weekly Notes.md";
  for (const auto& style_url : std::vector<std::pair<std::string, std::string>>{
           {"date", "/2024/02/19/Weekly-Notes.html"},
           {"pretty", "/2024/02/19/Weekly-Notes/"},
           {"ordinal", "/2024/050/Weekly-Notes.html"},
           {"weekdate", "/2024/W08/Mon/Weekly-Notes.html"},
           {"none", "/Weekly-Notes.html"},
           {"/:year/:i_month/:i_day/:slug", "/2024/2/19/weekly-notes"},
           // :name is the whole file name's slug, date included.
           {"/:short_year/:short_month/:long_month/:long_day/:w_day/:name/",
            "/24/Feb/February/Monday/1/2024-02-19-weekly-notes/"}}) {
    const auto& style = std::get<0>(style_url);
    const auto& url = std::get<1>(style_url);
    CAPTURE(style);
    const JekyllSite root("url: https://example.org/\nbaseurl: /blog/\npermalink: \"" + style + "\"\n");
    CHECK(url_of(root.site(), post) == "https://example.org/blog" + url);
  }
}

TEST_CASE("ISO week dates at the turn of the year") {
  const JekyllSite root("permalink: /:w_year/W:week/:w_day/:title/\n");
  CHECK(url_of(root.site(), "_posts/2021-01-03-a.md") == "/2020/W53/7/a/");  // a Sunday in 2020's last week
  CHECK(url_of(root.site(), "_posts/2024-12-30-b.md") == "/2025/W01/1/b/");
}

TEST_CASE("categories: the folders above _posts/, then the front matter's, lowercased and once each") {
  const JekyllSite root("permalink: pretty\n");
  const Site site = root.site();
  FrontMatter front;
  front.jekyll_categories = {"Machine", "learning", "Work"};
  CHECK(url_of(site, "work/_posts/2024-01-02-a.md", front) == "/work/machine/learning/2024/01/02/a/");
  CHECK(url_of(site, "a b/_posts/2024-01-02-a.md") == "/a%20b/2024/01/02/a/");  // a space is escaped
  const PageFile file = site.page_file("work/_posts/2024-01-02-a.md");
  CHECK(file.section == "work");
  CHECK(file.path_categories == std::vector<std::string>{"work"});
  CHECK(site.page_file("_posts/2024/2024-01-02-a.md").section == "posts");
  CHECK(site.page_file("_posts/2024/2024-01-02-a.md").path_categories.empty());  // below _posts/: no category
}

TEST_CASE("a post's front matter permalink and slug win, placeholders and all") {
  const Site site = JekyllSite("url: https://example.org\npermalink: pretty\n").site();
  FrontMatter front;
  front.permalink = "/notes/:year/:title/";
  CHECK(url_of(site, "_posts/2024-01-02-first.md", front) == "https://example.org/notes/2024/first/");
  front.slug = "Chosen Slug";
  CHECK(url_of(site, "_posts/2024-01-02-first.md", front) == "https://example.org/notes/2024/Chosen-Slug/");
  front.permalink = "about-me.html";  // no leading '/': Jekyll adds one
  CHECK(url_of(site, "_posts/2024-01-02-first.md", front) == "https://example.org/about-me.html");
  // An unknown placeholder is kept as written (Jekyll stops the build); ":title_" is
  // ":title" then '_', as Jekyll reads it.
  front.permalink = "/:unknown/:title_/";
  CHECK(url_of(site, "_posts/2024-01-02-first.md", front) == "https://example.org/:unknown/Chosen-Slug_/");
}

TEST_CASE("a page's URL ends as the permalink style does; an index page is its folder") {
  for (const auto& style_url :
       std::vector<std::pair<std::string, std::string>>{{"date", "/docs/about.html"},
                                                        {"pretty", "/docs/about/"},
                                                        {"/:year/:title/", "/docs/about/"},
                                                        {"/:year/:title", "/docs/about"},
                                                        {"/:year/:title:output_ext", "/docs/about.html"}}) {
    const auto& style = std::get<0>(style_url);
    const auto& url = std::get<1>(style_url);
    CAPTURE(style);
    const Site site = JekyllSite("permalink: \"" + style + "\"\n").site();
    CHECK(url_of(site, "docs/about.md") == url);
    CHECK(url_of(site, "docs/index.md") == "/docs/");
  }
  const Site site = JekyllSite("title: x\n").site();
  const PageFile page = site.page_file("docs/about.md");
  CHECK(page.section == "docs");
  CHECK(page.default_title == "about");
  CHECK_FALSE(page.date);
  CHECK_FALSE(page.draft);
}

TEST_CASE("a draft is a post of _drafts/, dated by its name if at all") {
  const Site site = JekyllSite("permalink: pretty\n").site();
  const PageFile draft = site.page_file("_drafts/half-written.md");
  CHECK(draft.draft);
  CHECK(draft.default_title == "Half Written");
  CHECK_FALSE(draft.date);
  CHECK(url_of(site, "_drafts/half-written.md") == "/half-written/");  // no date: its placeholders are empty
  CHECK(url_of(site, "_drafts/2024-05-05-dated.md") == "/2024/05/05/dated/");
}

TEST_CASE("the posts collection's own permalink wins over the site's") {
  const Site site =
      JekyllSite("permalink: pretty\ncollections:\n  posts:\n    permalink: /articles/:title/\n").site();
  CHECK(url_of(site, "_posts/2024-01-02-first.md") == "/articles/first/");
  CHECK(url_of(site, "about.md") == "/about/");  // pages follow the site's style
}

TEST_CASE("kramdown's settings decide the heading ids") {
  CHECK(JekyllSite("title: x\n").site().anchor_style() == AnchorStyle::kramdown_gfm);
  CHECK(JekyllSite("kramdown:\n  input: kramdown\n").site().anchor_style() == AnchorStyle::kramdown);
  CHECK(JekyllSite("kramdown:\n  auto_ids: false\n").site().anchor_style() == AnchorStyle::none);
  CHECK(JekyllSite("markdown: CommonMarkGhPages\n").site().anchor_style() == AnchorStyle::goldmark);
}
