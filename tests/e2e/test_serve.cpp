// `clubsearch serve` end to end: the real binary on an ephemeral 127.0.0.1 port, asked
// over HTTP with cpp-httplib's client. The API's JSON is compared with what
// `clubsearch --json` prints for the same search (which the search suite validates
// against the schema), and every refusal is checked for its status and message.
#include <doctest/doctest.h>
#include <httplib.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "page/page.h"
#include "tests/e2e/isolation.h"
#include "tests/e2e/process.h"
#include "tests/e2e/served_index.h"

using clubsearch::test::command;
using clubsearch::test::Isolation;
using clubsearch::test::ProcessResult;
using clubsearch::test::run_process;
using clubsearch::test::sample_index;
using clubsearch::test::ServedIndex;
using clubsearch::test::TempDir;
using nlohmann::json;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The error object of a refusal: its status field and what it names.
void check_error(const ServedIndex& server, const std::string& target, int status,
                 const std::string& message_part, const std::string& parameter = {}) {
  const json body = server.get_json(target, status);
  REQUIRE(body.contains("error"));
  INFO(body.dump());
  CHECK(body["error"]["status"] == status);
  CHECK(contains(body["error"]["message"].get<std::string>(), message_part));
  if (!parameter.empty()) CHECK(body["error"].value("parameter", "") == parameter);
}

// A route and the clubsearch arguments that print the same JSON.
struct SameAsCli {
  std::string target;
  std::vector<std::string> cli;
};

void check_same_as_cli(const ServedIndex& server, const std::vector<SameAsCli>& cases) {
  for (const SameAsCli& each : cases) {
    CAPTURE(each.target);
    const json api = server.get_json(each.target);
    const json cli = sample_index().search_json(each.cli);
    INFO(json::diff(api, cli).dump());
    CHECK(api == cli);
  }
}

}  // namespace

