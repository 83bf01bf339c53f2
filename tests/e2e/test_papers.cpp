// Papers end to end on the sample blog: `clubsearch papers` against the entries' own links
// read straight from the database, paper dates and their filters, `show`, `open` and the
// citations a result set exports, read back by bibutils.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "index/papers.h"
#include "index/terms.h"
#include "schemas/index_schema.h"
#include "tests/e2e/index_inspection.h"
#include "tests/e2e/isolation.h"
#include "tests/e2e/process.h"

using clubsearch::test::ProcessResult;
using clubsearch::test::run_process;
using clubsearch::test::sample_index;
using clubsearch::test::write_file;
using nlohmann::json;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

struct Mentions {
  std::set<std::string> posts;
  std::set<std::string> entries;
  std::set<std::string> paper_dates;
};

// What the entries of the index link, paper by paper, read from their stored records (the
// link's own paper id and date), not from the papers' documents.
std::map<std::string, Mentions> papers_from_entries() {
  const Xapian::Database db = clubsearch::test::open_database(sample_index().db);
  const std::string entries =
      clubsearch::index::TermRules(clubsearch::schemas::IndexSchema::builtin()).term("type", "entry");
  std::map<std::string, Mentions> out;
  for (auto posting = db.postlist_begin(entries); posting != db.postlist_end(entries); ++posting) {
    const json record = json::parse(db.get_document(*posting).get_data());
    for (const json& item : record.at("items")) {
      if (!item.contains("paper")) continue;
      Mentions& paper = out[item.at("paper").get<std::string>()];
      paper.posts.insert(record.at("post").at("id").get<std::string>());
      paper.entries.insert(record.at("id").get<std::string>());
      paper.paper_dates.insert(item.value("date", ""));
    }
  }
  return out;
}

json all_papers(std::vector<std::string> extra = {}) {
  std::vector<std::string> arguments{"papers", "-n", "100"};
  arguments.insert(arguments.end(), extra.begin(), extra.end());
  return sample_index().search_json(arguments);
}

}  // namespace

