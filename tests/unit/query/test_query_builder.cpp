// Golden tests of query parsing, in the style of Xapian's api_queryparser.cc: the text a
// user types → the description of the Xapian query QueryBuilder builds from it; every
// QueryError with its message, position and hint; date bounds; and RequestErrors.
#include <doctest/doctest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "index/link_keys.h"
#include "query/query_builder.h"
#include "query/search_request.h"
#include "schemas/index_schema.h"
#include "schemas/stopword_list.h"
#include "tests/unit/query/query_fixture.h"

using clubsearch::query::BuiltQuery;
using clubsearch::query::date_bound;
using clubsearch::query::QueryBuilder;
using clubsearch::query::QueryError;
using clubsearch::query::RequestError;
using clubsearch::query::SearchRequest;
using clubsearch::schemas::IndexSchema;
using clubsearch::schemas::StopwordList;

namespace {

constexpr std::size_t npos = std::string::npos;

// A tiny site whose index has the built-in synonym table, a spelling table, and one entry
// with more words sharing a prefix than a wildcard may expand to.
const clubsearch::test::FixtureIndex& tiny_index() {
  static const clubsearch::test::TempDir site;
  static const std::unique_ptr<clubsearch::test::FixtureIndex> index = [] {
    site.write("journal-club/2024-06-21-club.md", R"(+++
title = "Journal Club: refusal and dictionaries"
date = 2024-06-21
[taxonomies]
tags = ["refusal", "RLHF"]
+++

What we read this week.

#### [Refusal in Language Models Is Mediated by a Single Direction](https://arxiv.org/abs/2406.11717)

A single direction mediates refusal in chat models. Sparse autoencoders find the same
feature; SAEs are dictionaries of features.

#### [Towards Monosemanticity](https://transformer-circuits.pub/2023/monosemantic-features)

Dictionary learning with an autoencoder: autoencoders, autoencoding and interpretability.
)");
    // zork0..zork63 are in two posts, zork64..zork69 in one: a wildcard bounded to the
    // 64 most frequent terms expands to the first 64 only.
    std::string common, rare;
    for (int i = 0; i < 64; ++i) common += "zork" + std::to_string(i) + " ";
    for (int i = 64; i < 70; ++i) rare += "zork" + std::to_string(i) + " ";
    const std::string front = "+++\ntitle = \"Many words\"\ndate = 2025-01-02\n+++\n\n";
    site.write("notes/common-words-1.md", front + common + "\n");
    site.write("notes/common-words-2.md", front + common + "\n");
    site.write("notes/rare-words.md", front + rare + "\n");
    return clubsearch::test::detail::build_index("tiny site",
                                                 clubsearch::indexer::Site::discover(site.path()));
  }();
  return *index;
}

const QueryBuilder& builder() {
  static const QueryBuilder instance(tiny_index().db, IndexSchema::builtin(), StopwordList::builtin());
  return instance;
}

// The documents a query finds (its title boost only ranks them; tested on its own below),
// the words as typed: completing the last word and correcting typos are tested apart.
std::string parsed(const std::string& text) {
  return builder().build(text, true, false).match.get_description();
}

struct Golden {
  const char* text;
  const char* description;
};

void check_goldens(const std::vector<Golden>& goldens) {
  for (const Golden& golden : goldens) {
    const std::string text = golden.text;
    CAPTURE(text);
    try {
      const std::string expected = golden.description;
      CHECK(parsed(text) == expected);
    } catch (const QueryError& error) {
      FAIL_CHECK("QueryError: " << error.what() << " at " << error.position());
    }
  }
}

struct ExpectedError {
  const char* text;
  const char* message;
  std::size_t position;
  const char* hint;
};

void check_errors(const std::vector<ExpectedError>& cases) {
  for (const ExpectedError& expected : cases) {
    const std::string text = expected.text;
    CAPTURE(text);
    try {
      const BuiltQuery built = builder().build(text, true);
      FAIL_CHECK("no QueryError; built " << built.query.get_description());
    } catch (const QueryError& error) {
      CHECK(std::string(error.what()) == std::string(expected.message));
      CHECK(error.position() == expected.position);
      CHECK(error.hint() == std::string(expected.hint));
    }
  }
}

// A free word, as matched.
#define WORD(stem, pos) stem "@" pos
// A synonym's alternative weighs less than the words as typed.
#define SYNONYM "0.69999999999999995559 * "

}  // namespace

TEST_CASE("a free word is stemmed and searched in the text and again in paper and heading titles") {
  check_goldens({
      {"refusal", "Query(" WORD("refus", "1") ")"},
      {"Dictionaries", "Query(" WORD("dictionari", "1") ")"},
      {"refusal direction", "Query((" WORD("refus", "1") " AND " WORD("direct", "2") "))"},
  });
}

TEST_CASE("a quoted phrase matches its words in order, in each searched field") {
  check_goldens({
      {"\"single direction\"", "Query((singl@1 PHRASE 2 direct@2))"},
      {"refusal \"single direction\"", "Query((refus@1 AND (singl@2 PHRASE 2 direct@3)))"},
  });
}

TEST_CASE("AND, OR and NOT in capitals are operators") {
  check_goldens({
      {"refusal AND direction", "Query((" WORD("refus", "1") " AND " WORD("direct", "2") "))"},
      {"refusal OR direction", "Query((refus@1 OR direct@2))"},
      {"refusal NOT jailbreak", "Query((" WORD("refus", "1") " AND_NOT " WORD("jailbreak", "2") "))"},
      {"refusal AND NOT jailbreak", "Query((" WORD("refus", "1") " AND_NOT " WORD("jailbreak", "2") "))"},
      {"(refusal OR jailbreak) direction", "Query(((refus@1 OR jailbreak@2) AND direct@3))"},
      {"NOT jailbreak", "Query((<alldocuments> AND_NOT " WORD("jailbreak", "1") "))"},
  });
}

