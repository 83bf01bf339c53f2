// The page's links where it runs: from the site's root under the server, relative to the
// page on a static host (published under any path), and nothing there the host lacks.
#include <doctest/doctest.h>

#include <regex>
#include <string>
#include <vector>

#include "page/page.h"

using clubsearch::page::Hosting;
using clubsearch::page::PageContent;
using clubsearch::page::PageSite;
using nlohmann::json;

namespace {

// A search's answer as the query layer gives it: two results of 25, facets and months.
PageContent searched() {
  PageContent content;
  content.state.q = "sparse autoencoders";
  content.state.filters["kind"] = {"paper"};
  content.state.since = "2024-01";
  content.response = json::parse(R"({
    "total": 25, "per_page": 10, "suggestion": "sparse autoencoder",
    "results": [
      {"id": "a1", "type": "entry", "title": "Features", "entry_url": "https://blog.example/p/#features",
       "post": {"title": "Journal Club", "url": "https://blog.example/p/", "date": "2024-01-05"},
       "items": [{"url": "https://arxiv.org/abs/2309.08600", "source": "arXiv", "arxiv": "2309.08600"}]},
      {"id": "b2", "type": "entry", "title": "Steering", "entry_url": "https://blog.example/q/#steering",
       "post": {"title": "Journal Club", "url": "https://blog.example/q/", "date": "2024-03-01"}, "items": []}
    ],
    "facets": {"kind": [{"value": "paper", "count": 2, "selected": true}, {"value": "blog", "count": 4}],
               "month": [{"value": "2024-01", "count": 1}, {"value": "2024-03", "count": 1}]}
  })");
  return content;
}

// Every href, src, action and content="…" of a worker meta in `html`, in order.
std::vector<std::string> addresses(const std::string& html) {
  static const std::regex address(R"re((?:href|src|action)="([^"]*)")re");
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), address); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[1]);
  return out;
}

bool external(const std::string& url) {
  return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
}

PageSite static_site() {
  PageSite site{Hosting::static_site, {}};
  site.assets = {"style.css?v=1", "app.js?v=2", "favicon.svg?v=3", "clubsearch-worker.js?v=4"};
  return site;
}

}  // namespace

TEST_SUITE("page links") {
  TEST_CASE("on a static host every link of the page is relative to it: pages ./?…, assets by name") {
    const std::string html = render_page(searched(), static_site());
    std::size_t pages = 0;
    for (const std::string& url : addresses(html)) {
      if (external(url)) continue;
      INFO(url);
      CHECK(url.front() != '/');
      if (url.rfind("./", 0) == 0)
        ++pages;
      else
        CHECK((url == "#results" || url.find(".css?v=") != std::string::npos ||
               url.find(".js?v=") != std::string::npos || url.find(".svg?v=") != std::string::npos));
    }
    // The brand, the two forms, a Related link per result, the chips, the suggestion,
    // the histogram's bars and the next page.
    CHECK(pages >= 10);
    CHECK(html.find("<form id=\"search-form\" role=\"search\" action=\"./\"") != std::string::npos);
    CHECK(html.find("href=\"./?related=a1\"") != std::string::npos);
    CHECK(html.find("href=\"./?q=sparse+autoencoders&amp;kind=paper&amp;since=2024-01&amp;page=2\"") !=
          std::string::npos);
  }

  TEST_CASE("a static page names its worker and states its own security policy") {
    const std::string html = render_page(PageContent{}, static_site());
    CHECK(html.find("<meta name=\"clubsearch-worker\" content=\"clubsearch-worker.js?v=4\">") !=
          std::string::npos);
    CHECK(html.find(
              "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self' "
              "'wasm-unsafe-eval'; worker-src 'self';") != std::string::npos);
    CHECK(html.find("<noscript>") != std::string::npos);
  }

  TEST_CASE("a static page links nothing a static host lacks: no feed, OpenSearch or JSON API") {
    for (const PageContent& content : {searched(), PageContent{}}) {
      const std::string html = render_page(content, static_site());
      CHECK(html.find("feed.atom") == std::string::npos);
      CHECK(html.find("opensearch") == std::string::npos);
      CHECK(html.find("/api/") == std::string::npos);
    }
  }

  TEST_CASE("under the server the page keeps its links from the root, its feed and its JSON") {
    PageSite site{Hosting::server,
                  {"/assets/style.css?v=1", "/assets/app.js?v=2", "/assets/favicon.svg?v=3", ""}};
    const std::string html = render_page(searched(), site);
    for (const std::string& url : addresses(html)) {
      if (external(url) || url == "#results") continue;
      INFO(url);
      CHECK(url.front() == '/');
    }
    CHECK(html.find("href=\"/?related=a1\"") != std::string::npos);
    CHECK(html.find("href=\"/opensearch.xml\"") != std::string::npos);
    CHECK(html.find("href=\"/feed.atom?q=sparse+autoencoders&amp;kind=paper&amp;since=2024-01\"") !=
          std::string::npos);
    CHECK(html.find("href=\"/api/search?q=sparse+autoencoders&amp;kind=paper&amp;since=2024-01\"") !=
          std::string::npos);
    CHECK(html.find("clubsearch-worker") == std::string::npos);
    CHECK(html.find("Content-Security-Policy") == std::string::npos);
  }

  TEST_CASE("the asset links go to the static engine and come back as they were") {
    const auto links = static_site().assets;
    const auto back = clubsearch::page::links_from_json(clubsearch::page::links_json(links));
    CHECK(back.style == links.style);
    CHECK(back.script == links.script);
    CHECK(back.favicon == links.favicon);
    CHECK(back.worker == links.worker);
    CHECK(clubsearch::page::links_from_json(json("not an object")).style.empty());
  }
}
