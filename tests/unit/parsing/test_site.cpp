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

TEST_CASE("Hugo puts a post's raw HTML on the page only with markup.goldmark.renderer.unsafe") {
  CHECK_FALSE(SiteRoot("hugo.toml", "baseURL = \"https://hugo.example.org/\"\n").site().renders_raw_html());
  const SiteRoot unsafe("hugo.toml",
                        "baseURL = \"https://hugo.example.org/\"\n[markup.goldmark.renderer]\nunsafe = true\n");
  CHECK(unsafe.site().renders_raw_html());
  const SiteRoot safe_again("hugo.toml",
                            "baseURL = \"https://hugo.example.org/\"\n[markup.goldmark.renderer]\nunsafe = false\n");
  CHECK_FALSE(safe_again.site().renders_raw_html());
  CHECK(unsafe.site().url_settings() != safe_again.site().url_settings());  // a change rebuilds the index
  CHECK(SiteRoot("_config.yml", "title: x\n").site().renders_raw_html());
}

TEST_CASE("each generator's Markdown suffixes are scanned: Jekyll's markdown_ext defaults, Hugo's .mdown") {
  using Extensions = std::vector<std::string>;
  CHECK(SiteRoot("_config.yml", "title: x\n").site().scan_rules().markdown_extensions ==
        Extensions{".md", ".markdown", ".mkdown", ".mkdn", ".mkd"});
  CHECK(SiteRoot("hugo.toml", "baseURL = \"https://h.example.org/\"\n").site().scan_rules().markdown_extensions ==
        Extensions{".md", ".markdown", ".mdown"});
  CHECK(SiteRoot("config.toml", "base_url = \"https://z.example.org\"\n").site().scan_rules().markdown_extensions ==
        Extensions{".md", ".markdown"});
}

TEST_CASE("Hugo links bare addresses unless markup.goldmark.extensions.linkify is false; Zola and Jekyll do not") {
  CHECK(SiteRoot("hugo.toml", "baseURL = \"https://h.example.org/\"\n").site().link_extensions().bare_urls);
  const SiteRoot off("hugo.toml",
                     "baseURL = \"https://h.example.org/\"\n[markup.goldmark.extensions]\nlinkify = false\n");
  CHECK_FALSE(off.site().link_extensions().bare_urls);
  CHECK_FALSE(SiteRoot("_config.yml", "title: x\n").site().link_extensions().bare_urls);
  CHECK_FALSE(SiteRoot("config.toml", "base_url = \"https://z.example.org\"\n").site().link_extensions().bare_urls);
}

