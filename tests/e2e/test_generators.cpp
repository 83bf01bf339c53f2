// End to end, one fixture site per generator (tests/fixtures/sites/): the real
// clubsearch-index reads each site's own configuration, publishes what the generator
// publishes, and gives posts and entries the URLs the generator gives them, as
// `clubsearch --json` shows them. A folder without a site config is inferred, and says so.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "tests/e2e/process.h"

using clubsearch::test::command;
using clubsearch::test::ProcessResult;
using clubsearch::test::run_process;
using clubsearch::test::TempDir;
using clubsearch::test::write_file;
using nlohmann::json;

namespace {

const std::filesystem::path kSites = std::filesystem::path(CLUBSEARCH_FIXTURES_DIR) / "sites";
// Every fixture post is dated before this day.
const char* kAsOf = "2026-01-01";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::size_t lines_with(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

// An index of one site, and searches of it.
struct IndexedSite {
  TempDir dir;
  ProcessResult run;
  json report;

  explicit IndexedSite(const std::filesystem::path& site, std::vector<std::string> extra = {}) {
    std::vector<std::string> arguments{
        "--db", (dir / "db").string(), "index", site.string(), "--as-of", kAsOf, "--json"};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    run = run_process(command(arguments));
    REQUIRE_MESSAGE(run.signal == 0, run.err);
    report = json::parse(run.out);
  }

  // `clubsearch --json WORDS`: its results for these very words (none when it searched a
  // spelling suggestion or relaxed the query instead).
  json search(const std::string& words) const {
    const ProcessResult result =
        run_process(command({"--db", (dir / "db").string(), "--json", "--limit", "100", words}));
    REQUIRE_MESSAGE(result.exit_code <= 1, result.err);  // 1: no results
    const json answer = json::parse(result.out);
    if (answer["searched_suggestion"] == true || answer["relaxed"] == true) return json::array();
    return answer["results"];
  }

  // The URLs of the post at `path` found by WORDS: the post's, and its entries' (sorted).
  std::pair<std::string, std::vector<std::string>> urls(const std::string& words,
                                                        const std::string& path) const {
    std::string post_url;
    std::vector<std::string> entries;
    for (const json& hit : search(words)) {
      if (hit["post"]["path"] != path) continue;
      post_url = hit["post"]["url"];
      if (hit["type"] == "entry") entries.push_back(hit["entry_url"]);
    }
    std::sort(entries.begin(), entries.end());
    return {post_url, entries};
  }

  std::set<std::string> paths_found(const std::string& words) const {
    std::set<std::string> paths;
    for (const json& hit : search(words)) paths.insert(hit["post"]["path"].get<std::string>());
    return paths;
  }
};

}  // namespace

TEST_SUITE("generators") {
  TEST_CASE("Zola: [slugify] paths and anchors = \"safe\" keep the Chinese post's characters in its URLs") {
    const IndexedSite site(kSites / "zola");
    CHECK(site.run.exit_code == 0);
    CHECK(site.report["generator"]["name"] == "zola");
    CHECK(site.report["generator"]["decided_by"] == "config.toml");
    CHECK(site.report["generator"]["guessed"] == false);
    CHECK_FALSE(contains(site.run.err, "note:"));  // the site's config decided: nothing to say
    CHECK(site.report["indexed"] == 2);
    CHECK(site.report["drafts"] == 1);    // draft = true
    CHECK(site.report["unlisted"] == 2);  // [extra] unlisted = true, render = false
    CHECK(site.report["empty"] == 1);     // Untitled.md
    CHECK(site.report["section_pages"] == 2);

    // The date prefix is dropped, the rest kept as written; headings keep their words.
    const auto [post, entries] = site.urls("注意力 OR 特征 OR Attention", "blog/2024-03-01_论文笔记.md");
    CHECK(post == "https://zola.example.org/blog/论文笔记/");
    CHECK(entries ==
          std::vector<std::string>{"https://zola.example.org/blog/论文笔记/#Attention_Is_All_You_Need",
                                   "https://zola.example.org/blog/论文笔记/#稀疏自编码器"});  // sorted
    const auto [bundle, probes] = site.urls("probes", "blog/journal-club/index.md");
    CHECK(bundle == "https://zola.example.org/blog/journal-club/");
    CHECK(probes ==
          std::vector<std::string>{"https://zola.example.org/blog/journal-club/#Linear_probes_in_practice",
                                   "https://zola.example.org/blog/journal-club/"
                                   "#Probing_Classifiers:_Promises,_Shortcomings,_and_Advances"});
    for (const char* hidden : {"quokka", "wombats", "platypuses"}) CHECK(site.search(hidden).empty());
  }

  TEST_CASE("Hugo: config/_default/ and config/production/ are merged, the theme's example posts left out") {
    const IndexedSite site(kSites / "hugo");
    CHECK(site.run.exit_code == 0);
    CHECK(site.report["generator"]["name"] == "hugo");
    CHECK(contains(site.report["generator"]["decided_by"], "config/_default/hugo.toml"));
    CHECK(contains(site.report["generator"]["decided_by"], "config/production/hugo.toml"));
    CHECK(site.report["indexed"] == 2);
    CHECK(site.report["drafts"] == 1);
    CHECK(site.report["unlisted"] == 3);  // headless, build.list = never, _build.render = false
    CHECK(site.report["section_pages"] == 1);

    // permalinks.toml's pattern, production's base URL, Hugo's heading ids; never /content/.
    const auto [post, entries] = site.urls("tokens OR power", "posts/first-reading-list.md");
    CHECK(post == "https://hugo.example.org/2024/05/reading-list-one/");
    CHECK(entries ==
          std::vector<std::string>{
              "https://hugo.example.org/2024/05/reading-list-one/#chinchilla-training-compute-optimal-llms",
              "https://hugo.example.org/2024/05/reading-list-one/#scaling-laws-for-neural-language-models"});
    const auto [note, note_entries] = site.urls("computation", "notes/Reading_Notes.md");
    CHECK(note == "https://hugo.example.org/notes/reading_notes/");
    CHECK(note_entries ==
          std::vector<std::string>{"https://hugo.example.org/notes/reading_notes/#the-bitter-lesson"});
    for (const char* hidden : {"narwhal", "manatee", "axolotls", "capybaras", "pangolins"})
      CHECK_MESSAGE(site.search(hidden).empty(), std::string(hidden));
  }

  TEST_CASE(
      "Jekyll: _config.yml's url, baseurl and permalink; _posts/ dates, slugs, categories; kramdown ids") {
    const IndexedSite site(kSites / "jekyll");
    CHECK(site.run.exit_code == 0);  // the broken front matter is a warning, not a failure
    CHECK(site.report["generator"]["name"] == "jekyll");
    CHECK(site.report["generator"]["decided_by"] == "_config.yml");
    CHECK(site.report["indexed"] == 6);    // 5 posts and about.md
    CHECK(site.report["drafts"] == 1);     // _drafts/
    CHECK(site.report["unlisted"] == 1);   // published: false
    CHECK(site.report["not_posts"] == 1);  // _posts/README.md
    CHECK(site.report["problems"].empty());
    REQUIRE(site.report["warnings"].size() == 1);
    const json& warning = site.report["warnings"][0];
    CHECK(contains(warning["path"], "_posts/2024-09-09-broken-front-matter.md"));
    CHECK(warning["line"] == 3);
    CHECK(contains(warning["reason"], "invalid YAML front matter"));
    CHECK(contains(site.run.err, "2024-09-09-broken-front-matter.md:3: warning: invalid YAML front matter"));

    const std::string base = "https://jekyll.example.org/club";
    // /:categories/:year/:i_month/:title:output_ext; kramdown drops the dash "--" makes
    // and numbers the second "attention-is-all-you-need".
    const auto [first, first_entries] =
        site.urls("transformer OR kramdown OR proceedings", "_posts/2024-05-06-first-paper-notes.md");
    CHECK(first == base + "/papers/2024/5/first-paper-notes.html");
    CHECK(first_entries == std::vector<std::string>{first + "#attention-is-all-you-need",
                                                    first + "#attention-is-all-you-need-1",
                                                    first + "#scaling-laws--revisited"});
    // Nested in _posts/: no category; no title: the file name's, as Jekyll titles it.
    const auto [nested, nested_entries] = site.urls("layer", "_posts/2024/2024-06-10-nested-post.md");
    CHECK(nested == base + "/2024/6/nested-post.html");
    CHECK(nested_entries == std::vector<std::string>{nested + "#linear-probes"});
    const json nested_hits = site.search("layer");
    REQUIRE_FALSE(nested_hits.empty());
    CHECK(nested_hits[0]["post"]["title"] == "Nested Post");
    // research/_posts/: the folder is a category, then the front matter's category.
    const auto [probing, probing_entries] =
        site.urls("probes", "research/_posts/2024-07-01-probing-study.md");
    CHECK(probing == base + "/research/interpretability/2024/7/probing-study.html");
    CHECK(probing_entries ==
          std::vector<std::string>{probing + "#probing-classifiers-promises-shortcomings-and-advances"});
    // The front matter's permalink, with its placeholders, and its slug.
    const auto [custom, custom_entries] = site.urls("computation", "_posts/2024-08-02-custom-link.md");
    CHECK(custom == base + "/notes/2024/my-custom-slug/");
    CHECK(custom_entries == std::vector<std::string>{custom + "#the-bitter-lesson"});
    // YAML that does not parse: the body is indexed under the file name's title and date.
    const auto [broken, broken_entries] = site.urls("lemur", "_posts/2024-09-09-broken-front-matter.md");
    CHECK(broken == base + "/2024/9/broken-front-matter.html");
    CHECK(broken_entries == std::vector<std::string>{broken + "#chinchilla"});
    CHECK(site.search("lemur")[0]["post"]["title"] == "Broken Front Matter");
    CHECK(site.search("lemur")[0]["post"]["date"] == "2024-09-09");
    // A page ends as the permalink template does (:output_ext).
    CHECK(site.urls("dugongs", "about.md").first == base + "/about.html");
    // Not published, not posts, not content.
    for (const char* hidden : {"kinkajous", "quolls", "numbats", "okapi", "tapir"})
      CHECK_MESSAGE(site.search(hidden).empty(), std::string(hidden));
  }

  TEST_CASE("Jekyll --drafts indexes _drafts/, and nothing else it left out") {
    const IndexedSite site(kSites / "jekyll", {"--drafts"});
    CHECK(site.report["indexed"] == 7);
    CHECK(site.report["drafts"] == 0);
    CHECK(site.report["unlisted"] == 1);  // published: false is not a draft
    CHECK(site.urls("numbats", "_drafts/half-written-thoughts.md").first ==
          "https://jekyll.example.org/club/half-written-thoughts.html");
    CHECK(site.search("kinkajous").empty());
  }

  TEST_CASE("the broken front matter is warned about once: the next run finds the file unchanged") {
    TempDir copy;
    clubsearch::test::copy_tree(kSites / "jekyll", copy / "site");
    const std::string db = (copy / "db").string();
    const auto first =
        run_process(command({"--db", db, "index", (copy / "site").string(), "--as-of", kAsOf}));
    CHECK(first.exit_code == 0);
    CHECK(lines_with(first.err, ": warning: ") == 1);
    CHECK(contains(first.out, "1 file indexed with a warning"));
    const auto again =
        run_process(command({"--db", db, "index", (copy / "site").string(), "--as-of", kAsOf}));
    CHECK(again.exit_code == 0);
    CHECK(lines_with(again.err, ": warning: ") == 0);
    // Edited, and still broken: warned about again.
    write_file(copy / "site/_posts/2024-09-09-broken-front-matter.md",
               "---\ntitle: \"still \"broken\"\"\n---\n\nA new body about gibbons.\n");
    const auto edited =
        run_process(command({"--db", db, "index", (copy / "site").string(), "--as-of", kAsOf}));
    CHECK(edited.exit_code == 0);
    CHECK(lines_with(edited.err, ": warning: ") == 1);
    CHECK(contains(edited.err, "2024-09-09-broken-front-matter.md:2: warning: "));
    // --strict refuses a run with a warning.
    const auto strict = run_process(command({"--db", (copy / "strict").string(), "index",
                                             (copy / "site").string(), "--as-of", kAsOf, "--strict"}));
    CHECK(strict.exit_code == 3);
    CHECK(contains(strict.out, "nothing was committed"));
  }

  TEST_CASE("a folder without a site config: the rules are inferred and said once; --generator chooses") {
    // A copy of the Jekyll site's _posts/ alone: YAML front matter with layout:, no config.
    TempDir copy;
    clubsearch::test::copy_tree(kSites / "jekyll" / "_posts", copy / "posts");
    const IndexedSite inferred(copy / "posts");
    CHECK(inferred.report["generator"]["name"] == "jekyll");
    CHECK(inferred.report["generator"]["guessed"] == true);
    CHECK(contains(inferred.report["generator"]["decided_by"], "inferred: "));
    CHECK(lines_with(inferred.run.err, "clubsearch: note: ") == 1);
    CHECK(contains(inferred.run.err, "following Jekyll rules (inferred: "));
    CHECK(contains(inferred.run.err, "--generator"));
    // The folder holds the posts: their dates and slugs come from their names.
    CHECK(inferred.report["indexed"] == 4);
    CHECK(inferred.report["not_posts"] == 1);  // README.md
    CHECK(inferred.urls("proceedings", "2024-05-06-first-paper-notes.md").first ==
          "/papers/2024/05/06/first-paper-notes.html");  // Jekyll's default style: date

    // Chosen: Zola's rules for the same folder, said in the report and not as a note.
    const IndexedSite chosen(copy / "posts", {"--generator", "zola"});
    CHECK(chosen.report["generator"]["name"] == "zola");
    CHECK(chosen.report["generator"]["decided_by"] == "chosen with --generator");
    CHECK_FALSE(contains(chosen.run.err, "note:"));
    CHECK(chosen.urls("proceedings", "2024-05-06-first-paper-notes.md").first == "/first-paper-notes/");

    // Or by clubsearch.toml.
    write_file(copy / "clubsearch.toml", "generator = \"hugo\"\n");
    const auto configured =
        run_process(command({"--config", (copy / "clubsearch.toml").string(), "--db", (copy / "db").string(),
                             "index", (copy / "posts").string(), "--json"}));
    REQUIRE(configured.exit_code == 0);
    CHECK(json::parse(configured.out)["generator"]["name"] == "hugo");
    CHECK(contains(json::parse(configured.out)["generator"]["decided_by"], "clubsearch.toml"));
    write_file(copy / "clubsearch.toml", "generator = \"eleventy\"\n");
    const auto refused = run_process(
        command({"--config", (copy / "clubsearch.toml").string(), "index", (copy / "posts").string()}));
    CHECK(refused.exit_code == 3);
    CHECK(contains(refused.err,
                   "clubsearch.toml:1: 'generator' is 'eleventy'; it must be zola, hugo or jekyll"));
  }

  TEST_CASE("a site root without a config: themes/ and exampleSite/ are never the blog's posts") {
    TempDir dir;
    write_file(dir / "blog/posts/mine.md",
               "---\ntitle: Mine\ndraft: false\n---\n\nAbout [gerbils](https://example.org/gerbil).\n");
    write_file(dir / "blog/themes/ananke/exampleSite/content/post/demo.md",
               "---\ntitle: Demo\ndraft: false\n---\n\nAbout [hamsters](https://example.org/hamster).\n");
    write_file(dir / "blog/themes/ananke/content/readme.md", "---\ntitle: Theme\n---\n\nAbout ferrets.\n");
    write_file(dir / "blog/docs/exampleSite/post.md", "---\ntitle: Example\n---\n\nAbout chinchillas.\n");
    const IndexedSite site(dir / "blog");
    CHECK(site.report["generator"]["name"] == "hugo");  // draft: in YAML
    CHECK(site.report["indexed"] == 1);
    CHECK(site.paths_found("gerbils") == std::set<std::string>{"posts/mine.md"});
    for (const char* theirs : {"hamsters", "ferrets", "chinchillas"})
      CHECK_MESSAGE(site.search(theirs).empty(), std::string(theirs));
  }
}
