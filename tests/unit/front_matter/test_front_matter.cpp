// split_front_matter finds TOML, YAML and JSON front matter, reads its fields and reports bad blocks by line.
#include <doctest/doctest.h>

#include <string>

#include "indexer/front_matter.h"
#include "indexer/post_error.h"

using namespace clubsearch::indexer;
using namespace clubsearch::index;

namespace {

Date ymd(int year, int month, int day) { return Date{year, month, day}; }

// The line a PostError names, or 0 when nothing is thrown.
unsigned error_line(const std::string& text) {
  try {
    split_front_matter(text);
  } catch (const PostError& error) {
    return error.line();
  }
  return 0;
}

using Strings = std::vector<std::string>;

}  // namespace

// ---- Locating the block ---------------------------------------------------------------

TEST_CASE("TOML front matter between +++ lines is read and the body follows the closing line") {
  const SplitPost post =
      split_front_matter("+++\ntitle = \"Reading notes\"\ndate = 2024-07-10\n+++\n\nFirst paragraph.\n");
  CHECK(post.front_matter.format == FrontMatterFormat::toml);
  CHECK(post.front_matter.title == "Reading notes");
  CHECK(post.front_matter.date == ymd(2024, 7, 10));
  CHECK(post.body == "\nFirst paragraph.\n");
  CHECK(post.body_first_line == 5);
}

TEST_CASE("YAML front matter between --- lines is read and the body follows the closing line") {
  const SplitPost post =
      split_front_matter("---\ntitle: Notes on probes\ndate: 2023-01-02\n---\n# Heading\n");
  CHECK(post.front_matter.format == FrontMatterFormat::yaml);
  CHECK(post.front_matter.title == "Notes on probes");
  CHECK(post.front_matter.date == ymd(2023, 1, 2));
  CHECK(post.body == "# Heading\n");
  CHECK(post.body_first_line == 5);
}

TEST_CASE("JSON front matter is one object and the body starts on the line after its closing brace") {
  const SplitPost post = split_front_matter(
      "{\n  \"title\": \"A {braced} title\",\n  \"tags\": [\"json\", \"hugo\"],\n  \"date\": "
      "\"2022-05-06\"\n}\n"
      "Body with a } brace.\n");
  CHECK(post.front_matter.format == FrontMatterFormat::json);
  CHECK(post.front_matter.title == "A {braced} title");
  CHECK(post.front_matter.tags == Strings{"json", "hugo"});
  CHECK(post.front_matter.date == ymd(2022, 5, 6));
  CHECK(post.body == "Body with a } brace.\n");
  CHECK(post.body_first_line == 6);
}

TEST_CASE("JSON front matter may close on its opening line, and text after the brace starts the body") {
  SUBCASE("one-line object") {
    const SplitPost post = split_front_matter("{\"title\": \"Short\"}\nBody.\n");
    CHECK(post.front_matter.title == "Short");
    CHECK(post.body == "Body.\n");
    CHECK(post.body_first_line == 2);
  }
  SUBCASE("text after the brace") {
    const SplitPost post = split_front_matter("{\n\"title\": \"x\"\n}# Heading\nMore.\n");
    CHECK(post.body == "# Heading\nMore.\n");
    CHECK(post.body_first_line == 3);
  }
  SUBCASE("nothing after the object") {
    const SplitPost post = split_front_matter("{\"draft\": true}");
    CHECK(post.front_matter.draft);
    CHECK(post.body.empty());
  }
}

TEST_CASE("a UTF-8 byte order mark before the front matter is ignored") {
  const SplitPost post = split_front_matter("\xEF\xBB\xBF+++\ntitle = \"With BOM\"\n+++\nBody\n");
  CHECK(post.front_matter.format == FrontMatterFormat::toml);
  CHECK(post.front_matter.title == "With BOM");
  CHECK(post.body == "Body\n");
}