TEST_CASE("Jekyll's Liquid and Zola's @/ links in a post's Markdown become the addresses the site makes of them") {
  const SiteRoot jekyll("_config.yml", "url: https://j.example.org\nbaseurl: /blog\n");
  const Site& site = jekyll.site();
  CHECK(site.with_site_links("[a]({{ site.baseurl }}/notes/a/) [b]({{site.url}}{{site.baseurl}}/b/)") ==
        "[a](/blog/notes/a/) [b](https://j.example.org/blog/b/)");
  CHECK(site.with_site_links("[c]({{ '/c/' | relative_url }}) [d]({{ \"d.pdf\" | absolute_url }})") ==
        "[c](/blog/c/) [d](https://j.example.org/blog/d.pdf)");
  // Jekyll 4's tags give the base path too.
  CHECK(site.with_site_links("[e]({% post_url 2024-03-02-earlier-notes %}#part)") ==
        "[e](/blog/2024/03/02/earlier-notes.html#part)");
  CHECK(site.with_site_links("[f]({% link about.md %})") == "[f](/blog/about.html)");
  // Other tags, other variables, a tag over two lines, a lone brace: as written.
  for (const std::string kept : {"{{ site.imgpath }}/x.png", "{% for p in site.posts %}", "{{ site.baseurl\n}}",
                                 "a { b } {", "{% post_url %}"}) {
    CAPTURE(kept);
    CHECK(site.with_site_links(kept) == kept);
  }

  const SiteRoot zola("config.toml", "base_url = \"https://z.example.org\"\n");
  CHECK(zola.site().with_site_links("[g](@/blog/first.md#toy) and [h](@/blog/_index.md)\n\n[r]: @/blog/first.md\n") ==
        "[g](https://z.example.org/blog/first/#toy) and [h](https://z.example.org/blog/)\n\n"
        "[r]: https://z.example.org/blog/first/\n");
  for (const std::string kept : {"write to me@/home, or `@/x.md`", "[a](https://e.org) then: @/blog/first.md",
                                 "[a] [b]: @/blog/first.md"}) {
    CAPTURE(kept);
    CHECK(zola.site().with_site_links(kept) == kept);
  }
  CHECK(zola.site().with_site_links("text\n  [r]: @/blog/first.md") == "text\n  [r]: https://z.example.org/blog/first/");
  // Hugo's own are left to it (ref and relref find a page by name, which a path cannot tell).
  const std::string hugo_text = "[i]({{< ref \"post.md\" >}}) {{ site.baseurl }}";
  CHECK(SiteRoot("hugo.toml", "baseURL = \"https://h.example.org/\"\n").site().with_site_links(hugo_text) == hugo_text);
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

// ---- Hugo's configuration folder ------------------------------------------------------------

TEST_CASE("Hugo's config/_default/ is read, a file per root key, and config/production/ wins") {
  const TempDir dir;
  dir.write("config/_default/hugo.toml",
            "baseURL = \"https://staging.example.org/\"\ncontentDir = \"posts-src\"\n");
  dir.write("config/_default/permalinks.toml", "[page]\nposts = \"/:year/:slug/\"\n");
  dir.write("config/_default/menus.en.toml", "[[main]]\nname = \"Home\"\n");  // a language's: no key of ours
  dir.write("config/production/hugo.yaml", "baseURL: https://www.example.org/\n");
  dir.write("config/development/hugo.toml",
            "baseURL = \"http://localhost:1313/\"\n");  // not what `hugo` builds
  const Site site = Site::discover(dir.path());
  CHECK(site.generator() == SiteGenerator::hugo);
  CHECK(site.base_url() == "https://www.example.org");
  CHECK(site.content_dir() == dir.path() / "posts-src");
  CHECK(site.permalink("posts/first.md", {}, kDate, "First Post") ==
        "https://www.example.org/2024/first-post/");
  CHECK(site.choice().decided_by ==
        "config/_default/hugo.toml, config/_default/permalinks.toml, config/production/hugo.yaml");
  CHECK_FALSE(site.choice().guessed);
}

TEST_CASE("a root hugo.yaml and config/_default/ are merged, the folder's values winning") {
  const TempDir dir;
  dir.write("hugo.yaml", "baseURL: https://root.example.org/\ndisablePathToLower: true\n");
  dir.write("config/_default/params.toml", "subtitle = \"x\"\n");
  dir.write("config/_default/config.toml", "baseURL = \"https://folder.example.org/\"\n");
  const Site site = Site::discover(dir.path());
  CHECK(site.generator() == SiteGenerator::hugo);
  CHECK(site.base_url() == "https://folder.example.org");
  CHECK(site.permalink("posts/MyPost.md", {}, kDate, "T") == "https://folder.example.org/posts/MyPost/");
}

TEST_CASE("a config.toml is Hugo's when it has Hugo's keys and no base_url") {
  CHECK(SiteRoot("config.toml", "languageCode = \"en\"\n[params]\nx = 1\n").site().generator() ==
        SiteGenerator::hugo);
  CHECK(SiteRoot("config.toml", "baseURL = \"https://h.example.org\"\n").site().generator() ==
        SiteGenerator::hugo);
  CHECK(
      SiteRoot("config.toml", "base_url = \"https://z.example.org\"\n[params]\nx = 1\n").site().generator() ==
      SiteGenerator::zola);
  CHECK(SiteRoot("config.toml", "title = \"Neither\"\n").site().generator() == SiteGenerator::zola);
}

// ---- Zola's [slugify] -----------------------------------------------------------------------

TEST_CASE("Zola's [slugify] paths = \"safe\" keeps a Chinese file name in the URL") {
  const SiteRoot root(
      "config.toml",
      "base_url = \"https://zh.example.org\"\n[slugify]\npaths = \"safe\"\nanchors = \"safe\"\n");
  const Site site = root.site();
  CHECK(site.permalink("blog/2024-03-01_论文笔记.md", {}, kDate, "T") ==
        "https://zh.example.org/blog/论文笔记/");
  CHECK(site.permalink("blog/读书会/index.md", {}, kDate, "T") == "https://zh.example.org/blog/读书会/");
  CHECK(site.permalink("blog/a.md", with_slug("自定义 slug?"), kDate, "T") ==
        "https://zh.example.org/blog/自定义 slug/");
  CHECK(site.anchor_style() == AnchorStyle::zola_safe);
  // By default, the same names are transliterated.
  const SiteRoot on("config.toml", "base_url = \"https://zh.example.org\"\n");
  CHECK(on.site().permalink("blog/2024-03-01_论文笔记.md", {}, kDate, "T") ==
        "https://zh.example.org/blog/lun-wen-bi-ji/");
  CHECK(on.site().anchor_style() == AnchorStyle::zola_on);
}

TEST_CASE("Zola's paths = \"off\" and paths_keep_dates") {
  const SiteRoot off("config.toml", "base_url = \"https://z.example.org\"\n[slugify]\npaths = \"off\"\n");
  CHECK(off.site().permalink("blog/My Post?.md", {}, kDate, "T") == "https://z.example.org/blog/My Post?/");
  const SiteRoot dates("config.toml",
                       "base_url = \"https://z.example.org\"\n[slugify]\npaths_keep_dates = true\n");
  CHECK(dates.site().permalink("blog/2024-07-10_my_post.md", {}, kDate, "T") ==
        "https://z.example.org/blog/2024-07-10-my-post/");
}

TEST_CASE("a [slugify] strategy Zola does not know is a SiteConfigError") {
  const SiteRoot root("config.toml", "base_url = \"https://z.example.org\"\n[slugify]\npaths = \"yes\"\n");
  CHECK_THROWS_WITH_AS(root.site(),
                       doctest::Contains("[slugify] paths = \"yes\": Zola takes \"on\", \"safe\" or \"off\""),
                       SiteConfigError);
}

// ---- Jekyll ---------------------------------------------------------------------------------

TEST_CASE("a Jekyll site: _config.yml at its root, which is its content folder") {
  const TempDir dir;
  dir.write("_config.yml", "url: https://j.example.org\nbaseurl: club\n");
  std::filesystem::create_directories(dir.path() / "_posts");
  const Site site = Site::discover(dir.path());
  CHECK(site.generator() == SiteGenerator::jekyll);
  CHECK(site.base_url() == "https://j.example.org/club");
  CHECK(site.content_dir() == dir.path());
  CHECK(site.choice().decided_by == "_config.yml");
  CHECK(site.scan_rules().jekyll);
  CHECK(site.scan_rules().skip_themes);
  CHECK_FALSE(site.scan_rules().jekyll_posts_folder);
  CHECK(site.permalink("_posts/2024-07-10-hello.md", {}, kDate, "Hello") ==
        "https://j.example.org/club/2024/07/10/hello.html");
}

TEST_CASE("an empty _config.yml is a Jekyll site with every default") {
  const TempDir dir;
  dir.write("_config.yml", "");
  const Site site = Site::discover(dir.path());
  CHECK(site.generator() == SiteGenerator::jekyll);
  CHECK(site.base_url().empty());
}

// ---- Inferred and chosen generators ---------------------------------------------------------

TEST_CASE("a folder without a site config: its layout, then its posts' front matter, tell the generator") {
  {
    const TempDir dir;
    dir.write("_posts/2024-01-01-a.md", "---\ntitle: a\n---\n");
    const Site site = Site::discover(dir.path());
    CHECK(site.generator() == SiteGenerator::jekyll);
    CHECK(site.choice().guessed);
    CHECK(site.choice().decided_by == "inferred: the site has a _posts/ folder");
    CHECK(site.content_dir() == dir.path());
  }
  {
    const TempDir dir;
    dir.write("content/posts/a.md", "+++\ntitle = \"a\"\n+++\n");
    std::filesystem::create_directories(dir.path() / "archetypes");
    const Site site = Site::discover(dir.path());
    CHECK(site.generator() == SiteGenerator::hugo);
    CHECK(site.content_dir() == dir.path() / "content");  // never /content/… URLs
    CHECK(site.permalink("posts/a.md", {}, kDate, "a") == "/posts/a/");
  }
  {
    const TempDir dir;
    dir.write("content/blog/a.md", "+++\ntitle = \"a\"\n+++\n");
    std::filesystem::create_directories(dir.path() / "templates");
    CHECK(Site::discover(dir.path()).generator() == SiteGenerator::zola);
  }
  {
    const TempDir dir;  // posts alone: the front matter tells
    dir.write("a.md", "---\nlayout: post\ntitle: a\n---\n");
    dir.write("b.md", "---\npermalink: /b/\n---\n");
    dir.write("c.md", "---\ntitle: c\ndraft: true\n---\n");
    const Site site = Site::discover(dir.path());
    CHECK(site.generator() == SiteGenerator::jekyll);
    CHECK(site.choice().decided_by ==
          "inferred: 2 of the 3 posts read have YAML front matter with layout: or permalink:");
    CHECK(site.scan_rules().jekyll_posts_folder);  // no _posts/: the folder holds the posts
  }
  {
    const TempDir dir;
    dir.write("a.md", "+++\ntitle = \"a\"\n[extra]\nlisted = true\n+++\n");
    dir.write("b.md", "+++\ntitle = \"b\"\nupdated = 2024-01-01\n+++\n");
    CHECK(Site::discover(dir.path()).generator() == SiteGenerator::zola);
  }
  {
    const TempDir dir;
    dir.write("a.md", "---\ntitle: a\nlastmod: 2024-01-01\n---\n");
    dir.write("b.md", "{\"title\": \"b\"}\n");
    CHECK(Site::discover(dir.path()).generator() == SiteGenerator::hugo);
  }
}

TEST_CASE("nothing that tells: Zola's rules, by default, and said so") {
  const TempDir dir;
  dir.write("a.md", "---\ndate: 2023/03/13\n---\n");
  dir.write("b.md", "No front matter.\n");
  const Site site = Site::discover(dir.path());
  CHECK(site.generator() == SiteGenerator::zola);
  CHECK(site.choice().guessed);
  CHECK(site.choice().decided_by.rfind("by default: ", 0) == 0);
}

TEST_CASE("a chosen generator wins over the inferred one and reads its own config") {
  const TempDir dir;
  dir.write("_posts/2024-01-01-a.md", "---\nlayout: post\n---\n");
  const Site zola = Site::discover(dir.path(), SiteGenerator::zola, "chosen with --generator");
  CHECK(zola.generator() == SiteGenerator::zola);
  CHECK(zola.choice().decided_by == "chosen with --generator");
  CHECK_FALSE(zola.choice().guessed);
  dir.write("config.toml", "base_url = \"https://z.example.org\"\n");
  const Site hugo = Site::discover(dir.path(), SiteGenerator::hugo, "chosen");
  CHECK(hugo.generator() == SiteGenerator::hugo);  // config.toml read as Hugo's
  CHECK(hugo.content_dir() == dir.path() / "content");
  const Site jekyll = Site::discover(dir.path(), SiteGenerator::jekyll, "chosen");
  CHECK(jekyll.generator() == SiteGenerator::jekyll);  // no _config.yml: Jekyll's defaults
  CHECK(jekyll.content_dir() == dir.path());
  CHECK_FALSE(jekyll.scan_rules().jekyll_posts_folder);
}

TEST_CASE("the URL settings change with anything that changes a URL") {
  const SiteRoot a("config.toml", "base_url = \"https://z.example.org\"\n");
  const SiteRoot b("config.toml", "base_url = \"https://z.example.org\"\n[slugify]\npaths = \"safe\"\n");
  const SiteRoot c("hugo.toml", "baseURL = \"https://z.example.org\"\n");
  const SiteRoot d("hugo.toml", "baseURL = \"https://z.example.org\"\n[permalinks]\nposts = \"/:slug/\"\n");
  CHECK(a.site().url_settings() != b.site().url_settings());
  CHECK(a.site().url_settings() != c.site().url_settings());
  CHECK(c.site().url_settings() != d.site().url_settings());
  CHECK(a.site().url_settings() ==
        SiteRoot("config.toml", "base_url = \"https://z.example.org\"\n").site().url_settings());
}

TEST_CASE("a YAML config whose aliases stand for a billion values is a SiteConfigError, not a hang") {
  // Each alias stands for ten copies of the one before (found by the site_config fuzz target).
  std::string text = "baseURL: https://y.example.org/\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int level = 1; level <= 9; ++level) {
    const std::string alias = "*a" + std::to_string(level - 1);
    text += "a" + std::to_string(level) + ": &a" + std::to_string(level) + " [" + alias;
    for (int copy = 1; copy < 10; ++copy) text += ", " + alias;
    text += "]\n";
  }
  const SiteRoot root("_config.yml", text);
  const std::string file = (root.dir.path() / "_config.yml").string();
  CHECK_THROWS_WITH_AS(
      root.site(),
      (file + ": the site configuration holds more than 100000 values (counting what each alias stands for)")
          .c_str(),
      SiteConfigError);
}