TEST_SUITE("serve") {
  TEST_CASE("the server says where it listens, on 127.0.0.1, and answers /healthz") {
    const ServedIndex server(sample_index().db);
    CHECK(server.url() == "http://127.0.0.1:" + std::to_string(server.port()) + "/");
    CHECK(server.get_json("/healthz") == json{{"status", "ok"}});
  }

  TEST_CASE("/api/search gives the same object as clubsearch --json for the same search") {
    const ServedIndex server(sample_index().db);
    check_same_as_cli(server, {
        {"/api/search?q=reward+hacking", {"reward hacking"}},
        {"/api/search?q=%22sparse+autoencoders%22", {"\"sparse autoencoders\""}},
        {"/api/search?q=SAE&source=arXiv&source=Anthropic", {"SAE", "--source", "arXiv", "--source", "Anthropic"}},
        {"/api/search?q=model&kind=paper&since=2024&until=2025-06", {"model", "--kind", "paper", "--since", "2024", "--until", "2025-06"}},
        {"/api/search?q=model&sort=newest&page=2&per_page=3", {"model", "--sort", "newest", "--page", "2", "--limit", "3"}},
        {"/api/search?q=model&group=true", {"model", "--group-by-post"}},
        {"/api/search?q=towards+monosemanticity&explain=1", {"towards monosemanticity", "--explain"}},
        {"/api/search?topic=Interpretability", {"--topic", "Interpretability"}},
        {"/api/search?q=interpretabilty", {"interpretabilty"}},
        {"/api/search?q=xqzvbnmw", {"xqzvbnmw"}},
    });
    // explain=1: each result says what its score is made of; the signals sum to it.
    const json explained = server.get_json("/api/search?q=towards+monosemanticity&explain=1");
    REQUIRE_FALSE(explained["results"].empty());
    for (const json& result : explained["results"]) {
      double sum = 0;
      for (const json& part : result.at("explain"))
        if (part["term"].is_null()) sum += part["weight"].get<double>();
      CHECK(sum == doctest::Approx(result["score"].get<double>()).epsilon(1e-6));
    }
    CHECK(server.get_json("/api/search?q=towards+monosemanticity")["results"][0].count("explain") == 0);
    // The selected facet values are marked, the others not.
    const json filtered = server.get_json("/api/search?q=model&kind=paper");
    bool paper_selected = false;
    for (const json& value : filtered["facets"]["kind"])
      if (value["value"] == "paper") paper_selected = value["selected"].get<bool>();
    CHECK(paper_selected);
  }

  TEST_CASE("/api/papers is clubsearch papers --json; format= downloads a page's citations") {
    const ServedIndex server(sample_index().db);
    check_same_as_cli(server, {
        {"/api/papers", {"papers"}},
        {"/api/papers?q=refusal&sort=newest", {"papers", "refusal", "--sort", "newest"}},
        {"/api/papers?sort=discussed&per_page=5&page=2", {"papers", "--sort", "discussed", "-n", "5", "--page", "2"}},
        {"/api/papers?paperyear=2024&discussed=1", {"papers", "--paper-year", "2024", "--discussed", "1"}},
        {"/api/papers?paper_since=2023-06&paper_until=2024", {"papers", "--paper-since", "2023-06", "--paper-until", "2024"}},
        {"/api/search?q=refusal&paper_since=2024", {"refusal", "--paper-since", "2024"}},
    });
    const httplib::Result bibtex = server.get("/api/papers?q=refusal&format=bibtex");
    REQUIRE(bibtex);
    CHECK(bibtex->status == 200);
    CHECK(bibtex->get_header_value("Content-Type") == "application/x-bibtex; charset=utf-8");
    CHECK(bibtex->get_header_value("Content-Disposition") == "attachment; filename=\"clubsearch-papers.bib\"");
    CHECK(bibtex->body == sample_index().search({"papers", "refusal", "--format", "bibtex"}).out);
    const httplib::Result ris = server.get("/api/search?q=refusal&format=ris");
    REQUIRE(ris);
    CHECK(ris->body == sample_index().search({"refusal", "--format", "ris"}).out);
    // The papers' own filters and sorts are theirs; the entries' are the search's.
    check_error(server, "/api/search?q=x&sort=discussed", 400, "'sort' is relevance, newest or oldest, not 'discussed'",
                "sort");
    check_error(server, "/api/search?q=x&discussed=2", 400, "", "discussed");
    check_error(server, "/api/papers?section=journal-club", 400, "", "section");
    check_error(server, "/api/papers?format=tex", 400, "'format' is bibtex, ris or csl-json, not 'tex'", "format");
  }

  TEST_CASE("an entry and its related entries by id, as the search shows them") {
    const ServedIndex server(sample_index().db);
    const json found = server.get_json("/api/search?q=reward+hacking");
    REQUIRE(!found["results"].empty());
    const json first = found["results"][0];
    const std::string id = first["id"];
    const json entry = server.get_json("/api/entries/" + id);
    for (const char* field : {"id", "title", "items", "post", "entry_url", "topics", "also_in"})
      CHECK_MESSAGE(entry[field] == first[field], field);
    const json related = server.get_json("/api/entries/" + id + "/related?limit=3");
    CHECK(related == sample_index().search_json({"related", id, "--limit", "3"}));
    CHECK(related["results"].size() <= 3);
    for (const json& result : related["results"]) CHECK(result["id"] != id);
  }

  TEST_CASE("/api/stats is what clubsearch stats --json prints") {
    const ServedIndex server(sample_index().db);
    CHECK(server.get_json("/api/stats") == sample_index().search_json({"stats"}));
  }

  TEST_CASE("every refusal has its status, a message and the parameter to fix") {
    const ServedIndex server(sample_index().db);
    // A malformed query: where, and how to write it.
    const json malformed = server.get_json("/api/search?q=refusal+single)+direction", 400);
    CHECK(malformed["error"]["parameter"] == "q");
    CHECK(malformed["error"]["position"] == 14);
    CHECK(!malformed["error"]["hint"].get<std::string>().empty());
    check_error(server, "/api/search?q=refusal)", 400, "closes nothing", "q");
    check_error(server, "/api/search?q=nosuchfield:x", 400, "field", "q");
    check_error(server, "/api/search?q=model&colour=red", 400, "unknown parameter 'colour'", "colour");
    check_error(server, "/api/search?q=model&sort=best", 400, "relevance, newest or oldest", "sort");
    check_error(server, "/api/search?q=model&page=0", 400, "from 1", "page");
    check_error(server, "/api/search?q=model&page=two", 400, "whole number", "page");
    check_error(server, "/api/search?q=model&per_page=101", 400, "from 1 to 100", "per_page");
    check_error(server, "/api/search?q=model&page=1&page=2", 400, "give it once", "page");
    check_error(server, "/api/search?q=model&group=maybe", 400, "true or false", "group");
    check_error(server, "/api/search?q=model&since=2024-13", 400, "2024-13", "since");
    check_error(server, "/api/search?q=model&since=2025&until=2024", 400, "before", "until");
    check_error(server, "/api/search?q=model&month=2024", 400, "YYYY-MM", "month");
    check_error(server, "/api/search?q=model&page=500", 404, "beyond the last page", "page");
    check_error(server, "/api/search?q=model&page=2000", 400, "narrow the search", "page");
    check_error(server, "/api/search?q=" + std::string(1025, 'a'), 414, "1025 bytes", "q");
    check_error(server, "/api/entries/0000000000000000", 404, "no entry has the id");
    check_error(server, "/api/entries/0000000000000000/related", 404, "no entry has the id");
    check_error(server, "/api/entries/" + std::string("x") + "/related?limit=0", 400, "from 1 to 100", "limit");
    check_error(server, "/api/stats?verbose=1", 400, "unknown parameter", "verbose");
    check_error(server, "/api/nothing-here", 404, "no such page");
    // An address longer than the server reads at all.
    const httplib::Result too_long = server.get("/api/search?q=" + std::string(10000, 'a'));
    REQUIRE(too_long);
    CHECK(too_long->status == 414);
    // Read-only routes: another method is 405 with the methods there are.
    for (const std::string target : {"/api/search", "/api/stats", "/api/entries/abc", "/healthz"}) {
      CAPTURE(target);
      const httplib::Result posted = server.client().Post(target, "", "text/plain");
      REQUIRE(posted);
      CHECK(posted->status == 405);
      CHECK(posted->get_header_value("Allow") == "GET, HEAD");
      CHECK(json::parse(posted->body)["error"]["status"] == 405);
      const httplib::Result deleted = server.client().Delete(target);
      REQUIRE(deleted);
      CHECK(deleted->status == 405);
    }
    // The server is still there after all of it.
    CHECK(server.get_json("/healthz")["status"] == "ok");
  }

  TEST_CASE("HEAD answers without a body; responses are gzipped for clients that accept it") {
    const ServedIndex server(sample_index().db);
    const httplib::Result head = server.client().Head("/api/search?q=model");
    REQUIRE(head);
    CHECK(head->status == 200);
    CHECK(head->body.empty());
    httplib::Client client = server.client();
    client.set_decompress(false);
    const httplib::Result zipped = client.Get("/api/search?q=model", {{"Accept-Encoding", "gzip"}});
    REQUIRE(zipped);
    CHECK(zipped->get_header_value("Content-Encoding") == "gzip");
    const httplib::Result plain = client.Get("/api/search?q=model");
    REQUIRE(plain);
    CHECK_FALSE(plain->has_header("Content-Encoding"));
    CHECK(zipped->body.size() < plain->body.size() / 2);
    // Decompressed, the same object.
    httplib::Client decompressing = server.client();
    const httplib::Result unzipped = decompressing.Get("/api/search?q=model", {{"Accept-Encoding", "gzip"}});
    REQUIRE(unzipped);
    CHECK(json::parse(unzipped->body) == json::parse(plain->body));
    CHECK(plain->get_header_value("X-Content-Type-Options") == "nosniff");
  }

  TEST_CASE("requests at once from several clients get the answers they would get alone") {
    const ServedIndex server(sample_index().db);
    const std::vector<std::string> targets{"/api/search?q=model", "/api/search?q=SAE&kind=paper",
                                           "/api/search?q=reward+hacking&sort=newest", "/api/search?topic=Interpretability",
                                           "/api/search?q=attention&page=2&per_page=2"};
    std::vector<json> alone;
    for (const std::string& target : targets) alone.push_back(server.get_json(target));
    std::vector<std::future<bool>> clients;
    for (int c = 0; c < 6; ++c)
      clients.push_back(std::async(std::launch::async, [&, c] {
        httplib::Client client = server.client();
        for (int round = 0; round < 10; ++round) {
          const std::size_t which = static_cast<std::size_t>(c + round) % targets.size();
          const httplib::Result response = client.Get(targets[which]);
          if (!response || response->status != 200 || json::parse(response->body) != alone[which]) return false;
        }
        return true;
      }));
    for (auto& each : clients) CHECK(each.get());
  }

  TEST_CASE("each request is logged on stderr with its method, path, status and time; --quiet logs none") {
    {
      const ServedIndex server(sample_index().db);
      server.get("/api/search?q=reward+hacking");
      server.get("/api/nothing-here");
      // Each line is written once its response is sent, by the thread that sent it, so
      // the two may come in either order.
      server.log_with("GET /api/nothing-here 404 ");
      const std::string log = server.log_with("GET /api/search?q=reward+hacking 200 ");
      CHECK(contains(log, "GET /api/search?q=reward+hacking 200 "));
      CHECK(contains(log, "GET /api/nothing-here 404 "));
      CHECK(contains(log, " ms\n"));
    }
    ServedIndex quiet(sample_index().db, {"--quiet"});
    REQUIRE(quiet.get("/api/search?q=model"));
    quiet.stop();  // a line it would log is written by then
    CHECK(quiet.log().empty());
  }

  TEST_CASE("SIGINT stops the server cleanly too") {
    ServedIndex server(sample_index().db);
    server.process().kill(SIGINT);
    const ProcessResult ended = server.process().wait();
    CHECK(ended.exit_code == 0);
  }

  TEST_CASE("serve without an index, on a taken port or a malformed address says so and exits") {
    const Isolation place;
    const ProcessResult no_index = place.run({"--db", (place.dir / "none").string(), "serve", "--listen", "127.0.0.1:0"});
    CHECK(no_index.exit_code == 3);
    CHECK(contains(no_index.err, "clubsearch index"));

    const ServedIndex first(sample_index().db);
    const ProcessResult taken = place.run(
        {"--db", sample_index().db, "serve", "--listen", "127.0.0.1:" + std::to_string(first.port())});
    CHECK(taken.exit_code == 3);
    CHECK(contains(taken.err, "cannot listen on 127.0.0.1:" + std::to_string(first.port())));

    // clubsearch without the server program beside it names what is missing.
    const std::filesystem::path alone = place.dir / "alone" / "clubsearch";
    std::filesystem::create_directories(alone.parent_path());
    std::filesystem::copy_file(command({}).front(), alone);
    const ProcessResult missing = run_process(
        {alone.string(), "--db", sample_index().db, "serve", "--listen", "127.0.0.1:0"}, place.environment);
    CHECK(missing.exit_code == 3);
    CHECK(contains(missing.err, (alone.parent_path() / "clubsearch-serve").string()));

    for (const std::string listen : {"localhost:http", "127.0.0.1:70000", ":8080", "127.0.0.1:"}) {
      CAPTURE(listen);
      const ProcessResult bad = place.run({"--db", sample_index().db, "serve", "--listen", listen});
      CHECK(bad.exit_code == 2);
      CHECK(contains(bad.err, "HOST:PORT"));
    }
  }
}

