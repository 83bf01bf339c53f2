// Citations out: each format's whole entry pinned for a typical item, then the escaping,
// keys, dates and hostile input every entry must survive.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <tuple>

#include "query/citations.h"
#include "tests/support/citation_fixture.h"

using namespace clubsearch::query;
using nlohmann::json;

namespace {

CitationItem attention() { return clubsearch::testing::attention_item(); }

CitationItem blog_post() {
  CitationItem item;
  item.id = "9c0d1e2f3a4b5c6d";
  item.title = "Toy Models of Superposition";
  item.url = "https://transformer-circuits.pub/2022/toy_model/index.html";
  item.date = "2022-09";
  item.kind = "blog";
  item.source = "Anthropic";
  return item;
}

std::string bibtex(const CitationItem& item) { return format_citations({item}, CitationFormat::bibtex); }
std::string ris(const CitationItem& item) { return format_citations({item}, CitationFormat::ris); }
json csl(const std::vector<CitationItem>& items) {
  return json::parse(format_citations(items, CitationFormat::csl_json));
}

// The value of `field` in a one-entry BibTeX file, as written (with its braces).
std::string bibtex_field(const std::string& entry, const std::string& field) {
  std::istringstream lines(entry);
  for (std::string line; std::getline(lines, line);) {
    const std::string head = "  " + field + " = ";
    if (line.starts_with(head)) {
      std::string value = line.substr(head.size());
      if (value.ends_with(",")) value.pop_back();
      return value;
    }
  }
  return "";
}

// Whether every brace of a BibTeX value that is not escaped with a backslash is balanced.
bool braces_balance(const std::string& text) {
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
      continue;
    }
    if (text[i] == '{') ++depth;
    if (text[i] == '}' && --depth < 0) return false;
  }
  return depth == 0;
}

bool valid_utf8(const std::string& text) {
  try {
    (void)json(text).dump();
    return true;
  } catch (const json::type_error&) {
    return false;
  }
}

}  // namespace

