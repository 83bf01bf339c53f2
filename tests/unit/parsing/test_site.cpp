// Site finds the blog's generator config and builds Zola and Hugo permalinks as the real sites do.
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "indexer/site.h"
#include "tests/support/temp_dir.h"

using namespace clubsearch::indexer;
using namespace clubsearch::index;
using clubsearch::test::TempDir;

namespace {

const std::optional<Date> kDate = Date{2024, 7, 10};

FrontMatter with_slug(const std::string& slug) {
  FrontMatter front;
  front.slug = slug;
  return front;
}

// A site whose root holds `config_name` with `config_text` and an empty content/ folder.
struct SiteRoot {
  TempDir dir;
  SiteRoot(const std::string& config_name, const std::string& config_text) {
    dir.write(config_name, config_text);
    std::filesystem::create_directories(dir.path() / "content");
  }
  Site site() const { return Site::discover(dir.path()); }
};

}  // namespace

// ---- Zola ---------------------------------------------------------------------------------

TEST_CASE("a Zola post's permalink is the base URL, its folders and its slugified file name") {
  const SiteRoot root("config.toml", "base_url = \"https://blog.example.org\"\ntitle = \"Club\"\n");
  const Site site = root.site();
  CHECK(site.generator() == SiteGenerator::zola);
  CHECK(site.base_url() == "https://blog.example.org");
  CHECK(site.permalink("blog/journal_club_1.md", {}, kDate, "Journal Club 1") ==
        "https://blog.example.org/blog/journal-club-1/");
  CHECK(site.permalink("about.md", {}, std::nullopt, "About") == "https://blog.example.org/about/");
}

TEST_CASE("a Zola page bundle is named by its folder") {
  const SiteRoot root("config.toml", "base_url = \"https://blog.example.org/\"\n");
  CHECK(root.site().permalink("blog/foo_bar/index.md", {}, kDate, "Foo") ==
        "https://blog.example.org/blog/foo-bar/");
}

TEST_CASE("a Zola file name's date prefix is not part of the permalink") {
  const SiteRoot root("config.toml", "base_url = \"https://blog.example.org\"\n");
  const Site site = root.site();
  CHECK(site.permalink("blog/2024-07-10-my-post.md", {}, kDate, "My Post") ==
        "https://blog.example.org/blog/my-post/");
  CHECK(site.permalink("blog/2024-07-10_my_post.md", {}, kDate, "My Post") ==
        "https://blog.example.org/blog/my-post/");
}

TEST_CASE("Zola front matter slug and path decide the permalink") {
  const SiteRoot root("config.toml", "base_url = \"https://blog.example.org\"\n");
  const Site site = root.site();
  CHECK(site.permalink("blog/journal_club_1.md", with_slug("Custom Slug"), kDate, "T") ==
        "https://blog.example.org/blog/custom-slug/");
  FrontMatter front;
  front.path = "elsewhere/page";
  CHECK(site.permalink("blog/journal_club_1.md", front, kDate, "T") ==
        "https://blog.example.org/elsewhere/page/");
  front.path = "/rooted/";
  CHECK(site.permalink("blog/journal_club_1.md", front, kDate, "T") == "https://blog.example.org/rooted/");
}

// ---- Hugo ---------------------------------------------------------------------------------

TEST_CASE(
    "a Hugo site is recognised by baseURL and its default permalink is /section/file-name/ lowercased") {
  const SiteRoot root("hugo.toml", "baseURL = \"https://hugo.example.org/\"\ntitle = \"Notes\"\n");
  const Site site = root.site();
  CHECK(site.generator() == SiteGenerator::hugo);
  CHECK(site.base_url() == "https://hugo.example.org");
  CHECK(site.permalink("posts/My_First Post.md", {}, kDate, "Ignored Title") ==
        "https://hugo.example.org/posts/my_first-post/");
  CHECK(site.permalink("posts/bundle/index.md", {}, kDate, "T") == "https://hugo.example.org/posts/bundle/");
}

TEST_CASE("a hugo.toml without baseURL is still a Hugo site, with site-relative permalinks") {
  const SiteRoot root("hugo.toml", "title = \"Notes\"\n");
  const Site site = root.site();
  CHECK(site.generator() == SiteGenerator::hugo);
  CHECK(site.base_url().empty());
  CHECK(site.permalink("posts/My_Post.md", {}, kDate, "T") == "/posts/my_post/");
}