TEST_CASE("and, or and not in lower case are ordinary stopwords") {
  check_goldens({
      {"refusal and direction", "Query((" WORD("refus", "1") " AND " WORD("direct", "3") "))"},
      {"refusal or not", "Query(" WORD("refus", "1") ")"},
  });
}

TEST_CASE("-word excludes and +word requires") {
  check_goldens({
      {"refusal -jailbreak", "Query((" WORD("refus", "1") " AND_NOT " WORD("jailbreak", "2") "))"},
      {"+refusal direction", "Query((" WORD("refus", "1") " AND " WORD("direct", "2") "))"},
      {"-source:arxiv refusal", "Query((" WORD("refus", "1") " AND_NOT XSOURCEarxiv))"},
  });
}

TEST_CASE("a lone -word excludes it rather than searching for it") {
  check_goldens({{"-jailbreak", "Query((<alldocuments> AND_NOT " WORD("jailbreak", "1") "))"}});
}

TEST_CASE("a prefix wildcard expands in every searched field") {
  check_goldens({
      {"autoenc*", "Query(WILDCARD SYNONYM autoenc)"},
  });
}

TEST_CASE("a wildcard matching more terms than the bound expands to the most frequent, without an error") {
  const auto& index = tiny_index();
  const BuiltQuery built = builder().build("zork*", true);
  Xapian::Enquire enquire(index.db);
  enquire.set_query(built.query);
  Xapian::MSet matches;
  REQUIRE_NOTHROW(matches = enquire.get_mset(0, 10));
  std::set<std::string> paths;
  for (auto match = matches.begin(); match != matches.end(); ++match)
    paths.insert(index.document(*match).record.at("post").at("path").get<std::string>());
  CHECK(paths == std::set<std::string>{"notes/common-words-1.md", "notes/common-words-2.md"});
}

TEST_CASE("each text field searches its own prefix") {
  check_goldens({
      {"title:refusal", "Query(Srefus@1)"},
      {"Title:Refusal", "Query(Srefus@1)"},
      {"paper:monosemanticity", "Query(XPAPERmonosemant@1)"},
      {"post:journal", "Query(XPOSTjournal@1)"},
      {"title:\"single direction\"", "Query((Ssingl@1 PHRASE 2 Sdirect@2))"},
  });
}

TEST_CASE("each filter field matches its lowercased value exactly, without weight") {
  check_goldens({
      {"section:Notes", "Query(0 * XSECTIONnotes)"},
      {"source:arXiv", "Query(0 * XSOURCEarxiv)"},
      {"source:LESSWRONG", "Query(0 * XSOURCElesswrong)"},
      {"kind:Paper", "Query(0 * XKINDpaper)"},
      {"topic:Interpretability", "Query(0 * XTOPICinterpretability)"},
      {"tag:RLHF", "Query(0 * Krlhf)"},
      {"type:entry", "Query(0 * XTYPEentry)"},
      {"type:Post", "Query(0 * XTYPEpost)"},
      {"refusal source:arxiv", "Query((" WORD("refus", "1") " FILTER XSOURCEarxiv))"},
      {"source:arxiv source:lesswrong", "Query(0 * (XSOURCEarxiv OR XSOURCElesswrong))"},
      {"source:arxiv kind:paper", "Query(0 * (XKINDpaper AND XSOURCEarxiv))"},
  });
}

TEST_CASE("arxiv: takes an id in any of its written forms and searches the normalised id") {
  check_goldens({
      {"arxiv:2406.11717", "Query(0 * XARXIV2406.11717)"},
      {"arxiv:2406.11717v2", "Query(0 * XARXIV2406.11717)"},
      {"ARXIV:2406.11717", "Query(0 * XARXIV2406.11717)"},
      {"arXiv:2406.11717", "Query(0 * XARXIV2406.11717)"},
      {"arxiv:https://arxiv.org/abs/2406.11717v3", "Query(0 * XARXIV2406.11717)"},
      {"arxiv:hep-th/9901001v2", "Query(0 * XARXIVhep-th/9901001)"},
  });
}

TEST_CASE("host: and url: search the normalised host and URL") {
  check_goldens({
      {"host:www.Example.org", "Query(0 * Hexample.org)"},
      {"host:arxiv.org", "Query(0 * Harxiv.org)"},
      {"url:https://www.example.org/Blog/Post/#part", "Query(0 * Uexample.org/Blog/Post)"},
  });
}

TEST_CASE("a synonym is never expanded inside a field's value") {
  // "LessWrong" and "LW" are synonyms, and "AI" an acronym of "artificial intelligence":
  // a host, URL or source is one exact value, not words to widen.
  check_goldens({
      {"host:www.LessWrong.com", "Query(0 * Hlesswrong.com)"},
      {"url:https://www.lesswrong.com/posts/abc/", "Query(0 * Ulesswrong.com/posts/abc)"},
      {"source:\"AI Alignment Forum\"", "Query(0 * XSOURCEai alignment forum)"},
  });
}

