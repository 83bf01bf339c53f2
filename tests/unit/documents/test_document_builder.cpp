// DocumentBuilder lays out a Post as Xapian documents: golden terms each must and must not hold, values,
// data.
#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "index/papers.h"
#include "indexer/document_builder.h"
#include "indexer/spelling.h"
#include "schemas/index_schema.h"
#include "tests/support/temp_dir.h"

using namespace clubsearch;
using namespace clubsearch::indexer;
using namespace clubsearch::index;
using nlohmann::json;

namespace {

using Strings = std::vector<std::string>;
using Terms = std::set<std::string>;

const schemas::IndexSchema& schema() { return schemas::IndexSchema::builtin(); }

Terms terms_of(const Xapian::Document& document) {
  Terms terms;
  for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) terms.insert(*term);
  return terms;
}

// The terms of `terms` that start with `prefix`.
Terms with_prefix(const Terms& terms, const std::string& prefix) {
  Terms out;
  for (const std::string& term : terms)
    if (term.rfind(prefix, 0) == 0) out.insert(term);
  return out;
}

// Where `term` occurs in `document`; empty when it does not or has no positions.
std::vector<Xapian::termpos> positions_of(const Xapian::Document& document, const std::string& term) {
  std::vector<Xapian::termpos> positions;
  auto found = document.termlist_begin();
  found.skip_to(term);
  if (found == document.termlist_end() || *found != term) return positions;
  for (auto position = found.positionlist_begin(); position != found.positionlist_end(); ++position)
    positions.push_back(*position);
  return positions;
}

std::string slot(const Xapian::Document& document, const char* name) {
  return document.get_value(schema().value(name).slot);
}

LinkedItem item(std::string title, std::string url, std::string host, std::string source, std::string kind,
                std::string arxiv = "") {
  return LinkedItem{std::move(title),  std::move(url),  std::move(host),
                    std::move(source), std::move(kind), std::move(arxiv)};
}

// A Journal Club post with two entries, written out by hand as PostParser would give it.
Post journal_club() {
  Post post;
  post.path = "blog/journal_club_1.md";
  post.section = "blog";
  post.title = "Journal Club 1";
  post.date = Date{2024, 7, 10};
  post.updated = Date{2024, 8, 1};
  post.description = "Papers I read in July";
  post.tags = {"Interpretability", "ML"};
  post.categories = {"Reading"};
  post.permalink = "https://blog.example.org/blog/journal-club-1/";
  post.intro = "Welcome to the club";
  post.body = "Welcome to the club\nFarewell thoughts";
  post.mentions = {item("Older musings", "https://www.lesswrong.com/posts/abc/older/", "lesswrong.com",
                        "LessWrong", "forum")};
  post.topics = {"Interpretability", "ML", "Reading"};

  Entry refusal;
  refusal.heading = "Refusal direction";
  refusal.anchor = "refusal-direction";
  refusal.url = post.permalink + "#refusal-direction";
  refusal.line = 7;
  refusal.items = {item("Refusal is mediated", "https://arxiv.org/abs/2406.11717v2", "arxiv.org", "arXiv",
                        "paper", "2406.11717")};
  refusal.commentary = "Ablating works";
  refusal.mentions = {item("Steering vectors", "HTTP://www.Example.COM/Steer/Page/#section", "example.com",
                           "example.com", "blog")};
  refusal.topics = {"Refusal", "Interpretability"};

  Entry notebook;
  notebook.heading = "Colab walkthrough";
  notebook.anchor = "colab-walkthrough";
  notebook.url = post.permalink + "#colab-walkthrough";
  notebook.line = 15;
  notebook.items = {
      item("Walkthrough", "https://colab.research.google.com/drive/xyz", "colab.research.google.com",
           "Google Colab", "notebook"),
      item("Companion", "https://arxiv.org/pdf/2406.11717", "arxiv.org", "arXiv", "paper", "2406.11717"),
      item("Mirror", "https://colab.research.google.com/drive/abc", "colab.research.google.com",
           "Google Colab", "notebook")};
  notebook.commentary = "Runs quickly";
  notebook.topics = {"Notebooks"};

  post.entries = {refusal, notebook};
  return post;
}