TEST_CASE("Hugo front matter url and slug decide the permalink") {
  const SiteRoot root("hugo.toml", "baseURL = \"https://hugo.example.org/\"\n");
  const Site site = root.site();
  FrontMatter front;
  front.url = "/custom/url/";
  CHECK(site.permalink("posts/a.md", front, kDate, "T") == "https://hugo.example.org/custom/url/");
  front.url = "no-slash/";
  CHECK(site.permalink("posts/a.md", front, kDate, "T") == "https://hugo.example.org/no-slash/");
  CHECK(site.permalink("posts/a.md", with_slug("My Slug"), kDate, "T") ==
        "https://hugo.example.org/posts/my-slug/");
}

TEST_CASE("Hugo [permalinks] patterns fill in year, month, slug, filename and section") {
  const SiteRoot root("hugo.toml",
                      "baseURL = \"https://hugo.example.org/\"\n"
                      "[permalinks]\n"
                      "posts = \"/:year/:month/:slug/\"\n"
                      "notes = \"/:section/:filename/\"\n");
  const Site site = root.site();
  CHECK(site.permalink("posts/first.md", {}, kDate, "My First Post") ==
        "https://hugo.example.org/2024/07/my-first-post/");
  CHECK(site.permalink("posts/first.md", with_slug("chosen"), kDate, "My First Post") ==
        "https://hugo.example.org/2024/07/chosen/");
  CHECK(site.permalink("notes/Some_Note.md", {}, kDate, "T") == "https://hugo.example.org/notes/some_note/");
  CHECK(site.permalink("other/x.md", {}, kDate, "T") == "https://hugo.example.org/other/x/");
}

TEST_CASE("Hugo's newer [permalinks.page] table is read like [permalinks]") {
  const SiteRoot root("hugo.toml",
                      "baseURL = \"https://hugo.example.org/\"\n"
                      "[permalinks.page]\n"
                      "posts = \"/:section/:year/:filename/\"\n"
                      "[permalinks.section]\n"
                      "posts = \"/articles/\"\n");
  CHECK(root.site().permalink("posts/first.md", {}, kDate, "T") ==
        "https://hugo.example.org/posts/2024/first/");
}

TEST_CASE("a Hugo YAML config gives the base URL and permalink patterns") {
  const SiteRoot root("config.yaml",
                      "baseURL: https://yaml.example.org/\n"
                      "permalinks:\n"
                      "  posts: /:year/:filename/\n");
  const Site site = root.site();
  CHECK(site.generator() == SiteGenerator::hugo);
  CHECK(site.permalink("posts/first.md", {}, kDate, "T") == "https://yaml.example.org/2024/first/");
}