TEST_CASE("year:, month: and date: filter by the date, with open-ended ranges") {
  check_goldens({
      {"year:2024", "Query(VALUE_RANGE 0 20240101 20241231)"},
      {"year:2022..2024", "Query(VALUE_RANGE 0 20220101 20241231)"},
      {"year:2024..", "Query(VALUE_GE 0 20240101)"},
      {"year:..2023", "Query(VALUE_LE 0 20231231)"},
      {"month:2024-07", "Query(0 * M202407)"},
      {"date:2024", "Query(VALUE_RANGE 0 20240101 20241231)"},
      {"date:2024-07", "Query(VALUE_RANGE 0 20240701 20240731)"},
      {"date:2024-02", "Query(VALUE_RANGE 0 20240201 20240229)"},
      {"date:2023-02", "Query(VALUE_RANGE 0 20230201 20230228)"},
      {"date:2024-07-01", "Query(VALUE_RANGE 0 20240701 20240701)"},
      {"date:2024-07..2024-09", "Query(VALUE_RANGE 0 20240701 20240930)"},
      {"date:2024-06-21..2024-07", "Query(VALUE_RANGE 0 20240621 20240731)"},
      {"date:..2023-06", "Query(VALUE_LE 0 20230630)"},
      {"date:2024..", "Query(VALUE_GE 0 20240101)"},
      {"refusal year:2024", "Query((" WORD("refus", "1") " FILTER VALUE_RANGE 0 20240101 20241231))"},
  });
}

// A level of a pasted link's lookup: the documents holding `terms`, each weighing `weight`.
std::string level(int weight, const std::string& terms) {
  return "PostingSource(Xapian::FixedWeightPostingSource(wt=" + std::to_string(weight) + ")) FILTER " + terms;
}

TEST_CASE("a pasted link is looked up by its page on the blog, then what is about it, then what links it") {
  // The tiny site has no base URL: any host may be the blog's own. Its page (4), a post's
  // entries by the post's URL (3), the entries about the link (2), those that link it (1),
  // a document counting at its best level.
  CHECK(parsed("http://Example.ORG/Page#frag") ==
        "Query(((" + level(4, "XPERMALINK/Page#frag") + ") MAX (" + level(2, "XITEMUexample.org/Page") +
            ") MAX (" + level(1, "Uexample.org/Page") + ")))");
  CHECK(parsed("https://transformer-circuits.pub/2023/monosemantic-features/?utm_source=x") ==
        "Query(((" + level(4, "XPERMALINK/2023/monosemantic-features") + ") MAX (" +
            level(3, "WILDCARD SYNONYM XPERMALINK/2023/monosemantic-features#") + ") MAX (" +
            level(2, "XITEMUtransformer-circuits.pub/2023/monosemantic-features") + ") MAX (" +
            level(1, "Utransformer-circuits.pub/2023/monosemantic-features") + ")))");
  // A bare arXiv id has no page of its own.
  const std::string paper =
      "Query(((" + level(2, "XITEMXARXIV2406.11717") + ") MAX (" + level(1, "XARXIV2406.11717") + ")))";
  CHECK(parsed("2406.11717") == paper);
  CHECK(parsed("2406.11717v3") == paper);
  // An arXiv link is its id and its URL.
  for (const std::string& link :
       std::vector<std::string>{"https://arxiv.org/abs/2406.11717", "https://arxiv.org/pdf/2406.11717v2",
                                "arxiv.org/pdf/2406.11717v2.pdf", "http://export.arxiv.org/abs/2406.11717"}) {
    CAPTURE(link);
    const std::string description = parsed(link);
    CHECK(description.find(level(2, "(XITEMUarxiv.org/")) != npos);
    CHECK(description.find(" OR XITEMXARXIV2406.11717)") != npos);
    CHECK(description.find(level(1, "(Uarxiv.org/")) != npos);
    CHECK(description.find(" OR XARXIV2406.11717)") != npos);
  }
}

TEST_CASE("a long pasted link is looked up by its hashed key") {
  const std::string long_link = "https://example.org/" + std::string(300, 'a') + "?utm_source=x";
  const std::string key = clubsearch::index::url_key(long_link);
  REQUIRE(key.front() == '#');
  CHECK(parsed(long_link).find(level(1, "U" + key)) != npos);
}

TEST_CASE("a pasted link is the same lookup however it is written") {
  const std::string lesswrong = parsed("https://www.lesswrong.com/posts/ABC123/some-slug");
  CHECK(lesswrong.find("XITEMUlesswrong.com/posts/ABC123)") != npos);
  for (const std::string& form : std::vector<std::string>{
           "http://lesswrong.com/posts/ABC123/some-slug/", "www.lesswrong.com/posts/ABC123/some-slug",
           "LessWrong.com/posts/ABC123/some-slug", "https://www.lesswrong.com/posts/ABC123/some-slug?utm_source=x",
           "//www.lesswrong.com/posts/ABC123/some-slug"}) {
    CAPTURE(form);
    CHECK(parsed(form) == lesswrong);
  }
  // Another form of the page (the slug, a mirror) is another page of the blog, but the
  // same link.
  const std::string mirror = parsed("https://www.alignmentforum.org/posts/ABC123");
  CHECK(mirror.find("XITEMUlesswrong.com/posts/ABC123)") != npos);
  CHECK(mirror.find(" FILTER Ulesswrong.com/posts/ABC123)") != npos);
}

TEST_CASE("a pasted link among words must match with them; a typed field stays a filter") {
  const std::string with_word = parsed("https://example.org/page refusal");
  CHECK(with_word.rfind("Query((((", 0) == 0);
  CHECK(with_word.find(") AND " WORD("refus", "2") "))") != npos);
  check_goldens({
      {"url:https://www.lesswrong.com/posts/abc/slug?utm_source=x", "Query(0 * Ulesswrong.com/posts/abc)"},
      {"arXiv:2406.11717", "Query(0 * XARXIV2406.11717)"},
      {"permalink:/journal-club/2024-06-21-club/#refusal",
       "Query(0 * XPERMALINK/journal-club/2024-06-21-club#refusal)"},
      {"refusal permalink:https://journal.example.org/journal-club/2024-06-21-club/",
       "Query((" WORD("refus", "1") " FILTER XPERMALINK/journal-club/2024-06-21-club))"},
  });
}

