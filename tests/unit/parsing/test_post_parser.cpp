// PostParser turns one Markdown file into a Post: checked bytes, title, date, section, anchors, topics,
// links.
#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "indexer/link_classifier.h"
#include "indexer/post_error.h"
#include "indexer/post_parser.h"
#include "indexer/site.h"
#include "indexer/topic_matcher.h"
#include "schemas/source_table.h"
#include "tests/support/temp_dir.h"
#include "schemas/topic_taxonomy.h"
#include "tests/support/temp_dir.h"

using namespace clubsearch;
using namespace clubsearch::indexer;
using namespace clubsearch::index;

namespace {

using Strings = std::vector<std::string>;

const schemas::SourceTable& sources() {
  static const schemas::SourceTable table = schemas::SourceTable::parse(R"(
kinds = ["paper", "blog", "forum", "notebook", "other"]
fallback_kind = "other"

[extensions]
".pdf" = "paper"

[hosts]
"arxiv.org" = { source = "arXiv", kind = "paper" }
"lesswrong.com" = { source = "LessWrong", kind = "forum" }
"lilianweng.github.io" = { source = "Lil'Log", kind = "blog" }
)",
                                                                        "test sources");
  return table;
}

const schemas::TopicTaxonomy& topics() {
  static const schemas::TopicTaxonomy table = schemas::TopicTaxonomy::parse(R"(
[[topic]]
name = "Interpretability"
phrases = ["sparse autoencoder"]
acronyms = ["SAE"]

[[topic]]
name = "Refusal"
phrases = ["refusal direction"]

[[topic]]
name = "Forecasting"
phrases = ["forecasting"]
)",
                                                                            "test topics");
  return table;
}

// A parser for a Zola site at https://blog.example.org with the tables above.
struct Parser {
  Site site{std::filesystem::path("content")};
  LinkClassifier links{sources()};
  TopicMatcher matcher{topics()};
  PostParser parser{site, links, matcher};

  Parser() { site.set_base_url("https://blog.example.org"); }

  Post parse(const std::string& path, const std::string& text) const { return parser.parse(path, text); }
};

// The PostError a file raises: its line and message; line 0 and "" when nothing is thrown.
struct Failure {
  unsigned line = 0;
  std::string message;
};

Failure failure_of(const std::string& path, const std::string& text) {
  const Parser parser;
  try {
    parser.parse(path, text);
  } catch (const PostError& error) {
    return {error.line(), error.what()};
  }
  return {};
}

Strings anchors_of(const Post& post) {
  Strings out;
  for (const Entry& entry : post.entries) out.push_back(entry.anchor);
  return out;
}

}  // namespace

// ---- Bytes that cannot be a post ------------------------------------------------------------

TEST_CASE("a file holding a NUL byte is a PostError naming the line of the NUL") {
  const std::string text = std::string("+++\ntitle = \"x\"\n+++\nfine\nbad \0 byte\n", 36);
  const Failure failure = failure_of("blog/binary.md", text);
  CHECK(failure.line == 5);
  CHECK(failure.message == "binary file (contains a NUL byte), not a Markdown post");
  const Parser parser;
  CHECK_THROWS_WITH_AS(parser.parse("blog/binary.md", text),
                       "binary file (contains a NUL byte), not a Markdown post", PostError);
}

TEST_CASE("invalid UTF-8 is a PostError naming the line, the column and the byte") {
  const Failure failure = failure_of("blog/latin1.md", "+++\ntitle = \"x\"\n+++\nCaf\xe9 au lait\n");
  CHECK(failure.line == 4);
  CHECK(failure.message == "invalid UTF-8 (byte 0xe9 at column 4); the file must be UTF-8");
}

TEST_CASE("invalid UTF-8 on the first line is reported at line 1") {
  const Failure failure = failure_of("x.md", "\xff rest");
  CHECK(failure.line == 1);
  CHECK(failure.message == "invalid UTF-8 (byte 0xff at column 1); the file must be UTF-8");
}

TEST_CASE("overlong encodings, surrogates and cut-off sequences are invalid UTF-8") {
  CHECK(failure_of("x.md", "ok\n\xc0\xaf").line == 2);
  CHECK(failure_of("x.md", "ok\n\xed\xa0\x80").line == 2);
  CHECK(failure_of("x.md", "ok\nab\xe2\x82").message ==
        "invalid UTF-8 (byte 0xe2 at column 3); the file must be UTF-8");
  CHECK(failure_of("x.md", "ok\n\xf4\x90\x80\x80").line == 2);  // above U+10FFFF
}