TEST_CASE("a Hugo JSON config gives the base URL and permalink patterns") {
  const SiteRoot root(
      "hugo.json",
      R"({"baseURL": "https://json.example.org/", "permalinks": {"page": {"posts": "/p/:slug/"}}})");
  const Site site = root.site();
  CHECK(site.generator() == SiteGenerator::hugo);
  CHECK(site.permalink("posts/first.md", {}, kDate, "Hello World") ==
        "https://json.example.org/p/hello-world/");
}

TEST_CASE("disablePathToLower keeps the case of Hugo paths") {
  const SiteRoot root("hugo.toml", "baseURL = \"https://hugo.example.org\"\ndisablePathToLower = true\n");
  CHECK(root.site().permalink("posts/MyPost.md", {}, kDate, "T") == "https://hugo.example.org/posts/MyPost/");
}

// ---- Discovery ----------------------------------------------------------------------------

TEST_CASE("discover from a site root reads its config and uses its content folder") {
  const SiteRoot root("config.toml", "base_url = \"https://blog.example.org\"\n");
  const Site site = Site::discover(root.dir.path());
  CHECK(site.content_dir() == root.dir.path() / "content");
  REQUIRE(site.config_file().has_value());
  CHECK(*site.config_file() == root.dir.path() / "config.toml");
}

TEST_CASE("discover from a site's content folder finds the config one level up") {
  const SiteRoot root("config.toml", "base_url = \"https://blog.example.org\"\n");
  for (const std::filesystem::path& content : {root.dir.path() / "content", root.dir.path() / "content/"}) {
    const Site site = Site::discover(content);
    CHECK(site.content_dir() == content);
    CHECK(site.base_url() == "https://blog.example.org");
    REQUIRE(site.config_file().has_value());
    CHECK(*site.config_file() == root.dir.path() / "config.toml");
  }
}

TEST_CASE("Hugo's contentDir names the content folder") {
  const SiteRoot root("hugo.toml", "baseURL = \"https://h.example.org\"\ncontentDir = \"src\"\n");
  CHECK(root.site().content_dir() == root.dir.path() / "src");
}

TEST_CASE("a bare folder of posts is a Zola site with site-relative permalinks") {
  const TempDir dir;
  dir.write("blog/journal_club_1.md", "+++\ntitle = \"x\"\n+++\n");
  const Site site = Site::discover(dir.path());
  CHECK(site.generator() == SiteGenerator::zola);
  CHECK(site.base_url().empty());
  CHECK_FALSE(site.config_file().has_value());
  CHECK(site.content_dir() == dir.path());
  CHECK(site.permalink("blog/journal_club_1.md", {}, kDate, "x") == "/blog/journal-club-1/");
}

TEST_CASE("a config without a base URL gives site-relative permalinks") {
  const SiteRoot root("config.toml", "title = \"No base\"\n");
  CHECK(root.site().base_url().empty());
  CHECK(root.site().permalink("blog/a_b.md", {}, kDate, "T") == "/blog/a-b/");
}

TEST_CASE("set_base_url drops trailing slashes so permalinks never hold a double slash") {
  Site site(std::filesystem::path("content"));
  site.set_base_url("https://example.org///");
  CHECK(site.base_url() == "https://example.org");
  CHECK(site.permalink("blog/a.md", {}, kDate, "A") == "https://example.org/blog/a/");
  site.set_base_url("https://example.org/sub");
  CHECK(site.permalink("blog/a.md", {}, kDate, "A") == "https://example.org/sub/blog/a/");
  site.set_base_url("");
  CHECK(site.permalink("blog/a.md", {}, kDate, "A") == "/blog/a/");
}

// ---- Errors ---------------------------------------------------------------------------------

TEST_CASE("a malformed TOML config is a SiteConfigError naming the file and the line") {
  const SiteRoot root("config.toml", "base_url = \"https://blog.example.org\"\ntitle = \n");
  const std::string file = (root.dir.path() / "config.toml").string();
  CHECK_THROWS_WITH_AS(root.site(), doctest::Contains((file + ":2: ").c_str()), SiteConfigError);
}

TEST_CASE("a malformed YAML config is a SiteConfigError naming the file and the line") {
  const SiteRoot root("config.yaml", "baseURL: https://y.example.org/\n  bad: : x\n");
  const std::string file = (root.dir.path() / "config.yaml").string();
  CHECK_THROWS_WITH_AS(root.site(), doctest::Contains((file + ":2: ").c_str()), SiteConfigError);
}

TEST_CASE("a YAML config that is not a map of keys is a SiteConfigError") {
  const SiteRoot root("config.yaml", "- just\n- a list\n");
  const std::string file = (root.dir.path() / "config.yaml").string();
  CHECK_THROWS_WITH_AS(root.site(), (file + ": the site configuration is not a map of keys").c_str(),
                       SiteConfigError);
}

TEST_CASE("a malformed JSON config is a SiteConfigError naming the file and the line") {
  const SiteRoot root("config.json", "{\n  \"baseURL\": \"https://j.example.org/\",\n}\n");
  const std::string file = (root.dir.path() / "config.json").string();
  CHECK_THROWS_WITH_AS(root.site(), doctest::Contains((file + ": ").c_str()), SiteConfigError);
  CHECK_THROWS_WITH_AS(root.site(), doctest::Contains("line 3"), SiteConfigError);
}

TEST_CASE("a config file that cannot be read is a SiteConfigError naming it") {
  const TempDir dir;
  const std::filesystem::path missing = dir.path() / "absent.toml";
  CHECK_THROWS_WITH_AS(Site::from_config(missing, dir.path()),
                       (missing.string() + ": cannot read the site configuration").c_str(), SiteConfigError);
}