TEST_CASE("an acronym typed in capitals also finds its expansion, and the expansion its acronym") {
  check_goldens({
      {"SAE", "Query((sae@1 OR 0.69999999999999995559 * (spars@1 AND autoencod@2)))"},
      {"sae", "Query(" WORD("sae", "1") ")"},
      {"mech interp",
       "Query(((mech@1 AND interp@2) OR 0.69999999999999995559 * (mechanist@1 AND interpret@2) OR "
       "0.69999999999999995559 * (mech@1 AND interpret@2)))"},
  });
}

TEST_CASE("\"sparse autoencoders\" also searches the acronym SAE") {
  const std::string description = parsed("sparse autoencoders");
  CHECK(description.find(WORD("sae", "1")) != npos);
  CHECK(description.find("(spars@1 AND autoencod@2)") != npos);
  const std::string phrase = parsed("\"sparse autoencoders\"");
  CHECK(phrase.find(WORD("sae", "1")) != npos);
}

TEST_CASE("each synonym alternative is searched once, so none counts twice in the ranking") {
  // "sparse autoencoder" and "sparse autoencoders" are one phrase once stemmed, as are
  // "SAE" and "SAEs": searching both would double that alternative's weight.
  for (const std::string& text : std::vector<std::string>{"SAE", "sparse autoencoders", "PEFT", "LLMs"}) {
    CAPTURE(text);
    const Xapian::Query query = builder().build(text, true).match;
    REQUIRE(query.get_type() == Xapian::Query::OP_OR);
    std::vector<std::string> alternatives;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
      alternatives.push_back(query.get_subquery(i).get_description());
    std::sort(alternatives.begin(), alternatives.end());
    CHECK(std::adjacent_find(alternatives.begin(), alternatives.end()) == alternatives.end());
  }
}

TEST_CASE("when every word must match, the words in paper and heading titles rank a match up") {
  // The boost holds each matched word as a title term (the phrase is checked by the match
  // itself) and, apart, each word as typed in a title, each two words typed next to each
  // other as a title's pair (a term: no positions are read), and the title that is the query.
  const BuiltQuery built = builder().build("refusal \"single direction\"", true);
  CHECK(built.title_boost.get_description() ==
        "Query((1 * (XPAPERdirect OR Sdirect OR XPAPERrefus OR Srefus OR XPAPERsingl OR Ssingl) OR "
        "0.5 * (XFORMrefusal OR XFORMsingle OR XFORMdirection) OR "
        "0.5 * (XTPAIRrefus singl OR XTPAIRsingl direct) OR "
        "1 * XTKEYrefus singl direct))");
  CHECK(built.query.get_description() == "Query(((refus@1 AND (singl@2 PHRASE 2 direct@3)) AND_MAYBE " +
                                             built.title_boost.get_description().substr(6) + ")");
  // A synonym's words rank up too; a filter is not a title word.
  const BuiltQuery acronym = builder().build("SAE source:arxiv", true);
  CHECK(acronym.title_boost.get_description() ==
        "Query((1 * (XPAPERautoencod OR Sautoencod OR XPAPERsae OR Ssae OR XPAPERspars OR Sspars) OR "
        "0.5 * XFORMsae OR 1 * XTKEYsae))");
  // A question whose words are alternatives ranks by how many of its words an entry holds:
  // no boost for single title words, only for the words together and the title itself.
  const BuiltQuery question = builder().build("refusal direction", false, false);
  CHECK(question.title_boost.get_description() ==
        "Query((0.5 * XTPAIRrefus direct OR 1 * XTKEYrefus direct))");
  CHECK(question.match.get_description() == "Query((refus@1 OR direct@2))");
}

TEST_CASE("a title typed whole, or its beginning while the last word is typed, is its title's key") {
  // Stems in order: "Refusal in Language Models" and "refusal in language model" meet;
  // a possessive without its apostrophe, and curly quotes, are the same title.
  CHECK(builder().build("Refusal in Language Models", true).title_boost.get_description().find(
            "XTKEYrefus in languag model") != std::string::npos);
  CHECK(builder().build("“Anthropic’s Scaling Policy”", true).title_boost.get_description().find(
            "XTKEYanthrop scale polici") != std::string::npos);
  CHECK(builder().build("anthropic s scaling policy", true).title_boost.get_description().find(
            "XTKEYanthrop scale polici") != std::string::npos);
  // Half-typed, the title's beginning is looked up among the titles' keys.
  const std::string typing = builder().build("Towards Monosem", true).title_boost.get_description();
  CHECK(typing.find("WILDCARD SYNONYM XTKEYtoward monosem") != std::string::npos);
}

TEST_CASE("the last word is also completed, among the text's stems and the titles' words") {
  const BuiltQuery built = builder().build("refusal monosemant", true);
  CHECK(built.match.get_description() ==
        "Query((refus@1 AND (monosem OR 0.5 * (WILDCARD SYNONYM monosemant OR WILDCARD SYNONYM monosem OR "
        "WILDCARD SYNONYM XFORMmonosemant))))");
  // Nothing to complete: a word that begins no term, an excluded word, a phrase.
  CHECK(builder().build("refusal zzzq", true).match.get_description().find("WILDCARD") == std::string::npos);
  CHECK(builder().build("refusal -monosemant", true).match.get_description().find("WILDCARD") ==
        std::string::npos);
  CHECK(builder().build("refusal NOT monosemant", true).match.get_description().find("WILDCARD") ==
        std::string::npos);
  CHECK(builder().build("\"refusal direction\"", true).match.get_description().find("WILDCARD") ==
        std::string::npos);
}