TEST_SUITE("papers") {
  TEST_CASE("each paper is listed once, however it is linked, with every post and entry that links it") {
    const std::map<std::string, Mentions> expected = papers_from_entries();
    REQUIRE(expected.size() > 20);
    const json listed = all_papers();
    REQUIRE(listed["total"] == expected.size());
    REQUIRE(listed["results"].size() == expected.size());
    std::set<std::string> seen;
    for (const json& result : listed["results"]) {
      const std::string id = result["id"];
      CAPTURE(id);
      CHECK(result["type"] == "paper");
      CHECK(result["post"].is_null());
      CHECK(seen.insert(id).second);
      REQUIRE(expected.count(id) == 1);
      const Mentions& mentions = expected.at(id);
      const json& paper = result["paper"];
      CHECK(paper["posts"] == mentions.posts.size());
      std::set<std::string> entries, posts;
      std::string previous;
      for (const json& mention : paper["mentions"]) {
        entries.insert(mention["entry_id"].get<std::string>());
        posts.insert(mention["post_id"].get<std::string>());
        const std::string date = mention["date"].is_null() ? "9999" : mention["date"].get<std::string>();
        CHECK(date >= previous);  // the oldest first
        previous = date;
      }
      CHECK(entries == mentions.entries);
      CHECK(posts == mentions.posts);
      CHECK_FALSE(result["title"].get<std::string>().empty());
      CHECK(result["title"] != "paper");
      CHECK(result["title"] != "PDF");
      const std::string date = paper["date"].is_null() ? "" : paper["date"].get<std::string>();
      CHECK(mentions.paper_dates.count(date) == 1);
    }
    // The index's statistics count them apart from the blog's own documents.
    const json stats = json::parse(sample_index().search({"stats", "--json"}).out);
    CHECK(stats["papers"] == expected.size());
    CHECK(stats["documents"] == stats["posts"].get<std::size_t>() + stats["entries"].get<std::size_t>());
    // Without words, the most discussed first.
    for (std::size_t i = 1; i < listed["results"].size(); ++i)
      CHECK(listed["results"][i - 1]["paper"]["posts"] >= listed["results"][i]["paper"]["posts"]);
  }

  TEST_CASE("a paper linked as its abstract and as a versioned PDF in two posts is one paper of two posts") {
    const json found = all_papers({"--json", "arxiv:2406.11717"});
    REQUIRE(found["total"] == 1);
    const json& paper = found["results"][0];
    CHECK(paper["title"] == "Refusal in Language Models Is Mediated by a Single Direction");
    CHECK(paper["entry_url"] == "https://arxiv.org/abs/2406.11717");
    CHECK(paper["paper"]["date"] == "2024-06");
    CHECK(paper["paper"]["posts"] == 2);
    CHECK(paper["paper"]["mentions"][0]["months_after_paper"] == 0);
    CHECK(paper["paper"]["mentions"][1]["months_after_paper"] == 7);
    std::set<std::string> urls;
    for (const json& item : paper["items"]) urls.insert(item["url"].get<std::string>());
    CHECK(urls == std::set<std::string>{"https://arxiv.org/abs/2406.11717", "https://arxiv.org/pdf/2406.11717v2"});
  }

  TEST_CASE("paper dates filter papers and entries: --paper-year, --paper-since/--paper-until and paper:2023..2024") {
    const json year = all_papers({"--paper-year", "2023"});
    REQUIRE(year["total"].get<int>() > 0);
    for (const json& result : year["results"]) CHECK(result["paper"]["date"].get<std::string>().substr(0, 4) == "2023");
    const json range = all_papers({"paper:2023..2024"});
    const json bounds = all_papers({"--paper-since", "2023", "--paper-until", "2024"});
    CHECK(range["total"] == bounds["total"]);
    CHECK(range["total"].get<int>() > year["total"].get<int>());
    for (const json& result : range["results"]) {
      const std::string date = result["paper"]["date"];
      CHECK((date.substr(0, 4) == "2023" || date.substr(0, 4) == "2024"));
    }
    // Entries by their papers' dates: every result links a paper of those years.
    const json entries = sample_index().search_json({"--paper-since", "2024-06", "-n", "100"});
    REQUIRE(entries["total"].get<int>() > 0);
    for (const json& result : entries["results"]) {
      bool recent = false;
      for (const json& item : result["items"])
        if (item["paper_date"].is_string() && item["paper_date"].get<std::string>() >= "2024-06") recent = true;
      CHECK(recent);
    }
    // The facet of paper years is on entries too, newest first.
    const json faceted = sample_index().search_json({"refusal"});
    CHECK_FALSE(faceted["facets"]["paperyear"].empty());
    CHECK_FALSE(faceted["facets"].contains("discussed"));
    CHECK(all_papers()["facets"].contains("discussed"));
    // Sorting by how many posts discussed a paper is for papers.
    const ProcessResult refused = sample_index().search({"refusal", "--sort", "discussed"});
    CHECK(refused.exit_code == 2);
  }

  TEST_CASE("show prints an entry, a post or a paper whole; an unknown id exits 1") {
    const json found = sample_index().search_json({"arxiv:2406.11717", "-n", "1"});
    const std::string entry = found["results"][0]["id"];
    const std::string post = found["results"][0]["post"]["id"];
    const std::string paper = clubsearch::index::paper_id("arxiv:2406.11717");

    const ProcessResult shown_paper = sample_index().search({"show", paper});
    REQUIRE(shown_paper.exit_code == 0);
    CHECK(contains(shown_paper.out, "Refusal in Language Models Is Mediated by a Single Direction\n"));
    CHECK(contains(shown_paper.out, "Timeline:\n"));
    CHECK(contains(shown_paper.out, "(7 months after the paper)"));
    CHECK(contains(shown_paper.out, "https://arxiv.org/pdf/2406.11717v2"));

    const ProcessResult shown_entry = sample_index().search({"show", entry});
    REQUIRE(shown_entry.exit_code == 0);
    CHECK(contains(shown_entry.out, "entry \u00b7 "));
    CHECK(contains(shown_entry.out, "Paper: Refusal in Language Models Is Mediated by a Single Direction"));
    CHECK(contains(shown_entry.out, "also in "));

    const json shown_post = json::parse(sample_index().search({"show", post, "--json"}).out);
    CHECK(shown_post["type"] == "post");
    CHECK_FALSE(shown_post["entries"].empty());
    CHECK_FALSE(shown_post["papers"].empty());

    const ProcessResult unknown = sample_index().search({"show", "0123456789abcdef"});
    CHECK(unknown.exit_code == 1);
    CHECK(contains(unknown.err, "nothing has the id '0123456789abcdef'"));
  }

  TEST_CASE("open N opens the Nth result of the last search with the platform's opener, or prints it") {
    // Its own isolated state folder: the numbers are this test's search's.
    clubsearch::test::Isolation isolation;
    const std::string db = sample_index().db;
    REQUIRE(isolation.run({"--db", db, "arxiv:2406.11717", "-n", "2"}).exit_code == 0);
    const json shown = json::parse(isolation.run({"--db", db, "arxiv:2406.11717", "-n", "2", "--json"}).out);

    const ProcessResult printed = isolation.run({"--db", db, "open", "2", "--print"});
    REQUIRE(printed.exit_code == 0);
    CHECK(printed.out == shown["results"][1]["items"][0]["url"].get<std::string>() + "\n");
    const ProcessResult entry = isolation.run({"--db", db, "open", "2", "--entry", "--print"});
    CHECK(entry.out == shown["results"][1]["entry_url"].get<std::string>() + "\n");

    // An opener that writes down what it was given.
    const std::filesystem::path opener = isolation.dir / "opener.sh";
    const std::filesystem::path opened = isolation.dir / "opened.txt";
    write_file(opener, "#!/bin/sh\nprintf '%s\\n' \"$1\" > '" + opened.string() + "'\n");
    std::filesystem::permissions(opener, std::filesystem::perms::owner_all);
    const ProcessResult ran = isolation.run({"--db", db, "open", "1"}, {{"CLUBSEARCH_OPENER", opener.string()}});
    REQUIRE(ran.exit_code == 0);
    CHECK(clubsearch::test::read_file(opened) == shown["results"][0]["items"][0]["url"].get<std::string>() + "\n");
    // No opener at all: the URL is printed.
    const ProcessResult missing =
        isolation.run({"--db", db, "open", "1"}, {{"CLUBSEARCH_OPENER", "no-such-opener-anywhere"}});
    CHECK(missing.exit_code == 0);
    CHECK(missing.out == shown["results"][0]["items"][0]["url"].get<std::string>() + "\n");

    const ProcessResult beyond = isolation.run({"--db", db, "open", "9"});
    CHECK(beyond.exit_code == 1);
    CHECK(contains(beyond.err, "has no result 9"));
  }

  TEST_CASE("a result set's papers as BibTeX, RIS and CSL-JSON, read back by bibutils") {
    const json listed = all_papers();
    const std::size_t papers = listed["results"].size();
    const clubsearch::test::TempDir dir;
    const ProcessResult bibtex = sample_index().search({"papers", "-n", "100", "--format", "bibtex"});
    REQUIRE(bibtex.exit_code == 0);
    write_file(dir / "papers.bib", bibtex.out);
    // The file of a real result set, kept for a reader to look at.
    std::filesystem::create_directories(std::filesystem::path(CLUBSEARCH_ARTIFACTS_DIR));
    write_file(std::filesystem::path(CLUBSEARCH_ARTIFACTS_DIR) / "sample-blog-papers.bib", bibtex.out);
    const ProcessResult xml = run_process({"bib2xml", (dir / "papers.bib").string()});
    REQUIRE_MESSAGE(xml.exit_code == 0, xml.err);
    std::size_t records = 0;
    for (std::size_t at = xml.out.find("<mods ID="); at != std::string::npos; at = xml.out.find("<mods ID=", at + 1))
      ++records;
    CHECK(records == papers);
    CHECK(contains(xml.out, "Refusal in Language Models Is Mediated by a Single Direction"));
    CHECK_FALSE(contains(bibtex.out, "author"));

    const ProcessResult ris = sample_index().search({"papers", "-n", "100", "--format", "ris"});
    write_file(dir / "papers.ris", ris.out);
    const ProcessResult ris_xml = run_process({"ris2xml", (dir / "papers.ris").string()});
    REQUIRE_MESSAGE(ris_xml.exit_code == 0, ris_xml.err);
    std::size_t ris_records = 0;
    for (std::size_t at = ris_xml.out.find("<mods ID="); at != std::string::npos;
         at = ris_xml.out.find("<mods ID=", at + 1))
      ++ris_records;
    CHECK(ris_records == papers);

    const json csl = json::parse(sample_index().search({"papers", "-n", "100", "--format", "csl-json"}).out);
    CHECK(csl.size() == papers);
    // An entry search cites what its results link, each paper once.
    const json cited = json::parse(sample_index().search({"refusal", "--format", "csl-json"}).out);
    std::set<std::string> ids;
    for (const json& item : cited) CHECK(ids.insert(item["id"].get<std::string>()).second);
    CHECK_FALSE(cited.empty());
  }
}
