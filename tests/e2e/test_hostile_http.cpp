// `clubsearch serve` against requests a browser or the library's own client never sends,
// spoken byte by byte over a socket (tests/e2e/raw_http.h): what curl sends without a
// body, chunked bodies, thousands of ranges, methods no route takes, NUL bytes.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/e2e/isolation.h"
#include "tests/e2e/process.h"
#include "tests/e2e/raw_http.h"
#include "tests/e2e/served_index.h"

using clubsearch::test::Isolation;
using clubsearch::test::raw_exchange;
using clubsearch::test::RawResponse;
using clubsearch::test::sample_index;
using clubsearch::test::ServedIndex;
using nlohmann::json;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string error_message(const RawResponse& response) {
  INFO(response.body);
  return json::parse(response.body)["error"]["message"].get<std::string>();
}

}  // namespace

TEST_SUITE("hostile") {
  TEST_CASE("POST /api/reindex as curl sends it, without Content-Length, starts the reindex") {
    Isolation isolation;
    const std::filesystem::path site = isolation.dir / "site";
    std::filesystem::create_directories(site / "content");
    std::ofstream(site / "config.toml") << "base_url = \"https://live.example\"\ntitle = \"Live\"\n";
    const std::string db = (isolation.dir / "db").string();
    REQUIRE(isolation.run({"--db", db, "index", site.string(), "--quiet"}).exit_code == 0);
    const std::filesystem::path config = isolation.dir / "clubsearch.toml";
    std::ofstream(config) << "content = \"" << site.string() << "\"\nreindex_token = \"T0ken\"\n";
    const ServedIndex server(db, {"--config", config.string()});
    std::ofstream(site / "content" / "new.md")
        << "+++\ntitle = \"New\"\ndate = 2024-02-09\n+++\n\n#### [Quokka Attention](https://arxiv.org/abs/2402.00001)\n";
    // Exactly what `curl -fsS -X POST -H "Authorization: Bearer T0ken" URL` sends (docs/reindexing.md).
    const RawResponse started = raw_exchange(
        server.port(), "POST /api/reindex HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n"
                       "Authorization: Bearer T0ken\r\n\r\n");
    CHECK(started.status == 202);
    CHECK(server.wait_for_total("quokka", 1) == 1);
  }

  TEST_CASE("a chunked request body is refused before any of it is read") {
    const ServedIndex server(sample_index().db);
    // Headers only: the server answers without waiting for the first chunk.
    const RawResponse refused = raw_exchange(
        server.port(), "POST /api/reindex HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n");
    CHECK(refused.status == 411);
    CHECK(contains(error_message(refused), "no route takes a request body"));
    const RawResponse put = raw_exchange(
        server.port(), "PUT /api/search HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n");
    CHECK(put.status == 411);
    // A body of a declared length over the limit is refused without being kept.
    const RawResponse large = raw_exchange(
        server.port(), "POST /api/reindex HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 300000000\r\n\r\n");
    CHECK(large.status == 413);
    CHECK(server.get("/healthz")->status == 200);
  }

  TEST_CASE("thousands of ranges get the content once, not a copy per range") {
    const ServedIndex server(sample_index().db);
    const auto whole = server.get("/assets/favicon.svg");
    REQUIRE(whole);
    REQUIRE(whole->status == 200);
    std::string ranges = "bytes=0-";
    for (int i = 0; i < 2700; ++i) ranges += ",0-";
    const RawResponse many = raw_exchange(
        server.port(), "GET /assets/favicon.svg HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: " + ranges + "\r\n\r\n");
    CHECK(many.status == 200);
    CHECK(many.body == whole->body);
    // One range is served as asked.
    const RawResponse one =
        raw_exchange(server.port(), "GET /assets/favicon.svg HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=0-9\r\n\r\n");
    CHECK(one.status == 206);
    CHECK(one.body == whole->body.substr(0, 10));
  }

  TEST_CASE("OPTIONS, TRACE and CONNECT are 405 with the methods the path takes") {
    const ServedIndex server(sample_index().db);
    for (const std::string method : {"OPTIONS", "TRACE"}) {
      CAPTURE(method);
      const RawResponse search = raw_exchange(server.port(), method + " /api/search?q=x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      CHECK(search.status == 405);
      CHECK(search.header("allow") == "GET, HEAD");
      CHECK(contains(search.header("content-type"), "application/json"));
      const RawResponse reindex = raw_exchange(server.port(), method + " /api/reindex HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      CHECK(reindex.status == 405);
      CHECK(reindex.header("allow") == "POST");
    }
    const RawResponse connect = raw_exchange(server.port(), "CONNECT 127.0.0.1:80 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    CHECK(connect.status == 405);
  }

  TEST_CASE("the Atom feed stays well-formed XML for a query that is not UTF-8 and a post holding U+FFFE") {
    Isolation isolation;
    const std::filesystem::path site = isolation.dir / "site";
    std::filesystem::create_directories(site / "content");
    std::ofstream(site / "config.toml") << "base_url = \"https://live.example\"\ntitle = \"Live\"\n";
    std::ofstream(site / "content" / "odd.md")
        << "+++\ntitle = \"Odd \xEF\xBF\xBE title\"\ndate = 2024-02-09\n+++\n\n"
           "#### [Okapi \xEF\xBF\xBF paper \x01](https://arxiv.org/abs/2402.00001)\n\nNotes \xEF\xBF\xBE on okapis.\n";
    const std::string db = (isolation.dir / "db").string();
    REQUIRE(isolation.run({"--db", db, "index", site.string(), "--quiet"}).exit_code == 0);
    const ServedIndex server(db);
    for (const std::string target : {"/feed.atom", "/feed.atom?q=%FF", "/feed.atom?q=okapi%EF%BF%BE", "/feed.atom?q=%C0%AF"}) {
      CAPTURE(target);
      const RawResponse feed = raw_exchange(server.port(), "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      REQUIRE(feed.status == 200);
      const std::filesystem::path file = isolation.dir / "feed.xml";
      std::ofstream(file, std::ios::binary | std::ios::trunc) << feed.body;
      const auto parsed = clubsearch::test::run_process(
          {"python3", "-c", "import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])", file.string()});
      INFO(parsed.err);
      CHECK(parsed.exit_code == 0);
    }
  }

  TEST_CASE("a server on 127.0.0.1 answers only for this machine's names: a rebound name gets 421") {
    const ServedIndex server(sample_index().db, {"--allow-host", "Search.Example"});
    const std::string port = std::to_string(server.port());
    for (const std::string& host : std::vector<std::string>{"127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port, "search.example",
                                   "SEARCH.example:443"}) {
      CAPTURE(host);
      CHECK(raw_exchange(server.port(), "GET /api/stats HTTP/1.1\r\nHost: " + host + "\r\n\r\n").status == 200);
    }
    for (const std::string& host :
         std::vector<std::string>{"attacker.example:" + port, "127.0.0.1.attacker.example", "localhost.example"}) {
      CAPTURE(host);
      const RawResponse refused = raw_exchange(server.port(), "GET /api/stats HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
      CHECK(refused.status == 421);
      CHECK(contains(error_message(refused), "--allow-host"));
      CHECK(raw_exchange(server.port(), "GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n").status == 421);
    }
  }

  TEST_CASE("--allow-origin lets the pages of the origins named read the API, and no other page or route") {
    auto request = [](int port, const std::string& method, const std::string& target, const std::string& origin) {
      return raw_exchange(port, method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                                    (origin.empty() ? "" : "Origin: " + origin + "\r\n") +
                                    (method == "POST" ? "Content-Length: 0\r\n" : "") + "\r\n");
    };
    {
      // By default no page elsewhere may read it.
      const ServedIndex closed(sample_index().db);
      const RawResponse answer = request(closed.port(), "GET", "/api/search?q=refusal", "https://blog.example.org");
      CHECK(answer.status == 200);
      CHECK(answer.header("access-control-allow-origin").empty());
    }
    const ServedIndex server(sample_index().db, {"--allow-origin", "https://Blog.Example.org", "--allow-origin",
                                                 "http://localhost:1313"});
    for (const std::string origin : {"https://blog.example.org", "http://localhost:1313"}) {
      CAPTURE(origin);
      for (const std::string target : {"/api/search?q=refusal", "/api/papers", "/api/stats", "/api/search?per_page=0"}) {
        CAPTURE(target);
        const RawResponse answer = request(server.port(), "GET", target, origin);
        CHECK(answer.header("access-control-allow-origin") == origin);  // errors too, so the page can show them
        CHECK(contains(answer.header("vary"), "Origin"));
      }
      CHECK(request(server.port(), "HEAD", "/api/search?q=refusal", origin).header("access-control-allow-origin") ==
            origin);
      // Never the reindex call, nor the page.
      CHECK(request(server.port(), "POST", "/api/reindex", origin).header("access-control-allow-origin").empty());
      CHECK(request(server.port(), "GET", "/?q=refusal", origin).header("access-control-allow-origin").empty());
    }
    for (const std::string origin : {"https://attacker.example", "https://blog.example.org.attacker.example",
                                     "http://blog.example.org", "null", ""}) {
      CAPTURE(origin);
      const RawResponse answer = request(server.port(), "GET", "/api/search?q=refusal", origin);
      CHECK(answer.status == 200);
      CHECK(answer.header("access-control-allow-origin").empty());
    }
    const ServedIndex open(sample_index().db, {"--allow-origin", "*"});
    CHECK(request(open.port(), "GET", "/api/stats", "https://anywhere.example").header("access-control-allow-origin") ==
          "*");
    // An origin with a path is refused before the server starts.
    const auto refused = clubsearch::test::run_process(clubsearch::test::command(
        {"--db", sample_index().db, "serve", "--listen", "127.0.0.1:0", "--allow-origin", "https://blog.example.org/search"}));
    CHECK(refused.exit_code == 2);
    CHECK(contains(refused.err, "is not an origin"));
  }

  TEST_CASE("a request line the library cannot read is answered in JSON under /api/; an unknown method is 405") {
    const ServedIndex server(sample_index().db);
    const RawResponse bad = raw_exchange(server.port(), "GET /api/search?q=x HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n");
    CHECK(bad.status == 400);
    CHECK(contains(bad.header("content-type"), "application/json"));
    CHECK(json::parse(bad.body)["error"]["status"] == 400);
    const RawResponse brew = raw_exchange(server.port(), "BREW /api/search?q=x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    CHECK(brew.status == 405);
    CHECK(brew.header("allow") == "GET, HEAD");
    CHECK(contains(error_message(brew), "'BREW' is not allowed"));
    const RawResponse page = raw_exchange(server.port(), "BREW /?q=x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    CHECK(page.status == 405);
    CHECK(contains(page.header("content-type"), "text/html"));
  }

  TEST_CASE("the server listens with the system's backlog, not the library's 5") {
    const ServedIndex server(sample_index().db);
    // ss shows a listening socket's backlog in its Send-Q column (iproute2).
    const auto listing = clubsearch::test::run_process(
        {"ss", "-ltnH", "sport = :" + std::to_string(server.port())});
    REQUIRE(listing.exit_code == 0);
    INFO(listing.out);
    std::istringstream columns(listing.out);
    std::string state, receive_queue, send_queue;
    columns >> state >> receive_queue >> send_queue;
    CHECK(state == "LISTEN");
    CHECK(std::stoi(send_queue) >= 128);
  }

  TEST_CASE("a query of hundreds of wildcards is refused at the ninth, with its position") {
    const ServedIndex server(sample_index().db);
    std::string q;
    for (int i = 0; i < 341; ++i) q += std::string(1, static_cast<char>('a' + i % 26)) + "*+";
    const RawResponse refused =
        raw_exchange(server.port(), "GET /api/search?q=" + q + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    CHECK(refused.status == 400);
    INFO(refused.body);
    const json error = json::parse(refused.body)["error"];
    CHECK(error["parameter"] == "q");
    CHECK(error["position"] == 25);  // 0-based, in "a* b* … i*": the ninth "*"
    CHECK(contains(error["message"].get<std::string>(), "more than 8 wildcards"));
    // Eight are searched.
    const RawResponse eight = raw_exchange(
        server.port(), "GET /api/search?q=a*+b*+c*+d*+e*+f*+g*+h* HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    CHECK(eight.status == 200);
  }

  TEST_CASE("64 slow or idle clients connected at once leave searches answered") {
    const ServedIndex server(sample_index().db);
    std::vector<std::unique_ptr<clubsearch::test::HeldConnection>> slow;
    for (int i = 0; i < 32; ++i) {
      // Half a request's headers, never finished (slowloris), and an idle kept-alive
      // connection after a whole request.
      slow.push_back(std::make_unique<clubsearch::test::HeldConnection>(
          server.port(), "GET /api/search?q=x HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
      slow.push_back(std::make_unique<clubsearch::test::HeldConnection>(server.port(), ""));
    }
    const auto started = std::chrono::steady_clock::now();
    const RawResponse answered =
        raw_exchange(server.port(), "GET /api/search?q=refusal HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    CHECK(answered.status == 200);
    // Answered while every slow client was still held: not after the server gave up on
    // some of them (a connection thread each, with 16 threads, took the server down).
    for (const auto& connection : slow) CHECK(connection->open());
    MESSAGE("a search answered in " << took.count() << " ms beside 64 slow clients");
  }

  TEST_CASE("a NUL byte (%00) in a parameter's name or value is refused, not cut short") {
    const ServedIndex server(sample_index().db);
    for (const std::string target : {"/api/search?q=atten%00tion", "/api/search?q%00junk=1", "/?q=atten%00tion",
                                     "/feed.atom?q=a%00b"}) {
      CAPTURE(target);
      const RawResponse refused = raw_exchange(server.port(), "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      CHECK(refused.status == 400);
      CHECK(contains(refused.body, "NUL byte"));
    }
  }
}