TEST_CASE("a word the index does not hold is also searched as its one-edit correction") {
  // "refusl" is one edit from "refusal": searched as both, the correction weighing less.
  CHECK(builder().build("refusl direction", true).match.get_description() ==
        "Query(((refusl OR 0.5999999999999999778 * refus) AND (direct OR 0.5 * (WILDCARD SYNONYM direction OR "
        "WILDCARD SYNONYM direct OR WILDCARD SYNONYM XFORMdirection))))");
  // Two edits away is not corrected in place (the suggestion still offers it); nor are
  // acronyms or words the index holds.
  CHECK(builder().build("rfusl direction", true).match.get_description().find("refus ") == std::string::npos);
  CHECK(builder().build("XQZW direction", true, true).match.get_description().find("0.59") == std::string::npos);
}

TEST_CASE("stopwords are dropped from free text but kept inside phrases") {
  check_goldens({
      {"the refusal of a model", "Query((" WORD("refus", "2") " AND " WORD("model", "5") "))"},
      {"\"the bitter lesson\"", "Query((the@1 PHRASE 3 bitter@2 PHRASE 3 lesson@3))"},
  });
}

TEST_CASE("an acronym that is a stopword in lower case is searched when typed in capitals") {
  check_goldens({{"US policy", "Query((" WORD("us", "1") " AND " WORD("polici", "2") "))"}});
}

TEST_CASE("Chinese text needs its characters, and its character pairs rank") {
  check_goldens({
      {"中文", "Query(((中 AND 文) AND_MAYBE 中文))"},
      // No pair across two words is required: 去除 … 开屏广告 matches "去除开屏广告".
      {"去除开屏", "Query(((去 AND 除 AND 开 AND 屏) AND_MAYBE (去除 OR 除开 OR 开屏)))"},
      // Next to Latin letters, a run is a word of its own; quoted, it stays a phrase.
      {"Rust时代", "Query((rust@1 AND ((时 AND 代) AND_MAYBE 时代)))"},
      {"\"中文\"", "Query((中@1 PHRASE 2 文@1))"},
  });
}

TEST_CASE("free_words counts the words typed, not the terms they become") {
  CHECK(builder().build("refusal", true).free_words == 1);
  CHECK(builder().build("refusal direction -jailbreak", true).free_words == 3);
  CHECK(builder().build("\"single direction\"", true).free_words == 2);
  CHECK(builder().build("title:refusal source:arxiv year:2024", true).free_words == 0);
  CHECK(builder().build("arxiv.org/abs/2406.11717 www.lesswrong.com/posts/abc/slug refusal", true).free_words == 1);
  CHECK(builder().build("/journal-club/2024-06-21-club/#refusal", true).free_words == 0);
  CHECK(builder().build("the refusal of a model", true).free_words == 2);
  // Each two-character Chinese word becomes three n-gram terms; it is still one word.
  CHECK(builder().build("中文 搜索", true).free_words == 2);
}

TEST_CASE("with every_word false, words are alternatives") {
  CHECK(builder().build("refusal direction", false, false).match.get_description() ==
        "Query((refus@1 OR direct@2))");
}

TEST_CASE("with every_word false, a synonym is one more alternative, not the whole text again") {
  // The words typed and their synonym are one concept, each form weighing as one word
  // (all its words, each weighing 1/n of it), a synonym as [ranking]'s synonym says (0.7).
  CHECK(builder().build("do SAEs find features", false, false).match.get_description() ==
        "Query(((find@2 OR featur@3) OR (sae@1 OR 0.3499999999999999778 * (spars@1 AND autoencod@2))))");
  // Stopwords beside it are no other word: the synonym is an alternative as before, and
  // the stopwords are not searched on their own.
  const std::string alone = builder().build("what is an SAE", false, false).match.get_description();
  CHECK(alone.find("what") == std::string::npos);
  CHECK(alone.find("0.69999999999999995559 * (spars@1 OR autoencod@2)") != std::string::npos);
  // With structure in the text the synonym takes the word's place in it: alone, it
  // would widen what the -word or the phrase narrows.
  CHECK(builder().build("SAEs find -features", false, false).match.get_description() ==
        "Query((((sae@1 OR find@2) AND_NOT featur@3) OR 0.69999999999999995559 * "
        "((spars@1 OR autoencod@2 OR find@3) AND_NOT featur@4)))");
}

TEST_CASE("real model and method names parse as phrases of their parts") {
  check_goldens({
      {"gpt-4-turbo", "Query((gpt@1 PHRASE 3 4@2 PHRASE 3 turbo@3))"},
      {"Llama-3.1-8B", "Query((llama@1 PHRASE 3 3.1@2 PHRASE 3 8b@3))"},
      {"top-k", "Query((top@1 PHRASE 2 k@2))"},
  });
}

TEST_CASE("a compound of words joined by hyphens is searched as its words; a name with digits stays a phrase") {
  check_goldens({
      {"refusal-steering", "Query((" WORD("refus", "1") " AND " WORD("steer", "2") "))"},
      {"end-to-end", "Query((" WORD("end", "1") " AND " WORD("end", "3") "))"},
      // Not a compound of words: a one-letter part, a digit, or a leading hyphen (exclusion).
      {"x-ray", "Query((x@1 PHRASE 2 ray@2))"},
      {"refusal -single-direction", "Query((refus@1 AND_NOT (singl@2 PHRASE 2 direct@3)))"},
  });
}