TEST_CASE("valid multi-byte UTF-8 of every length is accepted") {
  const Failure failure =
      failure_of("x.md", "+++\ntitle = \"\u00e9\u4e2d\U0001F600\"\n+++\n\u00e9\u4e2d\U0001F600\n");
  CHECK(failure.line == 0);
  CHECK(failure.message.empty());
}

TEST_CASE("front matter that is never closed is a PostError with the line") {
  const Failure failure = failure_of("blog/bad.md", "+++\ntitle = \"ok\"\ndate = 2024-01-01\nBody\n");
  CHECK(failure.line == 1);
  CHECK(failure.message == "front matter opened with '+++' is never closed");
}

// ---- Front matter that cannot be read -------------------------------------------------------

TEST_CASE("a post whose front matter does not parse is indexed from its body, with a warning at the line") {
  const Parser parser;
  const Post post = parser.parse("blog/2024-02-19-weekly-notes.md",
                                 "+++\ntitle = \"ok\"\ndate = \n+++\n"
                                 "## [A paper](https://arxiv.org/abs/2401.00001)\n\nWhy it matters.\n");
  REQUIRE(post.warnings.size() == 1);
  CHECK(post.warnings[0].line == 3);
  CHECK(post.warnings[0].message.rfind("invalid TOML front matter: ", 0) == 0);
  CHECK(post.warnings[0].message.find(
            "titled \"2024-02-19-weekly-notes\", dated 2024-02-19 from its file name") != std::string::npos);
  // Nothing of the front matter is used: the title and the date are the file name's.
  CHECK(post.title == "2024-02-19-weekly-notes");
  CHECK(post.date == Date{2024, 2, 19});
  CHECK(post.permalink == "https://blog.example.org/blog/weekly-notes/");
  REQUIRE(post.entries.size() == 1);
  CHECK(post.entries[0].items[0].arxiv_id == "2401.00001");
  CHECK_FALSE(post.empty);
}

TEST_CASE("a key of the wrong type sets the front matter aside as a syntax error does") {
  const Parser parser;
  const Post post =
      parser.parse("blog/when.md", "---\ntitle: Kept?\ndate: next tuesday\ndraft: true\n---\nBody\n");
  REQUIRE(post.warnings.size() == 1);
  CHECK(post.warnings[0].line == 3);
  CHECK(post.warnings[0].message.find("'date' is not a date") != std::string::npos);
  CHECK(post.title == "when");
  CHECK_FALSE(post.date);
  CHECK_FALSE(post.draft);  // the flag was in the front matter that was set aside
  CHECK(post.body == "Body");
}

TEST_CASE("a post whose front matter reads has no warning") {
  const Parser parser;
  CHECK(parser.parse("blog/a.md", "+++\ntitle = \"A\"\n+++\nBody\n").warnings.empty());
  CHECK(parser.parse("blog/a.md", "no front matter at all\n").warnings.empty());
}

// ---- Empty files and unlisted pages --------------------------------------------------------

TEST_CASE("a file with nothing but blanks, or empty front matter and no body, is empty") {
  const Parser parser;
  CHECK(parser.parse("blog/Untitled.md", "").empty);
  CHECK(parser.parse("blog/Untitled.md", " \n\t\r\n\n").empty);
  CHECK(parser.parse("blog/Untitled.md", "+++\n+++\n").empty);
  CHECK(parser.parse("blog/Untitled.md", "\n---\n---\n\n  \n").empty);
  CHECK_FALSE(parser.parse("blog/a.md", "+++\ntitle = \"Only a title\"\n+++\n").empty);
  CHECK_FALSE(parser.parse("blog/a.md", "+++\n+++\nA body.\n").empty);
  CHECK_FALSE(parser.parse("blog/a.md", "A body without front matter.\n").empty);
}

TEST_CASE("a page's own ways of staying off the site's lists are kept with the post") {
  const Parser parser;
  CHECK(parser.parse("blog/a.md", "+++\ntitle = \"A\"\n[extra]\nunlisted = true\n+++\nBody\n").unlisted ==
        "extra.unlisted = true");
  CHECK(parser.parse("blog/a.md", "---\npublished: false\n---\nBody\n").unlisted == "published = false");
  CHECK(parser.parse("blog/a.md", "---\nheadless: true\n---\nBody\n").unlisted == "headless = true");
  CHECK(parser.parse("blog/a.md", "+++\ntitle = \"A\"\n[extra]\nunlisted = false\n+++\nBody\n")
            .unlisted.empty());
}