std::vector<IndexedDocument> build(const Post& post) { return DocumentBuilder(schema()).build(post); }

bool has(const Terms& terms, const std::string& term) { return terms.count(term) == 1; }

}  // namespace

// ---- Golden terms -------------------------------------------------------------------------

TEST_CASE("a post gives one document per entry and then one for the post itself") {
  const auto documents = build(journal_club());
  REQUIRE(documents.size() == 3);
  CHECK(has(terms_of(documents[0].document), "XTYPEentry"));
  CHECK(has(terms_of(documents[1].document), "XTYPEentry"));
  CHECK(has(terms_of(documents[2].document), "XTYPEpost"));
  CHECK(documents[2].id == DocumentBuilder::post_id("blog/journal_club_1.md"));
}

TEST_CASE(
    "an entry document holds its id, file, type, section, source, kind, topic, tag, arXiv, host, URL and "
    "date terms") {
  const auto documents = build(journal_club());
  REQUIRE(documents.size() == 3);
  const Terms terms = terms_of(documents[0].document);
  const DocumentBuilder builder(schema());
  for (const std::string& term : Strings{
           builder.id_term(documents[0].id),
           "Q" + documents[0].id,
           builder.file_term("blog/journal_club_1.md"),
           "XFILE" + DocumentBuilder::post_id("blog/journal_club_1.md"),
           "XTYPEentry",
           "XSECTIONblog",
           "XSOURCEarxiv",
           "XKINDpaper",
           "XTOPICrefusal",
           "XTOPICinterpretability",
           "Kinterpretability",
           "Kml",
           "Kreading",
           "XARXIV2406.11717",
           "Harxiv.org",
           "Hexample.com",
           "Uarxiv.org/abs/2406.11717v2",
           "Uexample.com/Steer/Page",
           "Y2024",
           "M202407",
           "D20240710",
       })
    CHECK_MESSAGE(has(terms, term), "missing " << term);
}

TEST_CASE("an entry document holds none of the other entry's or the post's own terms") {
  const auto documents = build(journal_club());
  REQUIRE(documents.size() == 3);
  const Terms terms = terms_of(documents[0].document);
  for (const std::string& term : Strings{
           "XTYPEpost", "Q" + DocumentBuilder::post_id("blog/journal_club_1.md"), "XSOURCEgoogle colab",
           "XKINDnotebook", "XTOPICnotebooks",
           "XTOPICml",            // a post topic, not this entry's
           "XSOURCEexample.com",  // mentions are not the entry's source
           "XKINDblog", "XSOURCElesswrong", "Hlesswrong.com", "Hcolab.research.google.com",
           "XPAPERwalkthrough",
           "run",      // the other entry's commentary
           "farewel",  // the post's own text outside entries
           "XDESCpaper",
           "Sjournal",  // the post title is XPOST here, not S
       })
    CHECK_MESSAGE(!has(terms, term), "unexpected " << term);
  CHECK(with_prefix(terms, "XDESC").empty());
  CHECK(with_prefix(terms, "XTYPE") == Terms{"XTYPEentry"});
  CHECK(with_prefix(terms, "Q").size() == 1);
}