TEST_CASE("text that only looks like a field is searched as words") {
  check_goldens({
      {"note: refusal", "Query((" WORD("note", "1") " AND " WORD("refus", "2") "))"},
      {"\"foo:bar\"", "Query((foo@1 PHRASE 2 bar@2))"},
  });
}

TEST_CASE("a misspelt word gets a suggestion; a correct or inflected word gets none") {
  CHECK(builder().build("refusl", true).suggestion == "refusal");
  CHECK(builder().build("refusl direction", true).suggestion == "refusal direction");
  CHECK(builder().build("autoencoders", true).suggestion.empty());
  CHECK(builder().build("dictionaries", true).suggestion.empty());
  CHECK(builder().build("refusal", true).suggestion.empty());
}

TEST_CASE("the last word being typed gets no suggestion while words of the index begin with it") {
  // On the sample blog, "atten" is one edit from "often" and "direc" from "direct": both
  // are being typed, and their completions ("attent", "direct": stems) match.
  const QueryBuilder sample(clubsearch::test::sample_blog().db, IndexSchema::builtin(), StopwordList::builtin());
  for (const std::string word : {"atten", "direc"}) {
    CAPTURE(word);
    CHECK_FALSE(sample.build(word, true, false).suggestion.empty());  // every word as typed
    CHECK(sample.build(word, true).suggestion.empty());
    CHECK(sample.build("refusal " + word, true).suggestion.empty());
    // A word before it is still corrected.
    CHECK(sample.build("refusl " + word, true).suggestion == "refusal " + word);
  }
  // A last word nothing begins with is corrected.
  CHECK(sample.build("direction refusl", true).suggestion == "direction refusal");
}

TEST_CASE("a word too short to correct in place gets no suggestion either") {
  // On the sample blog, "ne" is one edit from "one" and "ab" from "ba"; typo_min_letters
  // (4) is what a word needs to be corrected.
  const QueryBuilder sample(clubsearch::test::sample_blog().db, IndexSchema::builtin(), StopwordList::builtin());
  CHECK(sample.build("ne", true).suggestion.empty());
  CHECK(sample.build("tr", true).suggestion.empty());
  CHECK(sample.build("refusl ab", true).suggestion == "refusal ab");
}

TEST_CASE("field names, field values and links, with or without a scheme, are never spelling-corrected") {
  // On the tiny index and on the sample blog, whose larger spelling table has more words
  // near "title" ("time"), "tag" ("bag"), "org" ("or") and "com" ("come").
  const QueryBuilder sample(clubsearch::test::sample_blog().db, IndexSchema::builtin(),
                            StopwordList::builtin());
  for (const QueryBuilder* index_builder : {&builder(), &sample}) {
    for (const std::string& text :
         std::vector<std::string>{"title:refusal", "tag:RLHF", "source:arxiv", "host:arxiv.org", "type:entry",
                                  "paper:monosemanticity", "arxiv:https://arxiv.org/abs/2406.11717v2",
                                  "https://arxiv.org/pdf/2406.11717", "http://example.com/Page#frag",
                                  "arxiv:hep-th/9901001v2", "host:www.LessWrong.com", "arxiv.org/abs/2404.03592",
                                  "arxiv.org/pdf/2404.03592v2.pdf", "www.lesswrong.com/posts/abc/some-slug",
                                  "example.com/a/b", "/journal-club/2024-06-21-club/#refusal",
                                  "https://journal.example.org/notes/how-i-read-papers/#the-three-passes"}) {
      CAPTURE(text);
      CHECK(index_builder->build(text, true).suggestion == "");
    }
  }
}

TEST_CASE("a quote or parenthesis left open is closed at the end: what is typed so far is searched") {
  // The same query as the text closed by hand; an opener with nothing after it yet is
  // dropped.
  for (const auto& texts : std::vector<std::pair<std::string, std::string>>{
           {"sparse \"auto encoders", "sparse \"auto encoders\""},
           {"\"a\" \"b", "\"a\" \"b\""},
           {"(refusal OR jailbreak", "(refusal OR jailbreak)"},
           {"refusal (jailbreak", "refusal (jailbreak)"},
           {"((refusal OR jailbreak) AND direction", "((refusal OR jailbreak) AND direction)"},
           {"(refusal \"single direction", "(refusal \"single direction\")"},
           {"title:\"sparse auto", "title:\"sparse auto\""},
           {"refusal (", "refusal"},
           {"refusal \"", "refusal"},
           {"refusal ( \" ", "refusal"},
           {"\"refusal (", "\"refusal (\""},  // a parenthesis in a phrase is the phrase's
       }) {
    const std::string& open = texts.first;
    CAPTURE(open);
    CHECK(parsed(open) == parsed(texts.second));
  }
  // As the reader types, the last word of a group still open is completed as any last word.
  CHECK(builder().build("(refusal OR monosemant", true).match.get_description().find("WILDCARD SYNONYM monosemant") !=
        std::string::npos);
}

TEST_CASE("a parenthesis that closes nothing is reported at it") {
  check_errors({
      {"refusal)", "')' at position 8 closes nothing", 7, "remove it, or open it with '(' before"},
      {"(a) b)", "')' at position 6 closes nothing", 5, "remove it, or open it with '(' before"},
  });
}