TEST_CASE("CRLF and lone CR line endings become LF and still count as one line each") {
  SUBCASE("CRLF") {
    const SplitPost post = split_front_matter("---\r\ntitle: Windows\r\n---\r\nLine one\r\nLine two\r\n");
    CHECK(post.front_matter.title == "Windows");
    CHECK(post.body == "Line one\nLine two\n");
    CHECK(post.body_first_line == 4);
  }
  SUBCASE("lone CR") {
    const SplitPost post = split_front_matter("+++\rtitle = \"Old Mac\"\r+++\rBody\r");
    CHECK(post.front_matter.title == "Old Mac");
    CHECK(post.body == "Body\n");
    CHECK(post.body_first_line == 4);
  }
  SUBCASE("error lines count CRLF lines") {
    CHECK(error_line("---\r\ntitle: ok\r\ndate: someday\r\n---\r\n") == 3);
  }
}

TEST_CASE("blank lines before the opening delimiter are skipped and line numbers stay the file's") {
  const SplitPost post = split_front_matter("\n  \n+++\ntitle = \"Late start\"\n+++\nBody\n");
  CHECK(post.front_matter.format == FrontMatterFormat::toml);
  CHECK(post.front_matter.title == "Late start");
  CHECK(post.body == "Body\n");
  CHECK(post.body_first_line == 6);
}

TEST_CASE("a post wrapped whole in a code fence is unwrapped and the closing fence dropped") {
  for (const std::string fence : {"```markdown", "```md", "```"}) {
    CAPTURE(fence);
    const SplitPost post =
        split_front_matter(fence + "\n---\ntitle: Wrapped\n---\n## Section\ntext\n```\n\n");
    CHECK(post.front_matter.format == FrontMatterFormat::yaml);
    CHECK(post.front_matter.title == "Wrapped");
    CHECK(post.body == "## Section\ntext\n");
    CHECK(post.body_first_line == 5);
  }
}

TEST_CASE("a post that only starts and ends with code blocks keeps them: no front matter inside") {
  const std::string text = "```\nint x;\n```\nsome prose\n```\nint y;\n```\n";
  const SplitPost post = split_front_matter(text);
  CHECK(post.front_matter.format == FrontMatterFormat::none);
  CHECK(post.body == text);
}

TEST_CASE("a closing delimiter fused to text closes the front matter and that text starts the body") {
  const SplitPost post = split_front_matter("---\ntitle: Digest\n---### Top News\n\nItem\n");
  CHECK(post.front_matter.title == "Digest");
  CHECK(post.body == "### Top News\n\nItem\n");
  CHECK(post.body_first_line == 3);
}

TEST_CASE("delimiters may carry trailing whitespace") {
  const SplitPost post = split_front_matter("+++  \ntitle = \"Spaces\"\n+++\t\nBody\n");
  CHECK(post.front_matter.format == FrontMatterFormat::toml);
  CHECK(post.front_matter.title == "Spaces");
  CHECK(post.body == "Body\n");
}

TEST_CASE("the closing delimiter may be the file's last line, with or without a newline") {
  SUBCASE("without") {
    const SplitPost post = split_front_matter("+++\ntitle = \"Only metadata\"\n+++");
    CHECK(post.front_matter.title == "Only metadata");
    CHECK(post.body.empty());
    CHECK(post.body_first_line == 4);
  }
  SUBCASE("with") {
    const SplitPost post = split_front_matter("---\ntitle: Only metadata\n---\n");
    CHECK(post.body.empty());
    CHECK(post.body_first_line == 4);
  }
}

TEST_CASE("a front matter block that is never closed is an error at its opening line") {
  CHECK_THROWS_WITH_AS(split_front_matter("\n---\ntitle: open\n\nbody\n"),
                       "front matter opened with '---' is never closed", PostError);
  CHECK(error_line("\n---\ntitle: open\n\nbody\n") == 2);
  CHECK_THROWS_WITH_AS(split_front_matter("+++\ntitle = \"open\"\n---\n"),
                       "front matter opened with '+++' is never closed", PostError);
  CHECK(error_line("+++\ntitle = \"open\"\n---\n") == 1);
  CHECK_THROWS_WITH_AS(split_front_matter("\n{\n  \"title\": \"open\",\n"),
                       "front matter opened with '{' is never closed", PostError);
  CHECK(error_line("\n{\n  \"title\": \"open\",\n") == 2);
}

TEST_CASE("an empty file has no front matter and an empty body") {
  const SplitPost post = split_front_matter("");
  CHECK(post.front_matter.format == FrontMatterFormat::none);
  CHECK(post.body.empty());
  CHECK(post.body_first_line == 1);
}