TEST_CASE(
    "an entry's text is indexed by its stems, unprefixed and under its field's prefix, with positions") {
  // schemas/index.toml: stemming = "all" (stems only, no Z-prefixed copies); paper XPAPER,
  // title S, post XPOST, mention XMENTION; the commentary has no prefix of its own, and
  // the post title and mention titles (weight 0) are searched through their prefix only.
  const auto documents = build(journal_club());
  REQUIRE(documents.size() == 3);
  const Xapian::Document& document = documents[0].document;
  const Terms terms = terms_of(document);
  for (const std::string& term : Strings{
           "XPAPERrefus",
           "XPAPERmediat",
           "XPAPERis",  // item titles
           "Srefus",
           "Sdirect",  // heading
           "XPOSTjournal",
           "XPOSTclub",
           "XPOST1",  // post title
           "XMENTIONsteer",
           "XMENTIONvector",  // mention titles
           "ablat",
           "work",  // commentary
           "refus",
           "mediat",
           "direct",
       })
    CHECK_MESSAGE(has(terms, term), "missing " << term);
  for (const std::string& term : Strings{"refusal", "ablating", "XPAPERrefusal", "Srefusal", "Zrefus",
                                         "ZXPAPERrefus", "journal", "club", "steer", "vector"})
    CHECK_MESSAGE(!has(terms, term), "unexpected " << term);
  CHECK(with_prefix(terms, "Z").empty());
  CHECK(with_prefix(terms, "XBODY").empty());
  CHECK_FALSE(positions_of(document, "refus").empty());
  CHECK_FALSE(positions_of(document, "XPAPERmediat").empty());
}

TEST_CASE("no phrase spans two fields of one document") {
  // The commentary has no prefixed copy, so only a position gap keeps its last word from
  // forming a phrase with the first word of the heading's copy indexed after it.
  Post post = journal_club();
  post.entries.resize(1);
  post.entries[0].items.clear();
  post.entries[0].heading = "beta";
  post.entries[0].commentary = "alpha";
  const Xapian::Document document = build(post)[0].document;
  const auto alpha = positions_of(document, "alpha");
  const auto beta = positions_of(document, "beta");
  REQUIRE_FALSE(alpha.empty());
  REQUIRE_FALSE(beta.empty());
  for (Xapian::termpos a : alpha)
    for (Xapian::termpos b : beta)
      CHECK_MESSAGE((b != a + 1 && a != b + 1), "alpha at " << a << ", beta at " << b);
}

TEST_CASE("an entry with several items has every source and kind as terms and each once in the value lists") {
  const auto documents = build(journal_club());
  REQUIRE(documents.size() == 3);
  const Xapian::Document& document = documents[1].document;
  const Terms terms = terms_of(document);
  CHECK(with_prefix(terms, "XSOURCE") == Terms{"XSOURCEgoogle colab", "XSOURCEarxiv"});
  CHECK(with_prefix(terms, "XKIND") == Terms{"XKINDnotebook", "XKINDpaper"});
  CHECK(with_prefix(terms, "XPAPER").count("XPAPERcompanion") == 1);
  CHECK(has(terms, "Uarxiv.org/pdf/2406.11717"));
  CHECK(has(terms, "Ucolab.research.google.com/drive/xyz"));
  CHECK(has(terms, "Ucolab.research.google.com/drive/abc"));
  CHECK(slot(document, "source") == "Google Colab\narXiv");
  CHECK(slot(document, "kind") == "notebook\npaper");
}

TEST_CASE("the post document holds the post's terms and no entry's") {
  const auto documents = build(journal_club());
  REQUIRE(documents.size() == 3);
  const Terms terms = terms_of(documents[2].document);
  const std::string post_id = DocumentBuilder::post_id("blog/journal_club_1.md");
  for (const std::string& term : Strings{
           "Q" + post_id,
           "XFILE" + post_id,
           "XTYPEpost",
           "XSECTIONblog",
           "XTOPICinterpretability",
           "XTOPICml",
           "XTOPICreading",
           "Kinterpretability",
           "Kml",
           "Kreading",
           "Sjournal",
           "Sclub",
           "S1",  // post title under S
           "XDESCpaper",
           "XDESCjuli",
           "XDESCread",  // description
           "welcom",
           "farewel",
           "thought",  // text outside entries
           "XMENTIONolder",
           "Hlesswrong.com",
           "Ulesswrong.com/posts/abc",  // a LessWrong post by its id (schemas/urls.toml)
           "Y2024",
           "M202407",
           "D20240710",
       })
    CHECK_MESSAGE(has(terms, term), "missing " << term);
  for (const std::string& term : Strings{"XTYPEentry", "ablat", "run", "refus", "XTOPICrefusal", "Harxiv.org",
                                         "XARXIV2406.11717", "XPOSTjournal", "XMENTIONsteer"})
    CHECK_MESSAGE(!has(terms, term), "unexpected " << term);
  CHECK(with_prefix(terms, "XPAPER").empty());
  CHECK(with_prefix(terms, "XSOURCE").empty());
  CHECK(with_prefix(terms, "XKIND").empty());
}