// ---- Post fields ----------------------------------------------------------------------------

TEST_CASE("title, date, draft, description, tags and categories come from the front matter") {
  const Parser parser;
  const Post post = parser.parse("blog/journal_club_1.md",
                                 "+++\n"
                                 "title = \"Journal Club 1\"\n"
                                 "date = 2024-07-10\n"
                                 "updated = 2024-08-01\n"
                                 "draft = true\n"
                                 "description = \"Papers I read\"\n"
                                 "[taxonomies]\n"
                                 "tags = [\"ML\"]\n"
                                 "categories = [\"Reading\"]\n"
                                 "+++\n"
                                 "Hello.\n");
  CHECK(post.path == "blog/journal_club_1.md");
  CHECK(post.title == "Journal Club 1");
  CHECK(post.date == Date{2024, 7, 10});
  CHECK(post.updated == Date{2024, 8, 1});
  CHECK(post.draft);
  CHECK(post.description == "Papers I read");
  CHECK(post.tags == Strings{"ML"});
  CHECK(post.categories == Strings{"Reading"});
  CHECK(post.permalink == "https://blog.example.org/blog/journal-club-1/");
  CHECK(post.body == "Hello.");
  CHECK(post.intro == "Hello.");
}

TEST_CASE("a link post or the notes on one paper, named in the front matter, is one entry about that link") {
  const Parser parser;
  const Post notes = parser.parse("notes/lora.md",
                                  "+++\ntitle = \"Notes on LoRA\"\n[extra]\npaper = \"https://arxiv.org/abs/2106.09685\"\n+++\n"
                                  "Low-rank updates; compare [adapters](https://arxiv.org/abs/1902.00751).\n");
  REQUIRE(notes.entries.size() == 1);
  CHECK(notes.entries[0].heading == "Notes on LoRA");
  REQUIRE(notes.entries[0].items.size() == 1);
  CHECK(notes.entries[0].items[0].url == "https://arxiv.org/abs/2106.09685");
  CHECK(notes.entries[0].items[0].arxiv_id == "2106.09685");
  CHECK(notes.entries[0].url == notes.permalink);
  CHECK(notes.entries[0].commentary == "Low-rank updates; compare adapters.");
  REQUIRE(notes.entries[0].mentions.size() == 1);
  CHECK(notes.entries[0].mentions[0].url == "https://arxiv.org/abs/1902.00751");
  CHECK(notes.body.empty());

  // Hugo's [params], Jekyll's top level, an arXiv id alone.
  const Post link_post =
      parser.parse("blog/a.md", "---\ntitle: A good read\nlink: https://example.com/essay\n---\nWorth it.\n");
  REQUIRE(link_post.entries.size() == 1);
  CHECK(link_post.entries[0].items.at(0).url == "https://example.com/essay");
  const Post by_id = parser.parse("blog/b.md", "---\ntitle: Toolformer\nparams:\n  arxiv: 2302.04761\n---\nNotes.\n");
  REQUIRE(by_id.entries.size() == 1);
  CHECK(by_id.entries[0].items.at(0).url == "https://arxiv.org/abs/2302.04761");

  // What is no link names nothing, and a body with entries of its own keeps them.
  CHECK(parser.parse("blog/c.md", "---\ntitle: C\nlink: see below\n---\nText.\n").entries.empty());
  const Post listed = parser.parse("blog/d.md",
                                   "---\ntitle: D\nlink: https://example.com/d\n---\n"
                                   "## [First](https://example.com/1)\n\nOne.\n\n## [Second](https://example.com/2)\n\nTwo.\n");
  REQUIRE(listed.entries.size() == 2);
  CHECK(listed.entries[0].items.at(0).url == "https://example.com/1");
}

TEST_CASE("a post without a title is called by its file name") {
  const Parser parser;
  CHECK(parser.parse("blog/my_notes.md", "Just text.\n").title == "my_notes");
  CHECK(parser.parse("blog/my_notes.md", "+++\ntitle = \"\"\n+++\nJust text.\n").title == "my_notes");
  CHECK(parser.parse("top.markdown", "Text.\n").title == "top");
}