TEST_CASE("an unknown field is reported with the fields there are") {
  const char* hint =
      "the fields are description: mention: paper: post: title: section: source: kind: topic: tag: arxiv: "
      "host: url: permalink: type: year: month: paperyear: discussed: paperid: date:; to search the word itself, put it in quotes";
  check_errors({
      {"foo:bar", "unknown field 'foo:' at position 1", 0, hint},
      {"refusal Author:someone", "unknown field 'Author:' at position 9", 8, hint},
      {"(refusal -lang:en)", "unknown field 'lang:' at position 11", 10, hint},
      // The field pasted links are searched by is not one to type.
      {"pastedlink:6869", "unknown field 'pastedlink:' at position 1", 0, hint},
  });
}

TEST_CASE("a field value of the wrong form is reported at the field") {
  check_errors({
      {"refusal date:2024-13", "date:2024-13 is not a date", 8,
       "write date:YYYY, YYYY-MM or YYYY-MM-DD, or a range like date:2024-07..2024-09"},
      {"date:2024-02-30", "date:2024-02-30 is not a date", 0,
       "write date:YYYY, YYYY-MM or YYYY-MM-DD, or a range like date:2024-07..2024-09"},
      {"date:..", "date:.. is not a date", 0,
       "write date:YYYY, YYYY-MM or YYYY-MM-DD, or a range like date:2024-07..2024-09"},
      {"year:24", "year:24 is not a date", 0, "write year:YYYY, or a range like year:2023..2024"},
      {"year:2024-07", "year:2024-07 is not a date", 0, "write year:YYYY, or a range like year:2023..2024"},
      {"month:2024-13", "month:2024-13 is not a month like 2024-07", 0,
       "write month: followed by a month like 2024-07"},
      {"refusal month:2024", "month:2024 is not a month like 2024-07", 8,
       "write month: followed by a month like 2024-07"},
      {"arxiv:notanid", "arxiv:notanid is not an arXiv id like 2404.03592", 0,
       "write arxiv: followed by an arXiv id like 2404.03592"},
      {"type:page", "type:page is not entry, post or paper", 0, "write type: followed by entry, post or paper"},
  });
}

TEST_CASE("a date range that ends before it starts is reported at the field") {
  check_errors({
      {"date:2025..2024", "date:2025..2024 ends before it starts", 0, "write the earlier date first"},
      {"refusal year:2024..2022", "year:2024..2022 ends before it starts", 8, "write the earlier date first"},
  });
}

TEST_CASE("a year or date with dashes in the wrong place is not a date") {
  check_errors({
      {"year:20-4", "year:20-4 is not a date", 0, "write year:YYYY, or a range like year:2023..2024"},
      {"date:----", "date:---- is not a date", 0,
       "write date:YYYY, YYYY-MM or YYYY-MM-DD, or a range like date:2024-07..2024-09"},
  });
}

TEST_CASE("an operator without words on both sides is reported at the operator") {
  const char* hint =
      "AND, OR and NOT need words on both sides; to search them as words, write them in lower case";
  check_errors({
      {"refusal AND", "cannot parse the query: Syntax: <expression> AND <expression>", 8, hint},
      {"AND refusal", "cannot parse the query: Syntax: <expression> AND <expression>", 0, hint},
      {"refusal OR", "cannot parse the query: Syntax: <expression> OR <expression>", 8, hint},
      {"refusal NOT", "cannot parse the query: Syntax: <expression> NOT <expression>", 8, hint},
      {"refusal AND direction OR", "cannot parse the query: Syntax: <expression> OR <expression>", 22, hint},
  });
}

TEST_CASE("NEAR or ADJ beside a pasted link or CJK text is a QueryError at the operator, not an index error") {
  // Xapian's NEAR and ADJ take single terms; these words are searched as several, and
  // Xapian's UnimplementedError was a 500 (found by the search fuzz target).
  const char* message = "NEAR and ADJ join single words, and a word beside one here is searched as several";
  const char* hint = "leave NEAR or ADJ out, or write it in lower case to search it as a word";
  check_errors({
      {"a NEAR /mnechansim", message, 2, hint},
      {"refusal NEAR \xe8\xa8\x80\xe8\xaa\x9e", message, 8, hint},
      {"refusal ADJ https://arxiv.org/abs/2310.01405", message, 8, hint},
      {"refusal NEAR/3 arxiv.org/abs/2310.01405", message, 8, hint},
      // With a word after the group, Xapian's own refusal leaked the query it had begun
      // (found by the fuzz targets under LeakSanitizer): this is refused before parsing.
      {"attention NEAR /mechanism heads", message, 10, hint},
      {"heads ADJ/2 \xe8\xa8\x80\xe8\xaa\x9e attention", message, 6, hint},
      // Xapian's parser reads NEAR inside "a&{NEAR"; the link need not be next to it.
      {"a&{NEAR /mechanism heads /more", message, 3, hint},
  });
  // Between single words they are Xapian's operators.
  CHECK_NOTHROW(builder().build("refusal NEAR direction", true));
  // Bytes that are not UTF-8 are U+FFFD, which matches nothing: the words beside them
  // are searched (given to Xapian's parser as they were, some of them beside an operator
  // and CJK text made it leak).
  const BuiltQuery built = builder().build("refusal\xff direction", true);
  CHECK(built.free_words == 2);
  CHECK_FALSE(built.query.empty());
  CHECK_THROWS_AS(builder().build("OR;\xe8\x80\xe8\xaa\x9e" "a", true), QueryError);
}