TEST_CASE("a JSON config nested deeper than 64 levels is a SiteConfigError, not a crash") {
  const std::size_t depth = 100'000;
  const SiteRoot root("config.json", "{\"baseURL\": \"https://j.example.org/\", \"deep\": " +
                                         std::string(depth, '[') + std::string(depth, ']') + "}\n");
  const std::string file = (root.dir.path() / "config.json").string();
  CHECK_THROWS_WITH_AS(root.site(),
                       (file + ": the site configuration is nested deeper than 64 levels").c_str(),
                       SiteConfigError);
}

// ---- Hugo's heading ids before and after 0.144 ------------------------------------------

TEST_CASE("the Hugo release a site's build files name decides how its headings get ids") {
  const auto style_with = [](const std::string& file, const std::string& text) {
    const SiteRoot root("hugo.toml", "baseURL = \"https://hugo.example.org/\"\n");
    root.dir.write(file, text);
    return root.site().anchor_style();
  };
  CHECK(SiteRoot("hugo.toml", "title = \"x\"\n").site().anchor_style() == AnchorStyle::goldmark);
  CHECK(style_with("netlify.toml", "[build]\ncommand = \"hugo\"\n[build.environment]\nHUGO_VERSION = \"0.111.3\"\n") ==
        AnchorStyle::goldmark_source);
  CHECK(style_with("netlify.toml", "[build.environment]\n  HUGO_VERSION = \"0.144.0\"\n") == AnchorStyle::goldmark);
  CHECK(style_with(".github/workflows/pages.yml",
                   "jobs:\n  build:\n    env:\n      HUGO_VERSION: 0.128.0\n") == AnchorStyle::goldmark_source);
  CHECK(style_with(".github/workflows/gh-pages.yaml",
                   "      - uses: peaceiris/actions-hugo@v3\n        with:\n          hugo-version: '0.147.2'\n") ==
        AnchorStyle::goldmark);
  CHECK(style_with(".github/workflows/gh-pages.yml", "          hugo-version: 'latest'\n") == AnchorStyle::goldmark);
  CHECK(style_with("vercel.json", "{\"build\": {\"env\": {\"HUGO_VERSION\": \"0.58.2\"}}}") ==
        AnchorStyle::goldmark_source);
  // The file that said so is named with the config in the report.
  const SiteRoot named("hugo.toml", "title = \"x\"\n");
  named.dir.write("netlify.toml", "HUGO_VERSION = \"0.120.4\"\n");
  CHECK(named.site().choice().decided_by == "hugo.toml, netlify.toml");
  const auto version = hugo_version_of(named.dir.path());
  REQUIRE(version);
  CHECK(version->text == "0.120.4");
  CHECK(std::pair{version->major, version->minor} == std::pair{0, 120});
  // A number no release has is no release.
  CHECK(style_with("netlify.toml", "HUGO_VERSION = \"99999999999999999999.1\"\n") == AnchorStyle::goldmark);
  // A Zola site's build files say nothing of its headings.
  const SiteRoot zola("config.toml", "base_url = \"https://zola.example.org\"\n");
  zola.dir.write("netlify.toml", "HUGO_VERSION = \"0.111.3\"\n");
  CHECK(zola.site().anchor_style() == AnchorStyle::zola_on);
}