TEST_CASE("a page bundle without a title is called by its folder name") {
  const Parser parser;
  CHECK(parser.parse("blog/foo_bar/index.md", "Text.\n").title == "foo_bar");
  CHECK(parser.parse("blog/foo_bar/_index.md", "Text.\n").title == "foo_bar");
}

TEST_CASE("Markdown in a title is reduced to the text a reader sees") {
  const Parser parser;
  CHECK(parser.parse("a.md", "+++\ntitle = \"Why **ARE** we `here`\"\n+++\n").title == "Why ARE we here");
  CHECK(parser.parse("a.md", "+++\ntitle = \"See [this](https://x.example/) _now_\"\n+++\n").title ==
        "See this now");
  CHECK(parser.parse("a.md", "+++\ntitle = \"a < b & c\"\n+++\n").title == "a < b & c");
}

TEST_CASE("a title that looks like a list or a heading to Markdown keeps its words") {
  const Parser parser;
  CHECK(parser.parse("a.md", "+++\ntitle = \"2024. A *great* year\"\n+++\n").title == "2024. A great year");
  CHECK(parser.parse("a.md", "+++\ntitle = \"# of *tokens*\"\n+++\n").title == "# of tokens");
}

TEST_CASE("a post without a date in its front matter takes the date its file name starts with") {
  const Parser parser;
  CHECK(parser.parse("blog/2023-05-06-notes.md", "Text.\n").date == Date{2023, 5, 6});
  CHECK(parser.parse("blog/2023-05-06-notes.md", "+++\ndate = 2024-01-02\n+++\n").date == Date{2024, 1, 2});
}

TEST_CASE("a post without any date stays undated") {
  const Parser parser;
  CHECK_FALSE(parser.parse("blog/notes.md", "+++\ntitle = \"t\"\n+++\nText.\n").date.has_value());
  CHECK_FALSE(parser.parse("blog/2023-13-45-notes.md", "Text.\n").date.has_value());
}

TEST_CASE("the section is the first folder of the path") {
  const Parser parser;
  CHECK(parser.parse("blog/a.md", "x\n").section == "blog");
  CHECK(parser.parse("notes/deep/er/a.md", "x\n").section == "notes");
  CHECK(parser.parse("a.md", "x\n").section.empty());
}

TEST_CASE("a CRLF file parses like its LF twin, entry lines included") {
  const Parser parser;
  const std::string lf = "+++\ntitle = \"T\"\n+++\n\n## [A](https://arxiv.org/abs/2404.03592)\n\nNote.\n";
  std::string crlf;
  for (char c : lf) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  const Post from_lf = parser.parse("a.md", lf);
  const Post from_crlf = parser.parse("a.md", crlf);
  REQUIRE(from_crlf.entries.size() == 1);
  CHECK(from_crlf.entries[0].line == 5);
  CHECK(from_crlf.entries[0].line == from_lf.entries[0].line);
  CHECK(from_crlf.entries[0].commentary == "Note.");
  CHECK(from_crlf.title == "T");
}

// ---- Entries: anchors and deep links ------------------------------------------------------------

TEST_CASE("entry lines refer to the file, front matter included") {
  const Parser parser;
  const Post post = parser.parse("a.md", "+++\ntitle = \"T\"\n+++\nIntro.\n\n## [A](https://a.example/)\n");
  REQUIRE(post.entries.size() == 1);
  CHECK(post.entries[0].line == 6);
}

TEST_CASE("an entry's anchor is the heading's id and its url the permalink plus the anchor") {
  const Parser parser;
  const Post post = parser.parse(
      "blog/journal_club_1.md",
      "## [Refusal in LLMs is mediated by a single direction](https://arxiv.org/abs/2406.11717)\n"
      "\nText.\n");
  REQUIRE(post.entries.size() == 1);
  CHECK(post.entries[0].anchor == "refusal-in-llms-is-mediated-by-a-single-direction");
  CHECK(post.entries[0].url ==
        "https://blog.example.org/blog/journal-club-1/#refusal-in-llms-is-mediated-by-a-single-direction");
}