namespace {

// The hostile fixture site indexed once: titles, links and tags made of markup and
// script URLs, which the page must show as text.
struct HostileIndex : Isolation {
  std::string db = (dir / "db").string();
  HostileIndex() {
    const std::filesystem::path site = std::filesystem::path(CLUBSEARCH_FIXTURES_DIR) / "hostile-site";
    const ProcessResult indexed = run({"--db", db, "index", site.string(), "--quiet", "--as-of", "2026-11-25"});
    INFO(indexed.err);
    REQUIRE(indexed.exit_code <= 1);
  }
};

const HostileIndex& hostile() {
  static const HostileIndex index;
  return index;
}

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
  return count;
}

// A page's body after checking it is HTML with the page's security headers.
std::string page_body(const ServedIndex& server, const std::string& target, int status = 200) {
  const httplib::Result response = server.get(target);
  REQUIRE(response);
  INFO(target);
  CHECK(response->status == status);
  CHECK(response->get_header_value("Content-Type") == "text/html; charset=utf-8");
  const std::string policy = response->get_header_value("Content-Security-Policy");
  CHECK(contains(policy, "script-src 'self'"));
  CHECK_FALSE(contains(policy, "unsafe-inline"));
  return response->body;
}

// The text between the first `open` after `from` and the next `close`.
std::string between(const std::string& text, const std::string& open, const std::string& close,
                    std::size_t from = 0) {
  const auto start = text.find(open, from);
  if (start == std::string::npos) return {};
  const auto end = text.find(close, start + open.size());
  return end == std::string::npos ? std::string() : text.substr(start + open.size(), end - start - open.size());
}

}  // namespace

