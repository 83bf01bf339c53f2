// A paper's page and papers on the search page, rendered from the query layer's JSON:
// the timeline in the order given, identifiers linked to their canonical pages, the
// citation downloads, and everything from the blog escaped.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "page/paper_page.h"

using clubsearch::api::PageState;
using clubsearch::page::AssetLinks;
using clubsearch::page::Hosting;
using clubsearch::page::PageSite;
using nlohmann::json;

namespace {

const PageSite kServed{Hosting::server, AssetLinks{}};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

json mention(const std::string& entry, const std::string& post_title, const std::string& date, json months,
             const std::string& url) {
  return {{"entry_id", entry},
          {"title", "Heading of " + entry},
          {"entry_url", url},
          {"post_id", "p-" + entry},
          {"post_title", post_title},
          {"post_url", url},
          {"date", date.empty() ? json(nullptr) : json(date)},
          {"months_after_paper", months},
          {"excerpt", "What I said about it <b>then</b>"}};
}

json hostile_paper() {
  const json paper = {
      {"id", "abc123"},
      {"title", "<script>alert(1)</script> & \"Attention\""},
      {"url", "https://arxiv.org/abs/2406.11717"},
      {"date", "2024-06"},
      {"arxiv", "2406.11717"},
      {"doi", "10.1000/x\"y"},
      {"openreview", nullptr},
      {"acl", "2024.acl-long.1"},
      {"posts", 3},
      {"mention_count", 3},
      {"last_date", "2025-01-17"},
      {"mentions",
       json::array(
           {mention("e1", "Journal Club <i>June</i>", "2024-06-21", 0, "https://blog.example/jc/#refusal"),
            mention("e2", "Later \"thoughts\"", "2025-01-17", 7, "javascript:alert(2)"),
            mention("e3", "Undated notes", "", nullptr, "https://blog.example/notes/#x")})}};
  return {{"id", "abc123"},
          {"type", "paper"},
          {"title", paper["title"]},
          {"entry_url", paper["url"]},
          {"items", json::array({{{"title", "<img src=x onerror=alert(3)>"},
                                  {"url", "https://arxiv.org/pdf/2406.11717v2"},
                                  {"source", "arXiv"},
                                  {"paper", "abc123"}},
                                 {{"title", "pdf"}, {"url", "data:text/html,<script>"}, {"source", ""}}})},
          {"topics", json::array({"Interpretability", "x\"><script>"})},
          {"snippet", json::array()},
          {"paper", paper}};
}

}  // namespace