TEST_CASE("a file without front matter is all body from line 1") {
  const std::string text = "\n<img src=\"cover.png\">\n\n## Tools\n---\n";
  const SplitPost post = split_front_matter(text);
  CHECK(post.front_matter.format == FrontMatterFormat::none);
  CHECK_FALSE(post.front_matter.title);
  CHECK(post.body == text);
  CHECK(post.body_first_line == 1);
}

TEST_CASE("an empty front matter block is valid and leaves every field absent") {
  for (const char* text :
       {"+++\n+++\nBody\n", "---\n---\nBody\n", "---\n# only a comment\n---\nBody\n", "{}\nBody\n"}) {
    CAPTURE(text);
    const SplitPost post = split_front_matter(text);
    CHECK(post.front_matter.format != FrontMatterFormat::none);
    CHECK_FALSE(post.front_matter.title);
    CHECK_FALSE(post.front_matter.date);
    CHECK_FALSE(post.front_matter.draft);
    CHECK(post.front_matter.tags.empty());
    CHECK(post.body == "Body\n");
  }
}

// ---- Parse errors --------------------------------------------------------------------

TEST_CASE("YAML with unescaped double quotes inside a quoted value is an error at that line") {
  const std::string text =
      "---\nlayout: post\ntitle: \"Weekly #12\"\nexcerpt: \"Robots say \"hello\" to everyone\"\ncategories: "
      "[news]\n---\n";
  CHECK_THROWS_WITH_AS(split_front_matter(text), "invalid YAML front matter: end of map not found",
                       PostError);
  CHECK(error_line(text) == 4);
}

TEST_CASE("TOML syntax errors name the file line and toml++'s reason") {
  const std::string text = "\n+++\ntitle = \"fine\"\ndate = \n+++\n";
  CHECK_THROWS_WITH_AS(
      split_front_matter(text),
      "invalid TOML front matter: Error while parsing key-value pair: expected value, saw '\\n'", PostError);
  CHECK(error_line(text) == 4);
}

TEST_CASE("JSON syntax errors name the file line and nlohmann's reason without its own position") {
  const std::string text = "{\n  \"title\": \"fine\",\n  \"draft\": nope\n}\n";
  CHECK_THROWS_WITH_AS(split_front_matter(text),
                       "invalid JSON front matter: syntax error while parsing value - invalid literal; "
                       "last read: '\"draft\": no'",
                       PostError);
  CHECK(error_line(text) == 3);
}

TEST_CASE("YAML front matter that is a scalar or a list is not a table of keys") {
  CHECK_THROWS_WITH_AS(split_front_matter("---\njust a sentence\n---\n"),
                       "front matter is not a table of keys", PostError);
  CHECK_THROWS_WITH_AS(split_front_matter("\n---\n- one\n- two\n---\n"),
                       "front matter is not a table of keys", PostError);
  CHECK(error_line("\n---\n- one\n- two\n---\n") == 2);
}

namespace {

// YAML aliases, each standing for ten copies of the one before: `levels` of them make
// 10^levels values of a few hundred bytes (found by the post fuzz target).
std::string yaml_alias_bomb(int levels, bool maps) {
  std::string text = maps ? "a0: &a0 {k: x}\n" : "a0: &a0 [x]\n";
  for (int level = 1; level <= levels; ++level) {
    const std::string name = "a" + std::to_string(level);
    const std::string alias = "*a" + std::to_string(level - 1);
    text += name + ": &" + name + (maps ? " {" : " [");
    for (int copy = 0; copy < 10; ++copy)
      text += (copy > 0 ? ", " : "") + (maps ? "k" + std::to_string(copy) + ": " : std::string()) + alias;
    text += maps ? "}\n" : "]\n";
  }
  return text;
}

}  // namespace

TEST_CASE("YAML front matter whose aliases stand for a billion values is refused, not expanded") {
  const std::string text = "---\ntitle: bomb\n" + yaml_alias_bomb(9, true) + "---\nbody\n";
  CHECK_THROWS_WITH_AS(
      split_front_matter(text),
      "YAML front matter holds more than 100000 values (counting what each alias stands for)", PostError);
  CHECK(error_line(text) == 1);
  // A few aliases are fine.
  const FrontMatter read =
      split_front_matter("---\ntitle: kept\n" + yaml_alias_bomb(2, true) + "---\n").front_matter;
  CHECK(read.title == "kept");
}