TEST_CASE("URL terms drop the scheme, www., trailing slashes and the fragment, and lowercase only the host") {
  Post post = journal_club();
  post.entries.resize(1);
  post.entries[0].mentions = {};
  post.entries[0].items = {
      item("A", "https://WWW.Example.org/Path/To/", "example.org", "example.org", "other"),
      item("B", "http://example.org/other#frag", "example.org", "example.org", "other"),
      item("C", "example.net/bare", "", "", "other")};
  const auto documents = build(post);
  const Terms urls = with_prefix(terms_of(documents[0].document), "U");
  CHECK(urls == Terms{"Uexample.org/Path/To", "Uexample.org/other", "Uexample.net/bare"});
}

TEST_CASE("URL terms are keyed as the URL table says: tracking, mirrors and a platform's paths") {
  Post post = journal_club();
  post.entries.resize(1);
  post.entries[0].mentions = {};
  post.entries[0].items = {
      item("A", "https://www.alignmentforum.org/posts/ABC123/some-slug?utm_source=x", "alignmentforum.org",
           "AI Alignment Forum", "forum"),
      item("B", "https://x.com/someone/status/42?s=20", "x.com", "X", "social")};
  const Terms urls = with_prefix(terms_of(build(post)[0].document), "U");
  CHECK(urls == Terms{"Ulesswrong.com/posts/ABC123", "Utwitter.com/i/status/42"});
}

TEST_CASE("an entry's items are its item terms too; its mentions and the post's are not") {
  const auto documents = build(journal_club());
  REQUIRE(documents.size() == 3);
  CHECK(with_prefix(terms_of(documents[0].document), "XITEM") ==
        Terms{"XITEMUarxiv.org/abs/2406.11717v2", "XITEMXARXIV2406.11717"});
  CHECK(with_prefix(terms_of(documents[1].document), "XITEM") ==
        Terms{"XITEMUcolab.research.google.com/drive/xyz", "XITEMUarxiv.org/pdf/2406.11717",
              "XITEMXARXIV2406.11717", "XITEMUcolab.research.google.com/drive/abc"});
  // The mention of the first entry and the post's own mention are linked, not what they are about.
  CHECK(has(terms_of(documents[0].document), "Uexample.com/Steer/Page"));
  CHECK(with_prefix(terms_of(documents[2].document), "XITEM").empty());
  CHECK(has(terms_of(documents[2].document), "Ulesswrong.com/posts/abc"));
}

TEST_CASE("each document holds its place on the site: the post's path, and an entry's anchor after it") {
  Post post = journal_club();
  Entry anchorless = post.entries[1];
  anchorless.anchor.clear();
  anchorless.url = post.permalink;
  anchorless.heading = "No heading of its own";
  post.entries.push_back(anchorless);
  const auto documents = build(post);
  REQUIRE(documents.size() == 4);
  CHECK(with_prefix(terms_of(documents[0].document), "XPERMALINK") ==
        Terms{"XPERMALINK/blog/journal-club-1#refusal-direction"});
  CHECK(with_prefix(terms_of(documents[1].document), "XPERMALINK") ==
        Terms{"XPERMALINK/blog/journal-club-1#colab-walkthrough"});
  // An entry without an anchor is the post's place and "#", never the post's own key.
  CHECK(with_prefix(terms_of(documents[2].document), "XPERMALINK") == Terms{"XPERMALINK/blog/journal-club-1#"});
  CHECK(with_prefix(terms_of(documents[3].document), "XPERMALINK") == Terms{"XPERMALINK/blog/journal-club-1"});
  // Without a base URL the permalink is a site path: the same key.
  post.permalink = "/blog/journal-club-1/";
  CHECK(with_prefix(terms_of(build(post)[3].document), "XPERMALINK") == Terms{"XPERMALINK/blog/journal-club-1"});
}