TEST_SUITE("serve") {
  TEST_CASE("the page renders a search on the server: the API's results, in order, with facets and chips") {
    const ServedIndex server(sample_index().db);
    const json api = server.get_json("/api/search?q=sparse+autoencoders&kind=paper");
    const std::string page = page_body(server, "/?q=sparse+autoencoders&kind=paper");
    CHECK(contains(page, "<input id=\"q\" name=\"q\" type=\"search\" value=\"sparse autoencoders\""));
    CHECK(contains(page, std::to_string(api["total"].get<int>()) + " results for \u201csparse autoencoders\u201d"));
    // Every result of the API's first page, in the same order, by id.
    std::size_t at = 0;
    for (const json& result : api["results"]) {
      const std::string marker = "data-id=\"" + result["id"].get<std::string>() + "\"";
      const auto found = page.find(marker, at);
      CHECK_MESSAGE(found != std::string::npos, "result " << result["id"] << " missing or out of order");
      if (found != std::string::npos) at = found;
    }
    CHECK(occurrences(page, "<li class=\"result\"") == api["results"].size());
    // Matched words are marked; the selected facet value is checked and shown as a chip
    // that links to the search without it.
    CHECK(contains(page, "<mark>"));
    CHECK(contains(page, "name=\"kind\" value=\"paper\" checked"));
    CHECK(contains(page, "<a class=\"chip\" href=\"/?q=sparse+autoencoders\""));
    CHECK(contains(page, "<figure class=\"histogram\""));
    // The search form carries the filter, so a new query keeps it.
    CHECK(contains(between(page, "<form id=\"search-form\"", "</form>"), "name=\"kind\" value=\"paper\""));
  }

  TEST_CASE("the start page lists the newest entries; paging links move through the results") {
    const ServedIndex server(sample_index().db);
    const std::string start = page_body(server, "/");
    CHECK(contains(start, "<ol id=\"results\""));
    const json newest = server.get_json("/api/search");
    REQUIRE(!newest["results"].empty());
    CHECK(contains(start, "data-id=\"" + newest["results"][0]["id"].get<std::string>() + "\""));
    const std::string first = page_body(server, "/?q=model");
    CHECK(contains(first, "<a rel=\"next\" href=\"/?q=model&amp;page=2\">"));
    const std::string second = page_body(server, "/?q=model&page=2");
    CHECK(contains(second, "<a rel=\"prev\" href=\"/?q=model\">"));
    CHECK(contains(second, "<ol id=\"results\" start=\"11\">"));
  }

  TEST_CASE("related entries and a did-you-mean suggestion on the page") {
    const ServedIndex server(sample_index().db);
    const json found = server.get_json("/api/search?q=reward+hacking");
    const std::string id = found["results"][0]["id"];
    const std::string related = page_body(server, "/?related=" + id);
    CHECK(contains(related, "Entries like \u201c"));
    const json api_related = server.get_json("/api/entries/" + id + "/related");
    REQUIRE(!api_related["results"].empty());
    CHECK(contains(related, "data-id=\"" + api_related["results"][0]["id"].get<std::string>() + "\""));
    page_body(server, "/?related=0000000000000000", 404);
    const std::string typo = page_body(server, "/?q=interpretabilty");
    CHECK(contains(typo, "class=\"suggestion\""));
    CHECK(contains(typo, "interpretability"));
  }

  TEST_CASE("the page's refusals are pages with the right status, showing the query back") {
    const ServedIndex server(sample_index().db);
    const std::string malformed = page_body(server, "/?q=refusal+%22single%22)+direction", 400);
    CHECK(contains(malformed, "closes nothing"));
    CHECK(contains(malformed, "<code>refusal &quot;single&quot;<mark>)</mark> direction</code>"));
    CHECK(contains(malformed, "value=\"refusal &quot;single&quot;) direction\""));
    CHECK(contains(page_body(server, "/?q=model&sort=best", 400), "relevance, newest or oldest"));
    CHECK(contains(page_body(server, "/?q=model&page=500", 404), "beyond the last page"));
    CHECK(contains(page_body(server, "/?q=" + std::string(1100, 'a'), 414), "at most 1024"));
    CHECK(contains(page_body(server, "/no/such/page", 404), "no such page"));
    // A shared link with a parameter the page does not know still searches.
    CHECK(contains(page_body(server, "/?q=model&utm_source=mail"), "results for \u201cmodel\u201d"));
  }

  TEST_CASE("hostile titles, links, tags and queries are shown as text, and only http(s) links are links") {
    const ServedIndex server(hostile().db);
    for (const std::string target : {"/", "/?q=script", "/?q=img", "/?q=javascript", "/?q=data",
                                     "/?q=%3Cscript%3Ealert(9)%3C%2Fscript%3E", "/?q=x&tag=%22%3E%3Cscript%3E"}) {
      CAPTURE(target);
      const std::string page = page_body(server, target);
      CHECK(occurrences(page, "<script") == 1);  // the page's own script
      CHECK(contains(page, "<script src=\"/assets/app.js?v="));
      CHECK_FALSE(contains(page, "<img"));
      CHECK_FALSE(contains(page, "onerror="));
      CHECK_FALSE(contains(page, "onclick="));
      CHECK_FALSE(contains(page, "onmouseover="));
      CHECK_FALSE(contains(page, "href=\"javascript:"));
      CHECK_FALSE(contains(page, "href=\"JaVaScRiPt:"));
      CHECK_FALSE(contains(page, "href=\"data:"));
    }
    const std::string page = page_body(server, "/?q=script");
    CHECK(contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    // A right-to-left override cannot make a title read backwards.
    const std::string bidi = page_body(server, "/?q=invoice");
    CHECK(contains(bidi, "invoicefdp.exe"));
    CHECK_FALSE(contains(bidi, "\u202E"));
    // A heading whose link text was all markup is indexed without a title: the page shows
    // its address rather than an empty link.
    const std::string images = page_body(server, "/?q=img");
    CHECK(contains(images, "<a href=\"https://example.org/papers/img-onerror\" class=\"result-link\">"
                           "https://example.org/papers/img-onerror</a>"));
    // A javascript: link is not followed: the result links to the entry in its post.
    const std::string scripts = page_body(server, "/?q=javascript");
    CHECK(contains(scripts, "<a href=\"https://hostile.example/hostile/#a-perfectly-normal-paper\" "
                            "class=\"result-link\">A perfectly normal paper</a>"));
  }

  TEST_CASE("the Atom feed lists a search's newest matches and is well-formed XML even from hostile posts") {
    const ServedIndex server(sample_index().db);
    const httplib::Result feed = server.get("/feed.atom?q=model");
    REQUIRE(feed);
    CHECK(feed->status == 200);
    CHECK(feed->get_header_value("Content-Type") == "application/atom+xml; charset=utf-8");
    const json newest = server.get_json("/api/search?q=model&sort=newest&per_page=50");
    CHECK(occurrences(feed->body, "<entry>") == newest["results"].size());
    CHECK(contains(feed->body, "<id>urn:clubsearch:" + newest["results"][0]["id"].get<std::string>() + "</id>"));
    CHECK(contains(feed->body, "<link rel=\"self\" href=\"http://127.0.0.1:" + std::to_string(server.port()) +
                                   "/feed.atom?q=model\"/>"));
    const ServedIndex hostile_server(hostile().db);
    const httplib::Result hostile_feed = hostile_server.get("/feed.atom");
    REQUIRE(hostile_feed);
    TempDir scratch;
    for (const auto& name_body : {std::pair{"sample.xml", feed->body}, std::pair{"hostile.xml", hostile_feed->body}}) {
      const auto& name = std::get<0>(name_body);
      const auto& body = std::get<1>(name_body);
      CAPTURE(name);
      std::ofstream(scratch / name) << body;
      const ProcessResult parsed = run_process(
          {"python3", "-c",
           "import sys, xml.etree.ElementTree as ET; root = ET.parse(sys.argv[1]).getroot(); "
           "assert root.tag == '{http://www.w3.org/2005/Atom}feed'; print(len(root))",
           (scratch / name).string()});
      INFO(parsed.err);
      CHECK(parsed.exit_code == 0);
    }
    CHECK_FALSE(contains(hostile_feed->body, "href=\"javascript:"));
    const httplib::Result opensearch = server.get("/opensearch.xml");
    REQUIRE(opensearch);
    CHECK(opensearch->get_header_value("Content-Type") == "application/opensearchdescription+xml");
    CHECK(contains(opensearch->body, "template=\"http://127.0.0.1:" + std::to_string(server.port()) +
                                         "/?q={searchTerms}\""));
  }

  TEST_CASE("assets are embedded, cached by version and ETag, and the page stays within its weight budget") {
    const ServedIndex server(sample_index().db);
    const std::string page = page_body(server, "/?q=xqzvbnmw");  // a page without results
    std::size_t weight = page.size();
    for (const std::string kind : {"style.css", "app.js", "favicon.svg"}) {
      CAPTURE(kind);
      const std::string versioned = "/assets/" + kind + "?v=" + between(page, "/assets/" + kind + "?v=", "\"");
      CHECK(versioned.size() > kind.size() + 12);
      const httplib::Result asset = server.get(versioned);
      REQUIRE(asset);
      CHECK(asset->status == 200);
      CHECK(asset->get_header_value("Cache-Control") == "public, max-age=31536000, immutable");
      const std::string etag = asset->get_header_value("ETag");
      CHECK(!etag.empty());
      weight += asset->body.size();
      const httplib::Result again = server.get("/assets/" + kind, {{"If-None-Match", etag}});
      REQUIRE(again);
      CHECK(again->status == 304);
      CHECK(again->body.empty());
      const httplib::Result unversioned = server.get("/assets/" + kind);
      REQUIRE(unversioned);
      CHECK(unversioned->get_header_value("Cache-Control") == "no-cache");
    }
    CHECK(server.get("/assets/app.js")->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
    CHECK(server.get("/assets/nothing.js")->status == 404);
    MESSAGE("page weight without results: " << weight << " bytes");
    CHECK(weight < 60 * 1024);
    // Gzipped for browsers, which offer Brotli too (the library's Brotli is far slower).
    httplib::Client client = server.client();
    client.set_decompress(false);
    for (const std::string offer : {"gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.8"}) {
      CAPTURE(offer);
      const httplib::Result zipped = client.Get("/?q=model", {{"Accept-Encoding", offer}});
      REQUIRE(zipped);
      CHECK(zipped->get_header_value("Content-Encoding") == "gzip");
    }
    const httplib::Result brotli_only = client.Get("/?q=model", {{"Accept-Encoding", "br"}});
    REQUIRE(brotli_only);
    CHECK_FALSE(brotli_only->has_header("Content-Encoding"));
  }
}

TEST_SUITE("serve") {
  TEST_CASE("a search asked again gets the same answer, whatever the order of its parameters") {
    const ServedIndex server(sample_index().db);
    const json first = server.get_json("/api/search?q=model&kind=paper&sort=newest&per_page=5");
    CHECK(server.get_json("/api/search?q=model&kind=paper&sort=newest&per_page=5") == first);
    CHECK(server.get_json("/api/search?per_page=5&sort=newest&kind=paper&q=model") == first);
    // Different searches are never confused with it.
    CHECK(server.get_json("/api/search?q=model&kind=paper&sort=oldest&per_page=5") != first);
    CHECK(server.get_json("/api/search?q=model&kind=blog&sort=newest&per_page=5") != first);
    // Refusals are not remembered as answers: the same bad request is refused again.
    server.get_json("/api/search?q=model&sort=best", 400);
    server.get_json("/api/search?q=model&sort=best", 400);
    const std::string page = page_body(server, "/?q=model&kind=paper");
    CHECK(page_body(server, "/?kind=paper&q=model") == page);
  }
}

namespace {

// A small site of our own that a test changes while a server reads its index.
struct LiveSite : Isolation {
  std::filesystem::path site = dir / "site";
  std::string db = (dir / "db").string();
  LiveSite() {
    std::filesystem::create_directories(site / "content" / "posts");
    std::ofstream(site / "config.toml") << "base_url = \"https://live.example\"\ntitle = \"Live\"\n";
    write("first.md", "First post", "2024-01-05", "Toy Models of Superposition",
          "https://transformer-circuits.pub/2022/toy_model/index.html", "Features in superposition.");
    index();
  }
  void write(const std::string& name, const std::string& title, const std::string& date, const std::string& paper,
             const std::string& url, const std::string& commentary) const {
    std::ofstream(site / "content" / "posts" / name)
        << "+++\ntitle = \"" << title << "\"\ndate = " << date << "\n+++\n\n#### [" << paper << "](" << url
        << ")\n\n" << commentary << "\n";
  }
  void index(const std::vector<std::string>& extra = {}) const {
    std::vector<std::string> arguments{"--db", db, "index", site.string(), "--quiet", "--as-of", "2026-11-25"};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    const ProcessResult indexed = run(arguments);
    INFO(indexed.err);
    REQUIRE(indexed.exit_code == 0);
  }
};

}  // namespace

TEST_SUITE("serve") {
  TEST_CASE("a running server answers with the index as updated or rebuilt underneath it, without a restart") {
    LiveSite live;
    const ServedIndex server(live.db);
    CHECK(server.get_json("/api/search?q=quokka")["total"] == 0);
    CHECK(contains(page_body(server, "/?q=quokka"), "0 results"));

    live.write("second.md", "Second post", "2024-02-09", "Quokka Attention", "https://arxiv.org/abs/2402.00001",
               "A quokka-shaped attention pattern.");
    live.index();  // an incremental update: a new revision of the same generation
    CHECK(server.wait_for_total("quokka", 1) == 1);
    CHECK(contains(page_body(server, "/?q=quokka"), "Quokka Attention"));  // the page too, not a cached answer

    live.write("second.md", "Second post", "2024-02-09", "Wombat Attention", "https://arxiv.org/abs/2402.00001",
               "A wombat-shaped attention pattern.");
    live.index();
    CHECK(server.wait_for_total("quokka", 0) == 0);
    CHECK(server.wait_for_total("wombat", 1) == 1);

    live.write("third.md", "Third post", "2024-03-01", "Quokka Returns", "https://arxiv.org/abs/2403.00002",
               "The quokka again.");
    live.index({"--full"});  // a rebuild: a new generation behind the stub
    CHECK(server.wait_for_total("quokka", 1) == 1);
    CHECK(server.wait_for_total("wombat", 1) == 1);
  }

  TEST_CASE("searches keep being answered, consistently, while the index is updated again and again") {
    LiveSite live;
    const ServedIndex server(live.db);
    std::atomic<bool> done = false;
    std::atomic<int> answered = 0, failed = 0;
    std::vector<std::thread> clients;
    for (int c = 0; c < 3; ++c)
      clients.emplace_back([&] {
        httplib::Client client = server.client();
        while (!done) {
          const httplib::Result response = client.Get("/api/search?q=attention&per_page=100");
          if (!response || response->status != 200) {
            ++failed;
            continue;
          }
          // Consistent: the total is the number of results (all fit on the page).
          const json body = json::parse(response->body);
          if (body["total"].get<std::size_t>() != body["results"].size()) ++failed;
          ++answered;
        }
      });
    for (int round = 0; round < 8; ++round) {
      live.write("post-" + std::to_string(round) + ".md", "Post " + std::to_string(round), "2024-04-0" + std::to_string(round + 1),
                 "Attention paper " + std::to_string(round), "https://arxiv.org/abs/2404.0000" + std::to_string(round),
                 "More attention, round " + std::to_string(round) + ".");
      live.index(round % 4 == 3 ? std::vector<std::string>{"--full"} : std::vector<std::string>{});
    }
    CHECK(server.wait_for_total("attention", 8) == 8);
    done = true;
    for (std::thread& client : clients) client.join();
    CHECK(failed == 0);
    CHECK(answered > 0);
    MESSAGE(answered.load() << " searches answered during 8 updates");
  }
}

TEST_SUITE("serve") {
  TEST_CASE("POST /api/reindex indexes the content for a caller with the token, and refuses the others") {
    LiveSite live;
    const std::filesystem::path config = live.dir / "clubsearch.toml";
    std::ofstream(config) << "content = \"" << live.site.string() << "\"\nreindex_token = \"s3cret-token\"\n";
    const ServedIndex server(live.db, {"--config", config.string()});
    live.write("second.md", "Second post", "2024-02-09", "Quokka Attention", "https://arxiv.org/abs/2402.00001",
               "A quokka-shaped attention pattern.");
    httplib::Client client = server.client();
    const httplib::Result anonymous = client.Post("/api/reindex", "", "text/plain");
    REQUIRE(anonymous);
    CHECK(anonymous->status == 401);
    CHECK(anonymous->get_header_value("WWW-Authenticate") == "Bearer realm=\"clubsearch\"");
    const httplib::Result wrong = client.Post("/api/reindex", {{"Authorization", "Bearer s3cret-tokem"}}, "", "text/plain");
    REQUIRE(wrong);
    CHECK(wrong->status == 401);
    CHECK(server.get("/api/reindex")->status == 405);
    CHECK(server.get_json("/api/search?q=quokka")["total"] == 0);  // nothing reindexed yet

    const httplib::Result started = client.Post("/api/reindex", {{"Authorization", "Bearer s3cret-token"}}, "", "text/plain");
    REQUIRE(started);
    CHECK(started->status == 202);
    CHECK(json::parse(started->body)["status"] == "started");
    CHECK(server.wait_for_total("quokka", 1) == 1);
  }

  TEST_CASE("POST /api/reindex without a content folder or without a token set is refused, saying why") {
    LiveSite live;
    const ServedIndex no_content(live.db);
    httplib::Client client = no_content.client();
    const httplib::Result refused = client.Post("/api/reindex", {{"Authorization", "Bearer anything"}}, "", "text/plain");
    REQUIRE(refused);
    CHECK(refused->status == 404);
    CHECK(contains(json::parse(refused->body)["error"]["message"].get<std::string>(), "content"));

    const std::filesystem::path config = live.dir / "clubsearch.toml";
    std::ofstream(config) << "content = \"" << live.site.string() << "\"\n";
    const ServedIndex no_token(live.db, {"--config", config.string()});
    httplib::Client other = no_token.client();
    const httplib::Result untokened = other.Post("/api/reindex", {{"Authorization", "Bearer "}}, "", "text/plain");
    REQUIRE(untokened);
    CHECK(untokened->status == 401);
    CHECK(contains(json::parse(untokened->body)["error"]["message"].get<std::string>(), "needs a token"));
  }
}

namespace {

// A text from the index as the page writes it.
std::string escaped(const std::string& text) { return clubsearch::page::html_escape(text); }

// The href of the first <a> after `marker` in `page`, unescaped.
std::string href_after(const std::string& page, const std::string& marker) {
  const auto at = page.find(marker);
  if (at == std::string::npos) return {};
  std::string href = between(page, "href=\"", "\"", at);
  for (std::size_t amp = href.find("&amp;"); amp != std::string::npos; amp = href.find("&amp;", amp + 1))
    href.replace(amp, 5, "&");
  return href;
}

}  // namespace

TEST_SUITE("serve") {
  TEST_CASE("a paper's page shows what clubsearch show prints of it: identifiers, links and its timeline in order") {
    const ServedIndex server(sample_index().db);
    const json discussed = sample_index().search_json({"papers", "--discussed", "2"});
    REQUIRE(!discussed["results"].empty());
    const std::string id = discussed["results"][0]["id"];
    const json shown = sample_index().search_json({"show", id});
    REQUIRE(shown["type"] == "paper");
    const json& paper = shown["papers"][0];
    const std::string page = page_body(server, "/papers/" + id);
    CHECK(contains(page, "<h1>" + escaped(paper["title"].get<std::string>()) + "</h1>"));
    CHECK(contains(page, "<title>" + escaped(paper["title"].get<std::string>()) + " \u2014 clubsearch</title>"));
    CHECK(contains(page, "discussed in " + std::to_string(paper["posts"].get<int>()) + " posts"));
    if (paper["date"].is_string())
      CHECK(contains(page, "<time datetime=\"" + paper["date"].get<std::string>() + "\">"));
    if (paper["arxiv"].is_string()) {
      const std::string arxiv = paper["arxiv"];
      CHECK(contains(page, "<a href=\"https://arxiv.org/abs/" + arxiv + "\" data-identifier=\"arXiv\">" + arxiv + "</a>"));
      CHECK(contains(page, "<meta name=\"citation_arxiv_id\" content=\"" + arxiv + "\">"));
      CHECK(contains(page, "rft_id=info%3Aarxiv%2F" + arxiv));
    }
    CHECK(contains(page, "<meta name=\"citation_title\" content=\"" + escaped(paper["title"].get<std::string>()) + "\">"));
    CHECK(occurrences(page, "<span class=\"Z3988\" title=\"ctx_ver=Z39.88-2004&amp;") == 1);
    // Every form it is linked in.
    for (const json& item : shown["result"]["items"]) CHECK(contains(page, "<a href=\"" + escaped(item["url"]) + "\""));
    // The timeline: each mention, in the order show gives (oldest first), its post's
    // title linking to the entry on the blog.
    std::size_t at = 0;
    REQUIRE(paper["mentions"].size() >= 2);
    for (const json& mention : paper["mentions"]) {
      const std::string marker = "data-entry-id=\"" + mention["entry_id"].get<std::string>() + "\"";
      const auto found = page.find(marker, at);
      CHECK_MESSAGE(found != std::string::npos, "mention " << mention["entry_id"] << " missing or out of order");
      if (found == std::string::npos) continue;
      at = found;
      CHECK(between(page, "<h3>", "</h3>", found) == "<a href=\"" + escaped(mention["entry_url"]) +
                                                         "\" class=\"post\">" + escaped(mention["post_title"]) + "</a>");
    }
    CHECK(occurrences(page, "<li class=\"mention\"") == paper["mentions"].size());
    // A paper's page is plain HTML: no script.
    CHECK(occurrences(page, "<script") == 0);
    // Its citation downloads are the CLI's citation of the paper.
    const std::string bibtex_url = href_after(page, "<p class=\"cite\">Cite it:");
    CHECK(bibtex_url == "/api/papers?q=paperid%3A" + id + "&format=bibtex");
    const httplib::Result bibtex = server.get(bibtex_url);
    REQUIRE(bibtex);
    CHECK(bibtex->status == 200);
    CHECK(bibtex->get_header_value("Content-Type") == "application/x-bibtex; charset=utf-8");
    CHECK(bibtex->body == sample_index().search({"show", id, "--format", "bibtex"}).out);
    for (const std::string format : {"ris", "csl-json"}) {
      CAPTURE(format);
      const httplib::Result file = server.get("/api/papers?q=paperid%3A" + id + "&format=" + format);
      REQUIRE(file);
      CHECK(contains(page, "href=\"/api/papers?q=paperid%3A" + id + "&amp;format=" + format + "\" download"));
      CHECK(file->body == sample_index().search({"show", id, "--format", format}).out);
    }
  }

  TEST_CASE("/papers/ID of an entry redirects to its related entries; an unknown id is a 404 page") {
    const ServedIndex server(sample_index().db);
    const std::string missing = page_body(server, "/papers/0000000000000000", 404);
    CHECK(contains(missing, "no paper has the id &#39;0000000000000000&#39;"));
    CHECK(contains(missing, "<header class=\"site-header\">"));
    const std::string hostile_id = page_body(server, "/papers/%3Cscript%3Ealert(1)%3C%2Fscript%3E", 404);
    CHECK(contains(hostile_id, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    CHECK(occurrences(hostile_id, "<script") == 1);  // the page's own
    const json entries = server.get_json("/api/search?q=refusal");
    REQUIRE(!entries["results"].empty());
    const std::string entry = entries["results"][0]["id"];
    const httplib::Result redirected = server.get("/papers/" + entry);
    REQUIRE(redirected);
    CHECK(redirected->status == 303);
    CHECK(redirected->get_header_value("Location") == "/?related=" + entry);
    const httplib::Result view = server.get("/papers?q=refusal");
    REQUIRE(view);
    CHECK(view->status == 303);
    CHECK(view->get_header_value("Location") == "/?q=refusal&papers=1");
  }

  TEST_CASE("the papers view: /api/papers' results in order, each linking to its page, with its facets and downloads") {
    const ServedIndex server(sample_index().db);
    const json api = server.get_json("/api/papers?q=refusal");
    REQUIRE(!api["results"].empty());
    const std::string page = page_body(server, "/?q=refusal&papers=1");
    std::size_t at = 0;
    for (const json& result : api["results"]) {
      const std::string id = result["id"];
      const auto found = page.find("data-id=\"" + id + "\"", at);
      CHECK_MESSAGE(found != std::string::npos, "paper " << id << " missing or out of order");
      if (found == std::string::npos) continue;
      at = found;
      CHECK(between(page, "<h2>", "</h2>", found).rfind("<a href=\"/papers/" + id + "\" class=\"result-link\">", 0) == 0);
    }
    CHECK(occurrences(page, "<li class=\"result\" data-type=\"paper\"") == api["results"].size());
    CHECK(occurrences(page, "<span class=\"Z3988\"") == api["results"].size());
    CHECK(contains(page, "<fieldset class=\"facet\" data-facet=\"discussed\">"));
    CHECK(contains(page, "<fieldset class=\"facet\" data-facet=\"paperyear\">"));
    CHECK_FALSE(contains(page, "data-facet=\"section\""));
    CHECK(contains(page, "<option value=\"discussed\">Most discussed</option>"));
    CHECK(contains(page, "<a href=\"/?q=refusal&amp;papers=1\" data-scope=\"papers\" aria-current=\"page\">Papers</a>"));
    CHECK(contains(page, "<a href=\"/?q=refusal\" data-scope=\"entries\">Entries</a>"));
    // Its forms keep the scope, so a new query or filter searches papers again.
    CHECK(contains(between(page, "<form id=\"search-form\"", "</form>"), "<input type=\"hidden\" name=\"papers\" value=\"1\">"));
    CHECK(contains(between(page, "<form id=\"facet-form\"", "</form>"), "<input type=\"hidden\" name=\"papers\" value=\"1\">"));
    // "Cite these" downloads this page's citations, as the API gives them.
    const std::string cite = href_after(page, "<p class=\"cite\">Cite these:");
    CHECK(cite == "/api/papers?q=refusal&format=bibtex");
    const httplib::Result bibtex = server.get(cite);
    REQUIRE(bibtex);
    CHECK(bibtex->body == sample_index().search({"papers", "refusal", "--format", "bibtex"}).out);
    CHECK(contains(page, "<a href=\"/api/papers?q=refusal\">JSON</a>"));
    // A filter of papers only.
    const json twice = server.get_json("/api/papers?discussed=2");
    const std::string filtered = page_body(server, "/?papers=1&discussed=2");
    CHECK(occurrences(filtered, "<li class=\"result\" data-type=\"paper\"") == twice["results"].size());
    // The entries' view: a result whose item is a paper links to the paper's page.
    const json found = server.get_json("/api/search?q=refusal");
    const std::string entries = page_body(server, "/?q=refusal");
    CHECK(contains(entries, "<a href=\"/?q=refusal&amp;papers=1\" data-scope=\"papers\">Papers</a>"));
    CHECK(contains(entries, "Cite these: <a href=\"/api/search?q=refusal&amp;format=bibtex\" download"));
    bool linked = false;
    for (const json& result : found["results"])
      for (const json& item : result["items"])
        if (item["paper"].is_string()) {
          linked = true;
          const std::string marker = "data-id=\"" + result["id"].get<std::string>() + "\"";
          const std::string article = between(entries, marker, "</article>");
          CHECK(contains(article, "<a class=\"paper-page\" href=\"/papers/" + item["paper"].get<std::string>() + "\""));
        }
    CHECK(linked);
  }

  TEST_CASE("the hostile site's papers have pages where every title, link and excerpt is text") {
    const ServedIndex server(hostile().db);
    const json papers = server.get_json("/api/papers?per_page=100");
    REQUIRE(!papers["results"].empty());
    bool hostile_text = false;
    for (const json& result : papers["results"]) {
      const std::string id = result["id"];
      CAPTURE(id);
      const std::string page = page_body(server, "/papers/" + id);
      CHECK(occurrences(page, "<script") == 0);
      CHECK_FALSE(contains(page, "<img"));
      CHECK_FALSE(contains(page, "<iframe"));
      CHECK_FALSE(contains(page, "onerror="));
      CHECK_FALSE(contains(page, "href=\"javascript:"));
      CHECK_FALSE(contains(page, "href=\"data:"));
      hostile_text = hostile_text || contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;");
    }
    CHECK(hostile_text);  // a paper discussed in the hostile post shows its title as text
    const std::string view = page_body(server, "/?papers=1");
    CHECK(occurrences(view, "<script") == 1);
    CHECK_FALSE(contains(view, "<img"));
  }
}