TEST_CASE("anchors are de-duplicated across all headings of the page, entries or not") {
  const Parser parser;
  const Post post = parser.parse("blog/a.md",
                                 "# Intro\n"
                                 "\n"
                                 "## [Intro](https://a.example/1)\n"
                                 "\n"
                                 "# Other\n"
                                 "\n"
                                 "## [Intro](https://a.example/2)\n"
                                 "\n"
                                 "## [Intro 1](https://a.example/3)\n");
  CHECK(anchors_of(post) == Strings{"intro-1", "intro-2", "intro-1-1"});
  REQUIRE(post.entries.size() == 3);
  CHECK(post.entries[0].url == "https://blog.example.org/blog/a/#intro-1");
}

TEST_CASE("a deeper heading inside an entry's commentary still takes its anchor") {
  const Parser parser;
  const Post post = parser.parse("blog/a.md",
                                 "## [First](https://a.example/1)\n"
                                 "\n"
                                 "### Notes\n"
                                 "\n"
                                 "## [Second](https://a.example/2)\n"
                                 "\n"
                                 "### Notes\n"
                                 "\n"
                                 "## [Notes](https://a.example/3)\n");
  CHECK(anchors_of(post) == Strings{"first", "second", "notes-2"});
}

TEST_CASE("Hugo sites get Hugo heading ids for anchors") {
  const clubsearch::test::TempDir dir;
  dir.write("hugo.toml", "baseURL = \"https://hugo.example.org/\"\n");
  const Site site = Site::discover(dir.path());
  const LinkClassifier links(sources());
  const TopicMatcher matcher(topics());
  const PostParser parser(site, links, matcher);
  const Post post = parser.parse("posts/my_post.md",
                                 "+++\ntitle = \"My Post\"\n+++\n"
                                 "## [Hello, World](https://a.example/)\n"
                                 "\n"
                                 "## [Hello, World](https://b.example/)\n");
  CHECK(post.permalink == "https://hugo.example.org/posts/my_post/");
  CHECK(anchors_of(post) == Strings{"hello-world", "hello-world-1"});
  REQUIRE(post.entries.size() == 2);
  CHECK(post.entries[1].url == "https://hugo.example.org/posts/my_post/#hello-world-1");
}

TEST_CASE("paragraph-layout entries take the anchor of the nearest preceding heading") {
  const Parser parser;
  const Post post = parser.parse("blog/links.md",
                                 "[Before any heading](https://a.example/0) text.\n"
                                 "\n"
                                 "## This week's links\n"
                                 "\n"
                                 "[First](https://a.example/1) text.\n"
                                 "\n"
                                 "[Second](https://a.example/2) text.\n"
                                 "\n"
                                 "## Older links\n"
                                 "\n"
                                 "[Third](https://a.example/3) text.\n");
  CHECK(anchors_of(post) == Strings{"", "this-week-s-links", "this-week-s-links", "older-links"});
  REQUIRE(post.entries.size() == 4);
  CHECK(post.entries[0].url == "https://blog.example.org/blog/links/");
  CHECK(post.entries[3].url == "https://blog.example.org/blog/links/#older-links");
}

// ---- Links and topics ---------------------------------------------------------------------------

TEST_CASE("entry items and mentions are classified by the source table") {
  const Parser parser;
  const Post post = parser.parse("blog/a.md",
                                 "+++\ntitle = \"Many-shot jailbreaking\"\n+++\n"
                                 "## [Paper](https://arxiv.org/pdf/2404.03592v2)\n"
                                 "\n"
                                 "See [a forum post](https://www.lesswrong.com/posts/abc/x), "
                                 "[an unknown blog](https://sub.someone.co.uk/post), [here](/local/page) and "
                                 "[write to me](mailto:me@example.org) or [jump](#notes).\n");
  REQUIRE(post.entries.size() == 1);
  const Entry& entry = post.entries[0];
  REQUIRE(entry.items.size() == 1);
  CHECK(entry.heading == "Many-shot jailbreaking");  // "Paper" names nothing: the post's title does
  CHECK(entry.items[0].title == "Many-shot jailbreaking");
  CHECK(entry.items[0].url == "https://arxiv.org/pdf/2404.03592v2");
  CHECK(entry.items[0].host == "arxiv.org");
  CHECK(entry.items[0].source == "arXiv");
  CHECK(entry.items[0].kind == "paper");
  CHECK(entry.items[0].arxiv_id == "2404.03592");
  REQUIRE(entry.mentions.size() == 3);
  CHECK(entry.mentions[0].host == "lesswrong.com");
  CHECK(entry.mentions[0].source == "LessWrong");
  CHECK(entry.mentions[0].kind == "forum");
  CHECK(entry.mentions[1].source == "someone.co.uk");
  CHECK(entry.mentions[1].kind == "other");
  // The blog's own page is shown under the blog's host; mail and same-page links are no items.
  CHECK(entry.mentions[2].url == "/local/page");
  CHECK(entry.mentions[2].host == "blog.example.org");
  CHECK(entry.mentions[2].source == "blog.example.org");
  CHECK(entry.mentions[2].kind == "blog");
}