TEST_SUITE("citations") {
  TEST_CASE("format names, MIME types and extensions") {
    CHECK(citation_format_names() == std::vector<std::string>{"bibtex", "ris", "csl-json"});
    CHECK(citation_format("bibtex") == CitationFormat::bibtex);
    CHECK(citation_format("bib") == CitationFormat::bibtex);
    CHECK(citation_format("BibTeX") == CitationFormat::bibtex);
    CHECK(citation_format("ris") == CitationFormat::ris);
    CHECK(citation_format("RIS") == CitationFormat::ris);
    CHECK(citation_format("csl-json") == CitationFormat::csl_json);
    CHECK(citation_format("csl") == CitationFormat::csl_json);
    CHECK(citation_format("json") == CitationFormat::csl_json);
    for (const char* name : {"", "biblatex", "endnote", "csljson", " bibtex", "bibtex "}) {
      CAPTURE(name);
      CHECK_FALSE(citation_format(name));
    }
    for (const std::string& name : citation_format_names()) CHECK(citation_format(name));

    CHECK(citation_mime_type(CitationFormat::bibtex) == "application/x-bibtex");
    CHECK(citation_mime_type(CitationFormat::ris) == "application/x-research-info-systems");
    CHECK(citation_mime_type(CitationFormat::csl_json) == "application/vnd.citationstyles.csl+json");
    CHECK(citation_extension(CitationFormat::bibtex) == ".bib");
    CHECK(citation_extension(CitationFormat::ris) == ".ris");
    CHECK(citation_extension(CitationFormat::csl_json) == ".json");
  }

  TEST_CASE(
      "an arXiv paper in BibTeX: @misc with eprint, archivePrefix, url, year, month macro, urldate, note") {
    CHECK(bibtex(attention()) ==
          "@misc{attention2017-3fa2,\n"
          "  title = {{Attention Is All You Need}},\n"
          "  eprint = {1706.03762},\n"
          "  archivePrefix = {arXiv},\n"
          "  url = {https://arxiv.org/abs/1706.03762},\n"
          "  year = {2017},\n"
          "  month = jun,\n"
          "  urldate = {2024-05-01},\n"
          "  note = {Discussed in Journal Club 3 (2024-05-01)}\n"
          "}\n");
  }

  TEST_CASE("a blog post in BibTeX: @misc with the blog as howpublished; a DOI when the item has one") {
    CHECK(bibtex(blog_post()) ==
          "@misc{toy2022-9c0d,\n"
          "  title = {{Toy Models of Superposition}},\n"
          "  howpublished = {Anthropic},\n"
          "  url = {https://transformer-circuits.pub/2022/toy_model/index.html},\n"
          "  year = {2022},\n"
          "  month = sep\n"
          "}\n");
    CitationItem paper = blog_post();
    paper.kind = "paper";
    paper.doi = "https://doi.org/10.1038/nature16961";
    CHECK(bibtex_field(bibtex(paper), "doi") == "{10.1038/nature16961}");
  }

  TEST_CASE("an arXiv paper in RIS: UNPB, CRLF lines, the date as YYYY/MM/DD/, the arXiv id in M1") {
    CHECK(ris(attention()) ==
          "TY  - UNPB\r\n"
          "ID  - attention2017-3fa2\r\n"
          "TI  - Attention Is All You Need\r\n"
          "PB  - arXiv\r\n"
          "PY  - 2017\r\n"
          "DA  - 2017/06/12/\r\n"
          "M1  - arXiv:1706.03762\r\n"
          "UR  - https://arxiv.org/abs/1706.03762\r\n"
          "Y2  - 2024/05/01/\r\n"
          "N1  - Discussed in Journal Club 3 (2024-05-01)\r\n"
          "ER  - \r\n"
          "\r\n");
  }

  TEST_CASE("RIS types and where the source goes, per kind") {
    const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
        {"paper", "GEN", "PB"}, {"blog", "ELEC", "T2"},     {"forum", "ELEC", "T2"}, {"news", "NEWS", "T2"},
        {"code", "COMP", "PB"}, {"notebook", "COMP", "PB"}, {"other", "ELEC", "T2"}, {"", "ELEC", "T2"}};
    for (const auto& kind_type_source_tag : cases) {
      const auto& kind = std::get<0>(kind_type_source_tag);
      const auto& type = std::get<1>(kind_type_source_tag);
      const auto& source_tag = std::get<2>(kind_type_source_tag);
      CAPTURE(kind);
      CitationItem item = blog_post();
      item.kind = kind;
      const std::string text = ris(item);
      CHECK(text.starts_with("TY  - " + type + "\r\n"));
      CHECK(text.find(source_tag + "  - Anthropic\r\n") != std::string::npos);
    }
  }

  TEST_CASE("an arXiv paper in CSL-JSON: article, arXiv as publisher and number, date-parts") {
    const json expected = json::parse(R"json([{
      "id": "attention2017-3fa2", "type": "article", "title": "Attention Is All You Need",
      "publisher": "arXiv", "number": "arXiv:1706.03762", "URL": "https://arxiv.org/abs/1706.03762",
      "issued": {"date-parts": [[2017, 6, 12]]}, "accessed": {"date-parts": [[2024, 5, 1]]},
      "note": "Discussed in Journal Club 3 (2024-05-01)"}])json");
    CHECK(csl({attention()}) == expected);
    // The file lists the fields in that order, for a reader who opens it.
    const std::string text = format_citations({attention()}, CitationFormat::csl_json);
    CHECK(text.find("\"id\"") < text.find("\"type\""));
    CHECK(text.find("\"type\"") < text.find("\"title\""));
    CHECK(text.ends_with("]\n"));
  }

  TEST_CASE("CSL types and where the source goes, per kind") {
    const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
        {"paper", "article", "publisher"},       {"blog", "post-weblog", "container-title"},
        {"forum", "post", "container-title"},    {"news", "article-newspaper", "container-title"},
        {"code", "software", "publisher"},       {"notebook", "software", "publisher"},
        {"other", "webpage", "container-title"}, {"video", "webpage", "container-title"}};
    for (const auto& kind_type_source_field : cases) {
      const auto& kind = std::get<0>(kind_type_source_field);
      const auto& type = std::get<1>(kind_type_source_field);
      const auto& source_field = std::get<2>(kind_type_source_field);
      CAPTURE(kind);
      CitationItem item = blog_post();
      item.kind = kind;
      item.doi = "10.1234/abc";
      const json entry = csl({item})[0];
      CHECK(entry["type"] == type);
      CHECK(entry[source_field] == "Anthropic");
      CHECK(entry["DOI"] == "10.1234/abc");
      CHECK(entry["issued"] == json::parse(R"({"date-parts": [[2022, 9]]})"));
    }
  }

  TEST_CASE("the ten LaTeX specials are escaped in BibTeX titles and notes, and braces always balance") {
    CitationItem item = blog_post();
    item.title = R"(50% & $5 #1 a_b {x} ~y ^z \w)";
    item.note = "R&D {";
    const std::string entry = bibtex(item);
    CHECK(bibtex_field(entry, "title") ==
          R"({{50\% \& \$5 \#1 a\_b \{x\} \textasciitilde{}y \textasciicircum{}z \textbackslash{}w}})");
    CHECK(bibtex_field(entry, "note") == R"({R\&D \{})");
    for (const char* title : {"}{", "{{{", "}}}", "a } b { c", "\\", "\\}", "{\\"}) {
      CAPTURE(title);
      item.title = title;
      CHECK(braces_balance(bibtex(item)));
    }
  }

  TEST_CASE("UTF-8 is kept as it is in every format") {
    CitationItem item = blog_post();
    item.title = "Über die Größe — “quoted” ‘single’ 日本語";
    CHECK(bibtex_field(bibtex(item), "title") == "{{Über die Größe — “quoted” ‘single’ 日本語}}");
    CHECK(ris(item).find("TI  - Über die Größe — “quoted” ‘single’ 日本語\r\n") != std::string::npos);
    CHECK(csl({item})[0]["title"] == "Über die Größe — “quoted” ‘single’ 日本語");
    CHECK(format_citations({item}, CitationFormat::csl_json).find("日本語") != std::string::npos);
  }

  TEST_CASE("URLs keep their characters in every format, except those a URL may not hold") {
    CitationItem item = blog_post();
    item.url = "https://example.com/a_b?x=1&y=50%25#frag";
    CHECK(bibtex_field(bibtex(item), "url") == "{https://example.com/a_b?x=1&y=50%25#frag}");
    item.url = "https://example.com/{a} b\\c";
    CHECK(bibtex_field(bibtex(item), "url") == "{https://example.com/%7Ba%7D%20b%5Cc}");
    CHECK(csl({item})[0]["URL"] == "https://example.com/%7Ba%7D%20b%5Cc");
  }

  TEST_CASE("dates: year, year and month, full date; anything else is left out") {
    CitationItem item = blog_post();
    item.date = "2017";
    CHECK(bibtex_field(bibtex(item), "year") == "{2017}");
    CHECK(bibtex_field(bibtex(item), "month").empty());
    CHECK(ris(item).find("PY  - 2017\r\n") != std::string::npos);
    CHECK(ris(item).find("DA  - ") == std::string::npos);
    CHECK(csl({item})[0]["issued"] == json::parse(R"({"date-parts": [[2017]]})"));

    item.date = "2017-06";
    CHECK(bibtex_field(bibtex(item), "month") == "jun");
    CHECK(ris(item).find("DA  - 2017/06//\r\n") != std::string::npos);
    CHECK(csl({item})[0]["issued"] == json::parse(R"({"date-parts": [[2017, 6]]})"));

    item.date = "2017-12-31T10:00:00Z";
    CHECK(bibtex_field(bibtex(item), "month") == "dec");
    CHECK(ris(item).find("DA  - 2017/12/31/\r\n") != std::string::npos);
    CHECK(csl({item})[0]["issued"] == json::parse(R"({"date-parts": [[2017, 12, 31]]})"));

    for (const char* bad : {"", "soon", "17", "2017-13", "2017-02-30", "2017-6", "0999", "2017-06-12x"}) {
      CAPTURE(bad);
      item.date = bad;
      item.accessed = bad;
      CHECK(bibtex(item).find("year") == std::string::npos);
      CHECK(bibtex(item).find("urldate") == std::string::npos);
      CHECK(ris(item).find("PY  -") == std::string::npos);
      CHECK(ris(item).find("Y2  -") == std::string::npos);
      CHECK_FALSE(csl({item})[0].contains("issued"));
      CHECK_FALSE(csl({item})[0].contains("accessed"));
    }
  }

  TEST_CASE("keys are ASCII, readable, and the same for an item whatever else is exported with it") {
    const std::string alone = citation_keys({attention()})[0];
    CHECK(alone == "attention2017-3fa2");
    CHECK(citation_keys({blog_post(), attention()})[1] == alone);
    CHECK(format_citations({attention()}, CitationFormat::bibtex) ==
          format_citations({attention()}, CitationFormat::bibtex));

    CitationItem item = blog_post();
    item.title = "The Über-Model: a study";  // stopword skipped, diacritics folded
    CHECK(citation_keys({item})[0] == "uber2022-9c0d");
    item.title = "Ærø and Œuvre";
    CHECK(citation_keys({item})[0] == "aero2022-9c0d");
    item.title = "What is it?";  // stopwords only: the first word
    CHECK(citation_keys({item})[0] == "what2022-9c0d");
    item.title = "日本語のタイトル";  // no Latin word: the kind
    CHECK(citation_keys({item})[0] == "blog2022-9c0d");
    item.kind = "something";
    item.date = "";
    CHECK(citation_keys({item})[0] == "item-9c0d");
    item.title = "2024: 1000 Layers";
    CHECK(citation_keys({item})[0] == "layers-9c0d");
    item.title = std::string(100, 'x');
    CHECK(citation_keys({item})[0] == std::string(24, 'x') + "-9c0d");

    const std::regex ascii_key("[a-z0-9]+(-[a-z0-9]+)+");
    for (const std::string& key : citation_keys({attention(), blog_post(), item})) {
      CAPTURE(key);
      CHECK(std::regex_match(key, ascii_key));
    }
  }

  TEST_CASE("keys are unique within a file: more digits of the id, then a counter for the same item") {
    CitationItem other = attention();
    other.id = "3fa2ffff00000000";  // same word, year and first four digits
    CitationItem no_id = attention();
    no_id.id = "";
    const std::vector<std::string> keys = citation_keys({attention(), other, attention(), no_id});
    CHECK(keys[0] == "attention2017-3fa2b1");
    CHECK(keys[1] == "attention2017-3fa2ff");
    CHECK(keys[2] == "attention2017-3fa2b1-2");
    CHECK(keys[3].starts_with("attention2017-"));
    CHECK(std::set<std::string>(keys.begin(), keys.end()).size() == keys.size());
    // A hash of the item stands in for a missing id: stable too.
    CHECK(citation_keys({no_id})[0] == citation_keys({no_id})[0]);
    CHECK(keys[3] == citation_keys({no_id})[0]);

    // The keys are the ones every format writes.
    const std::vector<CitationItem> items = {attention(), other, attention()};
    const std::string bib = format_citations(items, CitationFormat::bibtex);
    const std::string text = format_citations(items, CitationFormat::ris);
    const json array = csl(items);
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string key = citation_keys(items)[i];
      CHECK(bib.find("@misc{" + key + ",\n") != std::string::npos);
      CHECK(text.find("ID  - " + key + "\r\n") != std::string::npos);
      CHECK(array[i]["id"] == key);
    }
  }

  TEST_CASE("no author and no empty field, in any format, even for an item with nothing but a title") {
    CitationItem bare;
    bare.title = "Only a title";
    for (const CitationItem& item : {bare, attention(), blog_post()}) {
      const std::string bib = bibtex(item);
      CHECK(bib.find("author") == std::string::npos);
      CHECK(bib.find("{}") == std::string::npos);
      CHECK(bib.find("= ,") == std::string::npos);
      const std::string text = ris(item);
      CHECK(text.find("AU  -") == std::string::npos);
      CHECK(text.find("A1  -") == std::string::npos);
      std::istringstream lines(text);
      for (std::string line; std::getline(lines, line);) {
        CAPTURE(line);
        if (line == "\r" || line == "ER  - \r") continue;
        CHECK(std::regex_match(line, std::regex("[A-Z][A-Z0-9]  - \\S.*\r")));
      }
      const json entry = csl({item})[0];  // kept: items() refers to it
      for (const auto& name_value : entry.items()) {
        const auto& name = name_value.key();
        const auto& value = name_value.value();
        CAPTURE(name);
        CHECK(name != "author");
        if (value.is_string()) CHECK_FALSE(value.get<std::string>().empty());
      }
    }
    CHECK(bibtex(bare) ==
          "@misc{only-" + citation_keys({bare})[0].substr(5) + ",\n  title = {{Only a title}}\n}\n");
  }

  TEST_CASE("an item without a title is titled by its URL, else its arXiv id, else its DOI") {
    CitationItem item = blog_post();
    item.title = " \t\n";
    CHECK(csl({item})[0]["title"] == item.url);
    item.url = "";
    item.arxiv = "arXiv:2404.03592";
    CHECK(csl({item})[0]["title"] == "arXiv:2404.03592");
    CHECK(csl({item})[0]["number"] == "arXiv:2404.03592");
    item.arxiv = "";
    item.doi = "10.1/x";
    CHECK(csl({item})[0]["title"] == "10.1/x");
    item.doi = "";
    CHECK(csl({item})[0]["title"] == "Untitled");
  }

  TEST_CASE("newlines, tabs and control characters collapse to one line in every format") {
    CitationItem item = blog_post();
    item.title = "  Line one\nline\r\ntwo\twith\t\ttabs\x07 bell\x1b[0m\u2028end  ";
    item.note = "a\n\nb";
    const std::string expected = "Line one line two with tabs bell[0m end";
    CHECK(bibtex_field(bibtex(item), "title") == "{{" + expected + "}}");
    CHECK(ris(item).find("TI  - " + expected + "\r\n") != std::string::npos);
    CHECK(ris(item).find("N1  - a b\r\n") != std::string::npos);
    CHECK(csl({item})[0]["title"] == expected);
  }

  TEST_CASE("bytes that are not UTF-8 become U+FFFD, so every format stays valid UTF-8") {
    CitationItem item = blog_post();
    item.title = std::string("caf\xc3") + " \xff\xfe ok \xed\xa0\x80 \xc0\xaf";
    for (const CitationFormat format :
         {CitationFormat::bibtex, CitationFormat::ris, CitationFormat::csl_json}) {
      CHECK(valid_utf8(format_citations({item}, format)));
    }
    CHECK(csl({item})[0]["title"] == "caf\uFFFD \uFFFD\uFFFD ok \uFFFD\uFFFD\uFFFD \uFFFD\uFFFD");
  }

  TEST_CASE("a very long title is cut before a character, with an ellipsis") {
    CitationItem item = blog_post();
    item.title.clear();
    for (int i = 0; i < 600; ++i) item.title += "é";  // 1200 bytes
    const std::string title = csl({item})[0]["title"];
    CHECK(title.size() <= kMaxCitationTitleBytes);
    CHECK(title.ends_with("é\u2026"));
    CHECK(valid_utf8(bibtex(item)));
    CHECK(valid_utf8(ris(item)));
  }

  TEST_CASE("arXiv ids: an old-style id, a prefix dropped, stray characters dropped") {
    CitationItem item = attention();
    item.arxiv = "hep-th/9901001";
    CHECK(bibtex_field(bibtex(item), "eprint") == "{hep-th/9901001}");
    item.arxiv = "arXiv:2404.03592v2";
    CHECK(bibtex_field(bibtex(item), "eprint") == "{2404.03592v2}");
    item.arxiv = " 2404.03592}{ ";
    CHECK(bibtex_field(bibtex(item), "eprint") == "{2404.03592}");
    CHECK(csl({item})[0]["publisher"] == "arXiv");
  }

  TEST_CASE("an empty list is an empty file, and CSL-JSON an empty array") {
    CHECK(format_citations({}, CitationFormat::bibtex).empty());
    CHECK(format_citations({}, CitationFormat::ris).empty());
    CHECK(format_citations({}, CitationFormat::csl_json) == "[]\n");
  }

  TEST_CASE("entries come in the order given, separated by one blank line") {
    const std::vector<CitationItem> items = {blog_post(), attention()};
    const std::string bib = format_citations(items, CitationFormat::bibtex);
    CHECK(bib.find("@misc{toy2022") < bib.find("@misc{attention2017"));
    CHECK(bib.find("}\n\n@misc{attention2017") != std::string::npos);
    const std::string text = format_citations(items, CitationFormat::ris);
    CHECK(std::count(text.begin(), text.end(), '\n') ==
          std::count(text.begin(), text.end(), '\r'));  // CR LF throughout
    CHECK(text.find("ER  - \r\n\r\nTY  - UNPB") != std::string::npos);
  }
}