TEST_CASE("a lone CJK character between words is searched, not a parse error") {
  // Xapian 1.4.22's parser refuses a word, then CJK text it reads as unbroken, then
  // another word; every run of CJK characters is searched by its characters instead.
  for (const char* text : {"refusal \xe8\xaa\x9e direction", "refusal \xe8\xaa\x9e" "0", "refusal \xe8\xaa\x9e" "a"}) {
    CAPTURE(text);
    CHECK_NOTHROW(builder().build(text, false));
    CHECK_NOTHROW(builder().build(text, true));
  }
}

TEST_CASE("date_bound gives the first and last day a year, month or day covers") {
  struct Bound {
    const char* text;
    const char* first;
    const char* last;
  };
  for (const Bound& bound : std::vector<Bound>{{"2024", "20240101", "20241231"},
                                               {"2024-01", "20240101", "20240131"},
                                               {"2024-02", "20240201", "20240229"},
                                               {"2023-02", "20230201", "20230228"},
                                               {"2000-02", "20000201", "20000229"},
                                               {"1900-02", "19000201", "19000228"},
                                               {"2024-04", "20240401", "20240430"},
                                               {"2024-12", "20241201", "20241231"},
                                               {"2024-02-29", "20240229", "20240229"},
                                               {"2024-12-31", "20241231", "20241231"},
                                               {"2023-01-01", "20230101", "20230101"}}) {
    const std::string text = bound.text;
    CAPTURE(text);
    CHECK(date_bound(bound.text, false, "since") == bound.first);
    CHECK(date_bound(bound.text, true, "until") == bound.last);
  }
}

TEST_CASE("date_bound refuses what is not a date, naming the parameter") {
  for (const std::string& text :
       std::vector<std::string>{"", "24", "2024-7", "2024-13", "2024-00", "2024-02-30", "2023-02-29",
                                "2024-04-31", "2024-06-00", "2024/07", "2024-07-01T00:00", "July 2024",
                                "2024-", "20240701", "2024-7-1", "20-4", "----", "202-", "-2024"}) {
    CAPTURE(text);
    for (const bool end : {false, true}) {
      CAPTURE(end);
      try {
        const std::string bound = date_bound(text, end, "since");
        FAIL_CHECK("no RequestError; gave " << bound);
      } catch (const RequestError& error) {
        CHECK(error.parameter() == "since");
        CHECK(std::string(error.what()) ==
              "since '" + text + "' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD");
      }
    }
  }
}

namespace {

void check_request_error(const SearchRequest& request, const std::string& parameter,
                         const std::string& message) {
  try {
    (void)clubsearch::test::sample_blog().searcher->search(request);
    FAIL_CHECK("no RequestError");
  } catch (const RequestError& error) {
    CHECK(error.parameter() == parameter);
    CHECK(std::string(error.what()) == message);
  }
}

}  // namespace

TEST_CASE("results per page must be between 1 and 100") {
  SearchRequest request;
  request.per_page = 0;
  check_request_error(request, "per_page", "results per page must be between 1 and 100");
  request.per_page = 101;
  check_request_error(request, "per_page", "results per page must be between 1 and 100");
  for (const std::size_t per_page : {1u, 100u}) {
    request.per_page = per_page;
    CHECK_NOTHROW((void)clubsearch::test::sample_blog().searcher->search(request));
  }
}

TEST_CASE("pages are numbered from 1 and may start no deeper than the first 10,000 results") {
  SearchRequest request;
  request.page = 0;
  check_request_error(request, "page", "pages are numbered from 1");
  request.page = 1001;
  check_request_error(request, "page",
                      "page 1001 starts beyond the first 10000 results; narrow the search instead");
  request.per_page = 100;
  request.page = 101;
  check_request_error(request, "page",
                      "page 101 starts beyond the first 10000 results; narrow the search instead");
  request.page = 100;  // starts at result 9,901: allowed, and empty
  CHECK(clubsearch::test::sample_blog().searcher->search(request).hits.empty());
}

TEST_CASE("an unknown filter name is refused with the names there are") {
  SearchRequest request;
  request.filters["author"] = {"someone"};
  check_request_error(
      request, "filter.author",
      "unknown filter 'author': the filters are section, source, kind, topic, tag, year, month, paperyear and discussed");
}

TEST_CASE("filter values of the wrong form are refused, naming the filter") {
  SearchRequest request;
  request.filters["month"] = {"2024"};
  check_request_error(request, "filter.month", "month '2024' must be written YYYY-MM");
  request.filters["month"] = {"2024-13"};
  check_request_error(request, "filter.month",
                      "filter.month '2024-13' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD");
  request.filters.clear();
  request.filters["year"] = {"24"};
  check_request_error(request, "filter.year", "year '24' must be written YYYY");
}

TEST_CASE("since and until must be dates, and until not before since") {
  SearchRequest request;
  request.since = "2024-06";
  request.until = "2024-05";
  check_request_error(request, "until", "until '2024-05' is before since '2024-06'");
  request.until = "2024-06-01";  // the first day of since's month: a one-day range
  CHECK_NOTHROW((void)clubsearch::test::sample_blog().searcher->search(request));
  request.since = "2024-13";
  check_request_error(request, "since", "since '2024-13' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD");
  request.since.clear();
  request.until = "yesterday";
  check_request_error(request, "until", "until 'yesterday' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD");
}

TEST_CASE("related refuses a limit outside 1 to 100") {
  const auto& index = clubsearch::test::sample_blog();
  const std::string id = index.documents.front().id;
  for (const std::size_t limit : {0u, 101u}) {
    CAPTURE(limit);
    try {
      (void)index.searcher->related(id, limit);
      FAIL_CHECK("no RequestError");
    } catch (const RequestError& error) {
      CHECK(error.parameter() == "limit");
      CHECK(std::string(error.what()) == "related results must be between 1 and 100");
    }
  }
}