TEST_CASE("links outside entries are the post's mentions, classified") {
  const Parser parser;
  const Post post =
      parser.parse("blog/a.md", "Read [Lil'Log](https://lilianweng.github.io/posts/x/) first.\n");
  REQUIRE(post.mentions.size() == 1);
  CHECK(post.mentions[0].source == "Lil'Log");
  CHECK(post.mentions[0].kind == "blog");
}

TEST_CASE("an item whose link text is empty is titled by its URL") {
  const Parser parser;
  const Post post =
      parser.parse("a.md", "+++\ntitle = \"The Post\"\n+++\n## [](https://a.example/x)\n\nText.\n");
  REQUIRE(post.entries.size() == 1);
  REQUIRE(post.entries[0].items.size() == 1);
  CHECK(post.entries[0].heading.empty());
  CHECK(post.entries[0].items[0].title == "a.example/x");
}

TEST_CASE(
    "post topics are the taxonomy's matches and then its tags and categories, without case duplicates") {
  const Parser parser;
  const Post post = parser.parse("blog/a.md",
                                 "+++\n"
                                 "title = \"On sparse autoencoders\"\n"
                                 "tags = [\"interpretability\", \"Misc\"]\n"
                                 "categories = [\"misc\", \"Notes\"]\n"
                                 "+++\n"
                                 "Forecasting is hard.\n");
  CHECK(post.topics == Strings{"Interpretability", "Forecasting", "Misc", "Notes"});
}

TEST_CASE("entry topics come from the entry's own text, then the post's tags and categories") {
  const Parser parser;
  const Post post = parser.parse("blog/a.md",
                                 "+++\n"
                                 "title = \"Forecasting week\"\n"
                                 "tags = [\"Weekly\", \"refusal\"]\n"
                                 "+++\n"
                                 "## [The refusal direction](https://a.example/1)\n"
                                 "\n"
                                 "An SAE finds it.\n"
                                 "\n"
                                 "## [Nothing special](https://a.example/2)\n"
                                 "\n"
                                 "Plain.\n");
  REQUIRE(post.entries.size() == 2);
  CHECK(post.entries[0].topics == Strings{"Interpretability", "Refusal", "Weekly"});
  CHECK(post.entries[1].topics == Strings{"Weekly", "refusal"});
  CHECK(post.topics == Strings{"Forecasting", "Weekly", "refusal"});
}

TEST_CASE("a topic mentioned only in a block quote, or once in long commentary, is not the entry's") {
  const Parser parser;
  std::string filler;
  for (int i = 0; i < 12; ++i) filler += "More words of my own here. ";
  const Post post = parser.parse("blog/a.md",
                                 "+++\ntitle = \"Notes\"\n+++\n"
                                 "## [A policy](https://a.example/1)\n"
                                 "\n"
                                 "I liked the evaluation section. " +
                                     filler +
                                     "\n"
                                     "\n"
                                     "> We will use a sparse autoencoder, then another sparse autoencoder.\n"
                                     "\n"
                                     "One forecasting question stands out. " +
                                     filler +
                                     "\n"
                                     "\n"
                                     "## [Another](https://a.example/2)\n"
                                     "\n"
                                     "Forecasting, forecasting and more forecasting. " +
                                     filler + "\n");
  REQUIRE(post.entries.size() == 2);
  CHECK(post.entries[0].topics.empty());
  CHECK(post.entries[1].topics == Strings{"Forecasting"});
  CHECK(post.topics.empty());  // the post's own text is outside its entries: none here
}