TEST_CASE("front matter nested deeper than 64 levels is refused, whatever its format") {
  const auto nested = [](int depth) {
    return std::string(static_cast<std::size_t>(depth), '[') +
           std::string(static_cast<std::size_t>(depth), ']');
  };
  // JSON is read as deep as it is written: 100,000 levels crashed the indexer's copy of it.
  const std::string json = "{\n\"title\": \"x\",\n\"deep\": " + nested(100'000) + "\n}\nbody\n";
  CHECK_THROWS_WITH_AS(split_front_matter(json), "JSON front matter is nested deeper than 64 levels",
                       PostError);
  CHECK(error_line(json) == 3);
  CHECK_THROWS_WITH_AS(split_front_matter("---\ntitle: x\ndeep: " + nested(100) + "\n---\n"),
                       "YAML front matter is nested deeper than 64 levels", PostError);
  // 63 levels below the top-level table are read; one more is not.
  CHECK(split_front_matter("{\"title\": \"x\", \"deep\": " + nested(63) + "}\n").front_matter.title == "x");
  CHECK(split_front_matter("---\ntitle: x\ndeep: " + nested(63) + "\n---\n").front_matter.title == "x");
  CHECK(error_line("{\"title\": \"x\", \"deep\": " + nested(64) + "}\n") == 1);
  CHECK(error_line("---\ntitle: x\ndeep: " + nested(64) + "\n---\n") == 1);
}

TEST_CASE("a date key whose value is not a date is an error at that key's line") {
  SUBCASE("TOML string") {
    const std::string text = "+++\ntitle = \"x\"\ndate = \"next week\"\n+++\n";
    CHECK_THROWS_WITH_AS(split_front_matter(text), "'date' is not a date: 'next week'", PostError);
    CHECK(error_line(text) == 3);
  }
  SUBCASE("TOML time without a date") {
    CHECK_THROWS_WITH_AS(split_front_matter("+++\ndate = 10:30:00\n+++\n"),
                         "'date' is not a date: '10:30:00'", PostError);
  }
  SUBCASE("TOML number") {
    CHECK_THROWS_WITH_AS(split_front_matter("+++\nupdated = 20240101\n+++\n"),
                         "'updated' is not a date: '20240101'", PostError);
  }
  SUBCASE("YAML, with the key's spelling kept") {
    const std::string text = "---\ntitle: x\n\nDate: 2024-02-30\n---\n";
    CHECK_THROWS_WITH_AS(split_front_matter(text), "'Date' is not a date: '2024-02-30'", PostError);
    CHECK(error_line(text) == 4);
  }
  SUBCASE("JSON") {
    const std::string text = "{\n  \"title\": \"x\",\n  \"lastmod\":\n    \"soon\"\n}\n";
    CHECK_THROWS_WITH_AS(split_front_matter(text), "'lastmod' is not a date: 'soon'", PostError);
    CHECK(error_line(text) == 3);
  }
}

TEST_CASE("a draft value other than true or false is an error at its line") {
  const std::string text = "---\ntitle: x\ndraft: maybe\n---\n";
  CHECK_THROWS_WITH_AS(split_front_matter(text), "'draft' is not true or false: 'maybe'", PostError);
  CHECK(error_line(text) == 3);
  CHECK_THROWS_WITH_AS(split_front_matter("+++\ndraft = 1\n+++\n"), "'draft' is not true or false: '1'",
                       PostError);
}

TEST_CASE("fields of the wrong shape are errors, not silently dropped") {
  CHECK_THROWS_WITH_AS(split_front_matter("+++\ntitle = [\"a\", \"b\"]\n+++\n"),
                       "'title' is not text: '[ 'a', 'b' ]'", PostError);
  CHECK_THROWS_WITH_AS(split_front_matter("---\ntags:\n  main: x\n  side: y\n---\n"),
                       "'tags' is not a list: '{main: x, side: y}'", PostError);
  CHECK_THROWS_WITH_AS(split_front_matter("+++\ntaxonomies = \"tags\"\n+++\n"),
                       "'taxonomies' is not a table: 'tags'", PostError);
}

// ---- Fields --------------------------------------------------------------------------

TEST_CASE("keys are matched whatever their case") {
  const SplitPost post = split_front_matter("+++\nTITLE = \"Upper\"\nDate = 2024-02-27\nDraft = true\n+++\n");
  CHECK(post.front_matter.title == "Upper");
  CHECK(post.front_matter.date == ymd(2024, 2, 27));
  CHECK(post.front_matter.draft);
}

TEST_CASE("TOML dates: local date, date-times with and without offset, strings, trailing whitespace") {
  CHECK(split_front_matter("+++\ndate = 2024-07-10\n+++\n").front_matter.date == ymd(2024, 7, 10));
  CHECK(split_front_matter("+++\ndate= 2021-08-15 \n+++\n").front_matter.date == ymd(2021, 8, 15));
  CHECK(split_front_matter("+++\ndate = 2021-03-04T23:30:00-05:00\n+++\n").front_matter.date ==
        ymd(2021, 3, 4));
  CHECK(split_front_matter("+++\ndate = 2021-03-04 08:00:00\n+++\n").front_matter.date == ymd(2021, 3, 4));
  CHECK(split_front_matter("+++\ndate = \"2025-04-13\"\n+++\n").front_matter.date == ymd(2025, 4, 13));
  CHECK(split_front_matter("+++\ndate = \"2024/11/18\"\n+++\n").front_matter.date == ymd(2024, 11, 18));
}

TEST_CASE("YAML and JSON dates are the calendar date as written, offsets not applied") {
  CHECK(split_front_matter("---\ndate: 2021-02-15T10:00:00+01:00\n---\n").front_matter.date ==
        ymd(2021, 2, 15));
  CHECK(split_front_matter("---\ndate: 2020-12-31T23:30:00Z\n---\n").front_matter.date == ymd(2020, 12, 31));
  CHECK(split_front_matter("---\ndate: \"2023/03/13\"\n---\n").front_matter.date == ymd(2023, 3, 13));
  CHECK(split_front_matter("---\ndate: 2023/03/13\n---\n").front_matter.date == ymd(2023, 3, 13));
  CHECK(split_front_matter("{\"date\": \"2019-06-01T00:00:00-07:00\"}\n").front_matter.date ==
        ymd(2019, 6, 1));
}

TEST_CASE("a date key with no value is absent, not an error") {
  const SplitPost post = split_front_matter("---\ntitle: Undated\ndate:\n---\n");
  CHECK(post.front_matter.title == "Undated");
  CHECK_FALSE(post.front_matter.date);
}

TEST_CASE(
    "Zola and Hugo date keys: updated, lastmod, publishDate, pubdate, published, expiryDate, unpublishdate") {
  const FrontMatter zola =
      split_front_matter("+++\ndate = 2024-01-01\nupdated = 2024-02-02\n+++\n").front_matter;
  CHECK(zola.updated == ymd(2024, 2, 2));
  const FrontMatter hugo =
      split_front_matter("---\nlastmod: 2024-03-03\npublishDate: 2024-04-04\nexpiryDate: 2024-05-05\n---\n")
          .front_matter;
  CHECK(hugo.updated == ymd(2024, 3, 3));
  CHECK(hugo.publish_date == ymd(2024, 4, 4));
  CHECK(hugo.expiry_date == ymd(2024, 5, 5));
  CHECK(split_front_matter("---\npubdate: 2024-06-06\n---\n").front_matter.publish_date == ymd(2024, 6, 6));
  CHECK(split_front_matter("---\npublished: 2024-07-07\n---\n").front_matter.publish_date == ymd(2024, 7, 7));
  CHECK(split_front_matter("---\nunpublishdate: 2024-08-08\n---\n").front_matter.expiry_date ==
        ymd(2024, 8, 8));
}

TEST_CASE("Jekyll's published: false keeps the page unpublished, which is not a draft") {
  const FrontMatter hidden = split_front_matter("---\npublished: false\n---\n").front_matter;
  CHECK(hidden.unlisted == "published = false");
  CHECK_FALSE(hidden.draft);
  CHECK_FALSE(hidden.publish_date);
  const FrontMatter shown = split_front_matter("---\npublished: true\ndraft: false\n---\n").front_matter;
  CHECK_FALSE(shown.draft);
  CHECK(shown.unlisted.empty());
}

TEST_CASE("unlisted and hidden, at the top level, under [extra] or under params, keep a page off the lists") {
  CHECK(split_front_matter("+++\ntitle = \"x\"\n[extra]\nunlisted = true\n+++\n").front_matter.unlisted ==
        "extra.unlisted = true");
  CHECK(split_front_matter("+++\n[extra]\nhidden = true\n+++\n").front_matter.unlisted ==
        "extra.hidden = true");
  CHECK(split_front_matter("---\nhidden: true\n---\n").front_matter.unlisted == "hidden = true");
  CHECK(split_front_matter("---\nunlisted: \"true\"\n---\n").front_matter.unlisted == "unlisted = true");
  CHECK(split_front_matter("---\nparams:\n  unlisted: true\n---\n").front_matter.unlisted ==
        "params.unlisted = true");
  // Set to false, or to something that is not a flag, they are not the convention.
  CHECK(split_front_matter("+++\n[extra]\nunlisted = false\nhidden = \"no\"\n+++\n")
            .front_matter.unlisted.empty());
  CHECK(split_front_matter("+++\n[extra]\nlisted = true\n+++\n").front_matter.unlisted.empty());
  // A nested table deeper down is some theme's own setting.
  CHECK(split_front_matter("+++\n[extra.menu]\nhidden = true\n+++\n").front_matter.unlisted.empty());
}

TEST_CASE("Hugo's headless pages and build options that never list or render a page keep it off the lists") {
  CHECK(split_front_matter("---\nheadless: true\n---\n").front_matter.unlisted == "headless = true");
  CHECK(split_front_matter("---\nbuild:\n  list: never\n---\n").front_matter.unlisted ==
        "build.list = never");
  CHECK(split_front_matter("+++\n[_build]\nlist = false\n+++\n").front_matter.unlisted ==
        "_build.list = false");
  CHECK(split_front_matter("---\n_build:\n  render: false\n---\n").front_matter.unlisted ==
        "_build.render = false");
  CHECK(split_front_matter("{\"build\": {\"render\": \"never\"}}\n").front_matter.unlisted ==
        "build.render = never");
  CHECK(split_front_matter("---\nbuild:\n  render: link\n---\n").front_matter.unlisted ==
        "build.render = link");
  // Listed locally, or always: on the site's lists.
  CHECK(split_front_matter("---\nbuild:\n  list: local\n  render: always\n---\n")
            .front_matter.unlisted.empty());
  CHECK(split_front_matter("---\nheadless: false\n---\n").front_matter.unlisted.empty());
}

TEST_CASE("Zola's render = false renders no page") {
  CHECK(split_front_matter("+++\ntitle = \"x\"\nrender = false\n+++\n").front_matter.unlisted ==
        "render = false");
  CHECK(split_front_matter("+++\nrender = true\n+++\n").front_matter.unlisted.empty());
}

TEST_CASE("Jekyll's categories: a string is split at whitespace, and category adds one") {
  CHECK(split_front_matter("---\ncategories: machine learning\n---\n").front_matter.jekyll_categories ==
        std::vector<std::string>{"machine", "learning"});
  CHECK(split_front_matter("---\ncategories: [Deep Learning, nlp]\ncategory: Papers Read\n---\n")
            .front_matter.jekyll_categories ==
        std::vector<std::string>{"Deep Learning", "nlp", "Papers Read"});
  // The other generators' reading of the same key is unchanged.
  CHECK(split_front_matter("---\ncategories: machine learning\n---\n").front_matter.categories ==
        std::vector<std::string>{"machine learning"});
}

TEST_CASE("front matter that cannot be read can be set aside, keeping the body and saying why") {
  const SplitPost yaml = split_front_matter(
      "---\ntitle: \"a \"quoted\" word\"\ndate: 2024-01-01\n---\n# Body\n", BadFrontMatter::set_aside);
  REQUIRE(yaml.problem);
  CHECK(yaml.problem->line == 2);
  CHECK(yaml.problem->reason.rfind("invalid YAML front matter: ", 0) == 0);
  CHECK(yaml.body == "# Body\n");
  CHECK(yaml.body_first_line == 5);
  CHECK(yaml.front_matter.format == FrontMatterFormat::yaml);
  CHECK_FALSE(yaml.front_matter.title);
  CHECK_FALSE(yaml.front_matter.date);

  const SplitPost types = split_front_matter("+++\ntitle = [1, 2]\n+++\nBody\n", BadFrontMatter::set_aside);
  REQUIRE(types.problem);
  CHECK(types.problem->line == 2);
  CHECK(types.body == "Body\n");

  // Strictly read, the same files are errors, as before.
  CHECK_THROWS_AS(split_front_matter("---\ntitle: \"a \"quoted\" word\"\n---\n"), PostError);
  // Where the body starts is unknown in these: they stay errors.
  CHECK_THROWS_AS(split_front_matter("+++\ntitle = \"x\"\n", BadFrontMatter::set_aside), PostError);
  CHECK_THROWS_AS(split_front_matter("{\"title\": \n\nBody\n", BadFrontMatter::set_aside), PostError);
  // Good front matter has no problem, and its keys are counted.
  const SplitPost good =
      split_front_matter("+++\ntitle = \"x\"\n[extra]\na = 1\n+++\n", BadFrontMatter::set_aside);
  CHECK_FALSE(good.problem);
  CHECK(good.keys == 2);
}

TEST_CASE("a top-level draft flag marks a draft; one inside a nested table does not") {
  CHECK(split_front_matter("+++\ntitle = \"x\"\ndraft=true\n+++\n").front_matter.draft);
  CHECK_FALSE(split_front_matter("+++\ntitle = \"x\"\ndraft = false\n+++\n").front_matter.draft);
  CHECK_FALSE(
      split_front_matter("+++\ntitle = \"x\"\n[extra]\ndraft=true\nlisted=true\n+++\n").front_matter.draft);
  CHECK_FALSE(split_front_matter("---\nextra:\n  draft: true\n---\n").front_matter.draft);
}

TEST_CASE("a draft flag may be a boolean or the text true or false") {
  CHECK(split_front_matter("---\ndraft: true\n---\n").front_matter.draft);
  CHECK(split_front_matter("---\ndraft: True\n---\n").front_matter.draft);
  CHECK(split_front_matter("---\ndraft: \"true\"\n---\n").front_matter.draft);
  CHECK_FALSE(split_front_matter("+++\ndraft = \"false\"\n+++\n").front_matter.draft);
  CHECK(split_front_matter("{\"draft\": \"true\"}").front_matter.draft);
  CHECK_THROWS_WITH_AS(split_front_matter("---\ndraft: \"yes\"\n---\n"),
                       "'draft' is not true or false: 'yes'", PostError);
}

TEST_CASE("tags may be a list of strings, numbers and booleans, all kept as text") {
  CHECK(split_front_matter("+++\ntags = [\"ml\", 2024, true, 1.5]\n+++\n").front_matter.tags ==
        Strings{"ml", "2024", "true", "1.5"});
  CHECK(split_front_matter("{\"tags\": [\"ml\", 7, false, null]}").front_matter.tags ==
        Strings{"ml", "7", "false"});
}

TEST_CASE("a single tag string is one tag, or several when it holds commas") {
  CHECK(split_front_matter("---\ntags: interpretability\n---\n").front_matter.tags ==
        Strings{"interpretability"});
  CHECK(split_front_matter("---\ntags: \"rl, bandits ,, games\"\n---\n").front_matter.tags ==
        Strings{"rl", "bandits", "games"});
  CHECK(split_front_matter("+++\ncategories = \"notes\"\n+++\n").front_matter.categories == Strings{"notes"});
}

TEST_CASE("YAML flow lists may mix quoted and bare items") {
  const FrontMatter front_matter =
      split_front_matter("---\ntags: ['2019', 'NeurIPS 2019', Graph Networks, RL]\n---\n").front_matter;
  CHECK(front_matter.tags == Strings{"2019", "NeurIPS 2019", "Graph Networks", "RL"});
}

TEST_CASE("a YAML flow list over several lines may end with a trailing comma") {
  const FrontMatter front_matter =
      split_front_matter(
          "---\ntitle: x\ntags:\n  [\n    \"2022\",\n    Transformers,\n    'Vision',\n  ]\n---\n")
          .front_matter;
  CHECK(front_matter.tags == Strings{"2022", "Transformers", "Vision"});
}

TEST_CASE("Zola taxonomies are merged after top-level terms without duplicates, in order") {
  const FrontMatter front_matter =
      split_front_matter(
          "+++\ntags = [\"a\", \"b\"]\ncategories = [\"x\"]\n[taxonomies]\n"
          "tags = [\"b\", \"c\", \"a\", \"d\"]\ncategories = [\"y\", \"x\"]\nseries = [\"s\"]\n+++\n")
          .front_matter;
  CHECK(front_matter.tags == Strings{"a", "b", "c", "d"});
  CHECK(front_matter.categories == Strings{"x", "y"});
}

TEST_CASE("taxonomies alone give the tags, and repeated top-level tags are kept once") {
  CHECK(split_front_matter("+++\n[taxonomies]\ntags = [\"sae\"]\n+++\n").front_matter.tags == Strings{"sae"});
  CHECK(split_front_matter("---\ntaxonomies:\n  Tags: [one]\ntags: [two, two]\n---\n").front_matter.tags ==
        Strings{"two", "one"});
}

TEST_CASE("slugs and titles that look like numbers stay as written") {
  CHECK(split_front_matter("---\nslug: \"02\"\n---\n").front_matter.slug == "02");
  CHECK(split_front_matter("---\nslug: 007\n---\n").front_matter.slug == "007");
  CHECK(split_front_matter("+++\ntitle = 2024\n+++\n").front_matter.title == "2024");
  CHECK(split_front_matter("{\"title\": 42}").front_matter.title == "42");
}

TEST_CASE("titles keep quotes, Markdown, a leading # and emoji") {
  CHECK(split_front_matter("+++\ntitle = \"On \\\"Faithful\\\" **CoT**\"\n+++\n").front_matter.title ==
        "On \"Faithful\" **CoT**");
  CHECK(split_front_matter("---\ntitle: \"#07 - Slow weeks\"\n---\n").front_matter.title ==
        "#07 - Slow weeks");
  CHECK(split_front_matter("---\ntitle: \"Robots \xF0\x9F\xA4\x96 and \xE4\xB8\xAD\xE6\x96\x87\"\n---\n")
            .front_matter.title == "Robots \xF0\x9F\xA4\x96 and \xE4\xB8\xAD\xE6\x96\x87");
}

TEST_CASE("description, slug, path, url and permalink are read") {
  const FrontMatter zola =
      split_front_matter(
          "+++\ndescription = \"About things\"\nslug = \"things\"\npath = \"notes/things\"\n+++\n")
          .front_matter;
  CHECK(zola.description == "About things");
  CHECK(zola.slug == "things");
  CHECK(zola.path == "notes/things");
  CHECK(split_front_matter("---\nurl: /posts/x/\n---\n").front_matter.url == "/posts/x/");
  CHECK(split_front_matter("---\npermalink: /issues/first\n---\n").front_matter.permalink == "/issues/first");
}

TEST_CASE("unknown keys, null values and nested maps with raw HTML are ignored") {
  const FrontMatter front_matter =
      split_front_matter(
          "---\nlayout: post\ncomments: True\nexcerpt:\nimage: \n  feature: pics/a.jpg\n"
          "  credit: <a href=\"<link>\"> <Someone> </a>\ntitle: Kept\n---\n")
          .front_matter;
  CHECK(front_matter.title == "Kept");
  CHECK_FALSE(front_matter.description);
  CHECK_FALSE(front_matter.draft);
}

TEST_CASE("absent fields stay absent") {
  const FrontMatter front_matter = split_front_matter("+++\n[extra]\nunlisted = true\n+++\n").front_matter;
  CHECK_FALSE(front_matter.title);
  CHECK_FALSE(front_matter.date);
  CHECK_FALSE(front_matter.updated);
  CHECK_FALSE(front_matter.publish_date);
  CHECK_FALSE(front_matter.expiry_date);
  CHECK_FALSE(front_matter.description);
  CHECK_FALSE(front_matter.slug);
  CHECK_FALSE(front_matter.path);
  CHECK_FALSE(front_matter.url);
  CHECK_FALSE(front_matter.permalink);
  CHECK(front_matter.tags.empty());
  CHECK(front_matter.categories.empty());
}