TEST_CASE("a URL longer than 200 bytes is stored as a hash of itself") {
  Post post = journal_club();
  post.entries.resize(1);
  post.entries[0].mentions = {};
  const std::string long_url = "https://example.org/" + std::string(300, 'a');
  post.entries[0].items = {item("Long", long_url, "example.org", "example.org", "other")};
  const Terms urls = with_prefix(terms_of(build(post)[0].document), "U");
  REQUIRE(urls.size() == 1);
  const std::string term = *urls.begin();
  CHECK(term.rfind("U#", 0) == 0);
  CHECK(term.size() == 2 + 16);
  CHECK(term.find_first_not_of("0123456789abcdef", 2) == std::string::npos);

  Post other = post;
  other.entries[0].items[0].url = "https://example.org/" + std::string(300, 'b');
  CHECK(with_prefix(terms_of(build(other)[0].document), "U") != urls);
}

TEST_CASE(
    "no term exceeds 245 bytes, even for a 1,000-byte tag, and the document can be written to a database") {
  Post post = journal_club();
  post.tags = {std::string(1000, 't')};
  std::string accented;
  for (int i = 0; i < 500; ++i) accented += "\xc3\xa9";  // 1,000 bytes of "é"
  post.categories = {accented};
  post.entries[0].topics.push_back(std::string(1000, 'p'));
  post.entries[0].items[0].host = std::string(250, 'h') + ".org";
  const auto documents = build(post);
  const clubsearch::test::TempDir dir;
  Xapian::WritableDatabase database((dir.path() / "db").string(),
                                    Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
  for (const IndexedDocument& indexed : documents) {
    for (const std::string& term : terms_of(indexed.document))
      CHECK_MESSAGE(term.size() <= 245, term.substr(0, 20));
    CHECK_NOTHROW(database.add_document(indexed.document));
  }
  CHECK_NOTHROW(database.commit());
  // A cut never splits a UTF-8 sequence: the truncated category ends on a whole "é".
  for (const std::string& term : with_prefix(terms_of(documents[0].document), "K\xc3\xa9")) {
    CHECK(term.size() % 2 == 1);
    CHECK(term.substr(term.size() - 2) == "\xc3\xa9");
  }
}

// ---- Values ---------------------------------------------------------------------------------

TEST_CASE("entry values hold the date, year, month, section, sources, kinds, topics, post id and type") {
  const auto documents = build(journal_club());
  REQUIRE(documents.size() == 3);
  const Xapian::Document& document = documents[0].document;
  CHECK(slot(document, "date") == "20240710");
  CHECK(slot(document, "year") == "2024");
  CHECK(slot(document, "month") == "2024-07");
  CHECK(slot(document, "section") == "blog");
  CHECK(slot(document, "source") == "arXiv");
  CHECK(slot(document, "kind") == "paper");
  CHECK(slot(document, "topic") == "Refusal\nInterpretability");
  CHECK(slot(document, "post") == DocumentBuilder::post_id("blog/journal_club_1.md"));
  CHECK(slot(document, "type") == "entry");
}

TEST_CASE("post values hold the post's topics, id and type, and no sources or kinds") {
  const auto documents = build(journal_club());
  const Xapian::Document& document = documents.back().document;
  CHECK(slot(document, "topic") == "Interpretability\nML\nReading");
  CHECK(slot(document, "post") == DocumentBuilder::post_id("blog/journal_club_1.md"));
  CHECK(slot(document, "type") == "post");
  CHECK(slot(document, "date") == "20240710");
  CHECK(slot(document, "source").empty());
  CHECK(slot(document, "kind").empty());
}

TEST_CASE("a list value never holds a newline inside one of its items") {
  Post post = journal_club();
  post.entries.resize(1);
  post.entries[0].topics = {"Two\nlines", "Other"};
  CHECK(slot(build(post)[0].document, "topic") == "Two lines\nOther");
}

TEST_CASE("an undated post has no date terms and no date values") {
  Post post = journal_club();
  post.date.reset();
  for (const IndexedDocument& indexed : build(post)) {
    const Terms terms = terms_of(indexed.document);
    CHECK(with_prefix(terms, "D").empty());
    CHECK(with_prefix(terms, "M").empty());
    CHECK(with_prefix(terms, "Y").empty());
    CHECK(slot(indexed.document, "date").empty());
    CHECK(slot(indexed.document, "year").empty());
    CHECK(slot(indexed.document, "month").empty());
    CHECK(json::parse(indexed.document.get_data())["post"]["date"].is_null());
  }
}

TEST_CASE("a post at the top level has no section term or value") {
  Post post = journal_club();
  post.path = "about.md";
  post.section = "";
  for (const IndexedDocument& indexed : build(post)) {
    CHECK(with_prefix(terms_of(indexed.document), "XSECTION").empty());
    CHECK(slot(indexed.document, "section").empty());
  }
}

// ---- Stored record ---------------------------------------------------------------------------

TEST_CASE("an entry's stored record says what a result shows without reading the post again") {
  const auto documents = build(journal_club());
  const json record = json::parse(documents[0].document.get_data());
  CHECK(record["id"] == documents[0].id);
  CHECK(record["type"] == "entry");
  CHECK(record["title"] == "Refusal direction");
  CHECK(record["url"] == "https://blog.example.org/blog/journal-club-1/#refusal-direction");
  CHECK(record["anchor"] == "refusal-direction");
  CHECK(record["line"] == 7);
  CHECK(record["commentary"] == "Ablating works");
  CHECK(record["topics"] == json({"Refusal", "Interpretability"}));
  REQUIRE(record["items"].size() == 1);
  CHECK(record["items"][0] == json({{"title", "Refusal is mediated"},
                                    {"url", "https://arxiv.org/abs/2406.11717v2"},
                                    {"host", "arxiv.org"},
                                    {"source", "arXiv"},
                                    {"kind", "paper"},
                                    {"arxiv", "2406.11717"},
                                    {"paper", clubsearch::index::paper_id("arxiv:2406.11717")},
                                    {"date", "2024-06"}}));
  REQUIRE(record["mentions"].size() == 1);
  CHECK(record["mentions"][0]["title"] == "Steering vectors");
  CHECK_FALSE(record["mentions"][0].contains("arxiv"));
  const json& post = record["post"];
  CHECK(post["id"] == DocumentBuilder::post_id("blog/journal_club_1.md"));
  CHECK(post["path"] == "blog/journal_club_1.md");
  CHECK(post["title"] == "Journal Club 1");
  CHECK(post["section"] == "blog");
  CHECK(post["url"] == "https://blog.example.org/blog/journal-club-1/");
  CHECK(post["date"] == "2024-07-10");
  // The rest of the post is in its own document, not repeated in every entry.
  for (const char* key : {"description", "tags", "categories", "updated"}) CHECK_FALSE(post.contains(key));
  const json whole = json::parse(documents.back().document.get_data());
  CHECK(whole["post"]["description"] == "Papers I read in July");
  CHECK(whole["post"]["tags"] == json({"Interpretability", "ML"}));
  CHECK(whole["post"]["categories"] == json({"Reading"}));
  CHECK(whole["post"]["updated"] == "2024-08-01");
}

TEST_CASE("the post's stored record holds its intro, body, mentions and number of entries") {
  const auto documents = build(journal_club());
  const json record = json::parse(documents.back().document.get_data());
  CHECK(record["id"] == DocumentBuilder::post_id("blog/journal_club_1.md"));
  CHECK(record["type"] == "post");
  CHECK(record["title"] == "Journal Club 1");
  CHECK(record["url"] == "https://blog.example.org/blog/journal-club-1/");
  CHECK(record["intro"] == "Welcome to the club");
  CHECK(record["commentary"] == "Welcome to the club\nFarewell thoughts");
  CHECK(record["entries"] == 2);
  CHECK(record["items"].empty());
  REQUIRE(record["mentions"].size() == 1);
  CHECK(record["mentions"][0]["source"] == "LessWrong");
  CHECK(record["topics"] == json({"Interpretability", "ML", "Reading"}));
}

TEST_CASE("a stored record is valid JSON even when the post holds invalid UTF-8") {
  Post post = journal_club();
  post.entries[0].commentary = "bad \xff byte";
  const auto documents = build(post);
  REQUIRE(json::accept(documents[0].document.get_data()));
  CHECK(json::parse(documents[0].document.get_data())["commentary"] == "bad \ufffd byte");
}

// ---- Ids --------------------------------------------------------------------------------------

TEST_CASE("ids are the same when the same post is built twice and differ between entries") {
  const auto first = build(journal_club());
  const auto second = build(journal_club());
  REQUIRE(first.size() == second.size());
  for (std::size_t i = 0; i < first.size(); ++i) CHECK(first[i].id == second[i].id);
  std::set<std::string> ids;
  for (const IndexedDocument& indexed : first) ids.insert(indexed.id);
  CHECK(ids.size() == first.size());
}

TEST_CASE("ids do not depend on the entry's commentary, so an edited comment replaces its document") {
  Post edited = journal_club();
  edited.entries[0].commentary = "A different comment";
  CHECK(build(edited)[0].id == build(journal_club())[0].id);
}

TEST_CASE("the same entry in two posts gets two ids") {
  Post other = journal_club();
  other.path = "blog/journal_club_2.md";
  CHECK(build(other)[0].id != build(journal_club())[0].id);
  CHECK(build(other).back().id != build(journal_club()).back().id);
}

TEST_CASE("two entries with identical headings, anchors and links in one post get different ids") {
  Post post = journal_club();
  post.entries = {post.entries[0], post.entries[0], post.entries[0]};
  const auto documents = build(post);
  REQUIRE(documents.size() == 4);
  CHECK(documents[0].id != documents[1].id);
  CHECK(documents[1].id != documents[2].id);
  CHECK(documents[0].id != documents[2].id);
  CHECK(build(post)[2].id == documents[2].id);
}

TEST_CASE("a post without entries is one post document with its whole text") {
  Post post = journal_club();
  post.entries.clear();
  const auto documents = build(post);
  REQUIRE(documents.size() == 1);
  const Terms terms = terms_of(documents[0].document);
  CHECK(has(terms, "XTYPEpost"));
  CHECK(has(terms, "welcom"));
  CHECK(has(terms, "farewel"));
  CHECK(json::parse(documents[0].document.get_data())["entries"] == 0);
}

// ---- Spelling -----------------------------------------------------------------------------------

TEST_CASE("spelling words are the document's lowercase ASCII words of 2 to 32 characters") {
  Post post = journal_club();
  post.entries.resize(1);
  post.entries[0].commentary = "Sparse autoencoders in 2024 a x \u7a00\u758f caf\u00e9 " +
                               std::string(33, 'q') + " " + std::string(32, 'w') + " gpt4";
  const auto documents = build(post);
  const Strings words = spelling_words(documents[0].spelling_text);
  CHECK(documents[0].spelling_text == spelling_text_of(documents[0].document));
  for (const std::string& word : words) {
    CHECK_MESSAGE(word.size() >= 2, word);
    CHECK_MESSAGE(word.size() <= 32, word);
    CHECK_MESSAGE(std::all_of(word.begin(), word.end(),
                              [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }),
                  word);
    CHECK_MESSAGE(word[0] >= 'a', word);
  }
  const auto has_word = [&](const std::string& word) {
    return std::find(words.begin(), words.end(), word) != words.end();
  };
  CHECK(has_word("sparse"));
  CHECK(has_word("autoencoders"));
  CHECK(has_word("in"));
  CHECK(has_word(std::string(32, 'w')));
  CHECK_FALSE(has_word("2024"));
  CHECK_FALSE(has_word("a"));
  CHECK_FALSE(has_word("x"));
  CHECK_FALSE(has_word(std::string(33, 'q')));
  CHECK_FALSE(has_word("caf\u00e9"));
  CHECK_FALSE(has_word("autoencod"));  // stems are not words
  CHECK(std::set<std::string>(words.begin(), words.end()).size() == words.size());
}