TEST_CASE("tags that are numbers or years are kept as tags but are no topics") {
  const Parser parser;
  const Post post = parser.parse("blog/a.md",
                                 "+++\ntitle = \"A paper\"\ntags = [\"2018\", \"AAAI 2018\", \"SAE\"]\n+++\n"
                                 "## [A paper](https://arxiv.org/abs/1804.00222)\n\nShort.\n");
  CHECK(post.tags == Strings{"2018", "AAAI 2018", "SAE"});
  CHECK(post.topics == Strings{"Interpretability", "AAAI 2018", "SAE"});
  REQUIRE(post.entries.size() == 1);
  CHECK(post.entries[0].topics == Strings{"Interpretability", "AAAI 2018", "SAE"});
}

TEST_CASE("one parser gives the same post from several threads") {
  const Parser parser;
  const std::string text =
      "+++\ntitle = \"SAE notes\"\n+++\n## [A](https://arxiv.org/abs/2404.03592)\n\nText.\n";
  const Post expected = parser.parse("blog/a.md", text);
  std::vector<Post> posts(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < posts.size(); ++i)
    threads.emplace_back([&, i] { posts[i] = parser.parse("blog/a.md", text); });
  for (std::thread& thread : threads) thread.join();
  for (const Post& post : posts) {
    CHECK(post.topics == expected.topics);
    REQUIRE(post.entries.size() == 1);
    CHECK(post.entries[0].url == expected.entries[0].url);
  }
}

TEST_CASE("a Jekyll post: title, date, section and categories as Jekyll gives them, kramdown's ids") {
  const clubsearch::test::TempDir dir;
  dir.write("_config.yml", "url: https://j.example.org\npermalink: pretty\n");
  const Site site = Site::discover(dir.path());
  const LinkClassifier links(sources());
  const TopicMatcher matcher(topics());
  const PostParser parser(site, links, matcher);
  const Post post = parser.parse("reading/_posts/2024-07-10-sae-notes.md",
                                 "---\nlayout: post\ncategories: sparse features\n---\n"
                                 "## [Towards Monosemanticity -- a review](https://a.example/1)\n\n"
                                 "Text.\n\n"
                                 "## Notes\n\n"
                                 "## [Notes](https://a.example/2)\n");
  CHECK(post.title == "Sae Notes");
  CHECK(post.date == Date{2024, 7, 10});
  CHECK(post.section == "reading");
  CHECK(post.categories == Strings{"reading", "sparse", "features"});
  CHECK(post.permalink == "https://j.example.org/reading/sparse/features/2024/07/10/sae-notes/");
  CHECK(anchors_of(post) == Strings{"towards-monosemanticity--a-review", "notes-1"});
  CHECK_FALSE(post.draft);

  const Post draft = parser.parse("_drafts/idea.md", "---\ntitle: An idea\n---\nText.\n");
  CHECK(draft.draft);
  CHECK(draft.section == "posts");
  CHECK(draft.title == "An idea");
}

TEST_CASE("on a Hugo site built with a release before 0.144, an entry's anchor holds its link's URL") {
  const clubsearch::test::TempDir dir;
  dir.write("hugo.toml", "baseURL = \"https://hugo.example.org/\"\n");
  std::filesystem::create_directories(dir.path() / "content");
  const std::string post =
      "---\ntitle: Reading\n---\n\n### [Gated Sparse Autoencoders](https://arxiv.org/abs/2404.16014)\n\nA gate.\n\n"
      "### [Gated Sparse Autoencoders](https://arxiv.org/abs/2404.16014)\n\nThe same, again.\n";
  const LinkClassifier links{sources()};
  const TopicMatcher matcher{topics()};
  const Site modern = Site::discover(dir.path());
  CHECK(anchors_of(PostParser{modern, links, matcher}.parse("posts/reading.md", post)) ==
        Strings{"gated-sparse-autoencoders", "gated-sparse-autoencoders-1"});
  dir.write("netlify.toml", "[build.environment]\nHUGO_VERSION = \"0.111.3\"\n");
  const Site older = Site::discover(dir.path());
  const Post parsed = PostParser{older, links, matcher}.parse("posts/reading.md", post);
  CHECK(anchors_of(parsed) ==
        Strings{"gated-sparse-autoencodershttpsarxivorgabs240416014", "gated-sparse-autoencodershttpsarxivorgabs240416014-1"});
  REQUIRE_FALSE(parsed.entries.empty());
  CHECK(parsed.entries[0].url ==
        "https://hugo.example.org/posts/reading/#gated-sparse-autoencodershttpsarxivorgabs240416014");
}