TEST_SUITE("paper page") {
  TEST_CASE(
      "a paper's page: title, date, identifiers, links, topics and its timeline in order, all escaped") {
    const std::string page =
        clubsearch::page::render_paper_page(hostile_paper(), AssetLinks{"/s.css", "/a.js", "/f.svg", ""});
    CAPTURE(page);
    CHECK(count(page, "<script") == 0);  // the page's own script is not on a paper's page
    CHECK_FALSE(contains(page, "autofocus"));
    // The site's header, whose searches are searches of papers.
    CHECK(contains(page, "<header class=\"site-header\">"));
    CHECK(contains(page, "<input type=\"hidden\" name=\"papers\" value=\"1\"><button type=\"submit\">Search</button>"));
    CHECK_FALSE(contains(page, "<img"));
    CHECK_FALSE(contains(page, "<b>"));
    CHECK_FALSE(contains(page, "<i>"));
    CHECK_FALSE(contains(page, "href=\"javascript:"));
    CHECK_FALSE(contains(page, "href=\"data:"));
    CHECK(contains(page, "<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Attention&quot;</h1>"));
    CHECK(contains(page,
                   "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Attention&quot; \u2014 "
                   "clubsearch</title>"));
    CHECK(contains(page, "<meta name=\"citation_title\" content=\"&lt;script&gt;"));
    CHECK(contains(page, "<meta name=\"citation_arxiv_id\" content=\"2406.11717\">"));
    CHECK(contains(page, "href=\"https://arxiv.org/abs/2406.11717\" data-identifier=\"arXiv\""));
    CHECK(contains(page, "href=\"https://doi.org/10.1000/x%22y\" data-identifier=\"DOI\""));
    CHECK(contains(page,
                   "href=\"https://aclanthology.org/2024.acl-long.1/\" data-identifier=\"ACL Anthology\""));
    CHECK_FALSE(contains(page, "data-identifier=\"OpenReview\""));
    CHECK(contains(page, "discussed in 3 posts"));
    CHECK(contains(page, "<time datetime=\"2024-06\">2024-06</time>"));
    // The timeline as the query layer gave it, with each post's lag after the paper.
    const std::size_t first = page.find("data-entry-id=\"e1\"");
    const std::size_t second = page.find("data-entry-id=\"e2\"");
    const std::size_t third = page.find("data-entry-id=\"e3\"");
    CHECK(first < second);
    CHECK(second < third);
    CHECK(third != std::string::npos);
    CHECK(contains(page,
                   "<a href=\"https://blog.example/jc/#refusal\" class=\"post\">Journal Club "
                   "&lt;i&gt;June&lt;/i&gt;</a>"));
    CHECK(contains(page, "<span class=\"lag\">the paper&#39;s month</span>"));
    CHECK(contains(page, "<span class=\"lag\">7 months after</span>"));
    CHECK(contains(page, "<span class=\"post\">Later &quot;thoughts&quot;</span>"));  // not a link
    CHECK(contains(page, "<span class=\"date\">undated</span>"));
    CHECK(contains(page, "What I said about it &lt;b&gt;then&lt;/b&gt;"));
    // Topics lead to the papers view filtered by them.
    CHECK(contains(page, "<a href=\"/?topic=Interpretability&amp;papers=1\">Interpretability</a>"));
    CHECK(contains(page, "x&quot;&gt;&lt;script&gt;</a>"));
    // The citation downloads are the API's for this one paper.
    CHECK(contains(page, "href=\"/api/papers?q=paperid%3Aabc123&amp;format=bibtex\" download"));
    CHECK(contains(page, "href=\"/api/papers?q=paperid%3Aabc123&amp;format=ris\" download"));
    CHECK(contains(page, "href=\"/api/papers?q=paperid%3Aabc123&amp;format=csl-json\" download"));
    CHECK(count(page, "<span class=\"Z3988\" title=\"") == 1);
  }

  TEST_CASE("lags of a year and more are in years; a post before the paper's date says before") {
    json result = hostile_paper();
    result["paper"]["mentions"] = json::array({mention("a", "A", "2026-06-01", 25, "https://b.example/a"),
                                               mention("b", "B", "2024-05-01", -1, "https://b.example/b"),
                                               mention("c", "C", "2025-06-01", 12, "https://b.example/c")});
    const std::string page = clubsearch::page::render_paper_page(result, AssetLinks{});
    CHECK(contains(page, "<span class=\"lag\">2 years after</span>"));
    CHECK(contains(page, "<span class=\"lag\">1 month before</span>"));
    CHECK(contains(page, "<span class=\"lag\">1 year after</span>"));
  }

  TEST_CASE("a paper among results links to its page and carries a COinS span") {
    const std::string item = clubsearch::page::paper_result_html(hostile_paper(), 4, kServed);
    CAPTURE(item);
    CHECK(contains(item, "<li class=\"result\" data-type=\"paper\" id=\"r-abc123\" data-id=\"abc123\" value=\"4\">"));
    CHECK(contains(item, "<a href=\"/papers/abc123\" class=\"result-link\">&lt;script&gt;"));
    CHECK(contains(item, "discussed in 3 posts"));
    CHECK(contains(item, "last <time datetime=\"2025-01-17\">"));  // the latest dated post
    json undated = hostile_paper();
    undated["paper"]["last_date"] = nullptr;
    CHECK_FALSE(contains(clubsearch::page::paper_result_html(undated, 4, kServed), "last <time"));
    CHECK(count(item, "<span class=\"Z3988\"") == 1);
    CHECK_FALSE(contains(item, "<script"));
    // A static site has no paper pages: the title links to the paper itself.
    const std::string on_static = clubsearch::page::paper_result_html(hostile_paper(), 4, {Hosting::static_site, {}});
    CHECK_FALSE(contains(on_static, "/papers/"));
    CHECK(contains(on_static, "class=\"result-link\""));
  }

  TEST_CASE("entries' results link to the pages of the papers they are, each once") {
    const json items = json::array({{{"title", "A"}, {"url", "https://a"}, {"paper", "p1"}},
                                    {{"title", "A again"}, {"url", "https://a/pdf"}, {"paper", "p1"}},
                                    {{"title", "blog"}, {"url", "https://b"}, {"paper", nullptr}},
                                    {{"title", "\"B\""}, {"url", "https://c"}, {"paper", "p/2"}}});
    CHECK(clubsearch::page::paper_page_links(items) ==
          " \u00b7 <a class=\"paper-page\" href=\"/papers/p1\" title=\"A\">Paper page</a>"
          " \u00b7 <a class=\"paper-page\" href=\"/papers/p%2F2\" title=\"&quot;B&quot;\">Paper page</a>");
    CHECK(clubsearch::page::paper_page_links(json::array()).empty());
  }

  TEST_CASE("the scope switch keeps the search, drops what the other scope does not take") {
    PageState entries;
    entries.q = "refusal";
    entries.filters["section"] = {"journal-club"};
    entries.filters["source"] = {"arXiv"};
    entries.group = true;
    entries.page = 3;
    const std::string from_entries = clubsearch::page::scope_switch_html(entries, "/");
    CHECK(contains(from_entries,
                   "<a href=\"/?q=refusal&amp;section=journal-club&amp;source=arXiv&amp;group=1\" "
                   "data-scope=\"entries\" aria-current=\"page\">Entries</a>"));
    CHECK(contains(from_entries,
                   "<a href=\"/?q=refusal&amp;source=arXiv&amp;papers=1\" data-scope=\"papers\">Papers</a>"));
    PageState papers;
    papers.papers = true;
    papers.filters["discussed"] = {"2"};
    papers.sort = "discussed";
    const std::string from_papers = clubsearch::page::scope_switch_html(papers, "/");
    CHECK(contains(from_papers, "<a href=\"/\" data-scope=\"entries\">Entries</a>"));
    CHECK(contains(from_papers,
                   "<a href=\"/?discussed=2&amp;sort=discussed&amp;papers=1\" data-scope=\"papers\" "
                   "aria-current=\"page\">Papers</a>"));
  }

  TEST_CASE("the API's URLs for a state: the route says the scope, format= asks for a download") {
    PageState state;
    state.q = "a&b";
    state.papers = true;
    state.filters["discussed"] = {"2"};
    CHECK(clubsearch::page::api_url(state) == "/api/papers?q=a%26b&discussed=2");
    CHECK(clubsearch::page::api_url(state, "bibtex") == "/api/papers?q=a%26b&discussed=2&format=bibtex");
    CHECK(clubsearch::page::api_url(PageState{}, "ris") == "/api/search?format=ris");
    const std::string cite = clubsearch::page::cite_links_html(state);
    CHECK(contains(cite,
                   "Cite these: <a href=\"/api/papers?q=a%26b&amp;discussed=2&amp;format=bibtex\" download"));
  }

  TEST_CASE("the search page's start has the page's script and a focused search box; the feed is of entries") {
    PageState state;
    state.q = "a \"b\"";
    state.papers = true;
    const std::string start = clubsearch::page::document_start(state, {Hosting::server, AssetLinks{"/s.css", "/a.js", "/f.svg", ""}}, "T");
    CHECK(contains(start, "<script src=\"/a.js\" defer></script>"));
    CHECK(contains(start, "value=\"a &quot;b&quot;\" autofocus autocomplete=\"off\""));
    CHECK(contains(start, "href=\"/feed.atom?q=a+%22b%22\""));
    const std::string plain = clubsearch::page::document_start(state, kServed, "T", "<meta name=\"x\">\n", false);
    CHECK_FALSE(contains(plain, "<script"));
    CHECK_FALSE(contains(plain, "autofocus"));
    CHECK(contains(plain, "<title>T</title>\n<meta name=\"x\">\n<link rel=\"stylesheet\""));
  }
}
