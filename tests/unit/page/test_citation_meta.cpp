// COinS spans and Highwire meta tags: what a reference manager's connector reads from a
// paper's page, built from the blog's words only and escaped twice (the KEV values
// percent-encoded, the whole HTML-escaped).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "page/citation_meta.h"

using clubsearch::page::citation_meta;
using clubsearch::page::CitationMeta;
using clubsearch::page::coins_kev;
using clubsearch::page::coins_span;
using clubsearch::page::highwire_meta;
using clubsearch::page::percent_encode;

namespace {

const std::string kHostileTitle = "<script>alert(\"x\")</script> & 'quotes' =&= 50% \u2014 caf\u00e9";

std::string percent_decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string html_unescape(std::string text) {
  const std::vector<std::pair<std::string, std::string>> entities{
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
  for (const auto& [entity, character] : entities)
    for (std::size_t at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1))
      text.replace(at, entity.size(), character);
  return text;
}

// A KEV string's keys and decoded values, in order.
std::vector<std::pair<std::string, std::string>> parse_kev(const std::string& kev) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t start = 0;
  while (start <= kev.size()) {
    const std::size_t end = std::min(kev.find('&', start), kev.size());
    const std::string pair = kev.substr(start, end - start);
    const std::size_t equals = pair.find('=');
    REQUIRE(equals != std::string::npos);
    out.emplace_back(pair.substr(0, equals), percent_decode(pair.substr(equals + 1)));
    start = end + 1;
  }
  return out;
}

std::vector<std::string> values_of(const std::vector<std::pair<std::string, std::string>>& kev,
                                   const std::string& key) {
  std::vector<std::string> out;
  for (const auto& [name, value] : kev)
    if (name == key) out.push_back(value);
  return out;
}

// The title attribute of a span the way a browser reads it.
std::string title_attribute(const std::string& span) {
  const std::string open = "<span class=\"Z3988\" title=\"";
  REQUIRE(span.rfind(open, 0) == 0);
  const std::size_t end = span.find('"', open.size());
  REQUIRE(end != std::string::npos);
  CHECK(span.substr(end) == "\"></span>");
  return html_unescape(span.substr(open.size(), end - open.size()));
}

}  // namespace

TEST_SUITE("citation meta") {
  TEST_CASE("percent-encoding keeps only unreserved characters, byte by byte") {
    CHECK(percent_encode("AZaz09-._~") == "AZaz09-._~");
    CHECK(percent_encode("a b&c=d/e:f") == "a%20b%26c%3Dd%2Fe%3Af");
    CHECK(percent_encode("10.1000/x y", "/") == "10.1000/x%20y");
    CHECK(percent_encode("\u00e9") == "%C3%A9");
    CHECK(percent_encode("%") == "%25");
    CHECK(percent_decode(percent_encode(kHostileTitle)) == kHostileTitle);
  }

  TEST_CASE("a hostile title survives the round trip through the span and nothing of it is markup") {
    const CitationMeta meta{kHostileTitle, "2024-06", "2406.11717", "", "https://arxiv.org/abs/2406.11717"};
    const std::string span = coins_span(meta);
    CAPTURE(span);
    // Inside the attribute there is no quote, angle bracket or bare ampersand.
    const std::string inside = span.substr(27, span.size() - 27 - 9);
    CHECK(inside.find_first_of("<>\"'") == std::string::npos);
    for (std::size_t at = inside.find('&'); at != std::string::npos; at = inside.find('&', at + 1))
      CHECK(inside.compare(at, 5, "&amp;") == 0);
    const auto kev = parse_kev(title_attribute(span));
    CHECK(values_of(kev, "rft.atitle") == std::vector<std::string>{kHostileTitle});
    CHECK(values_of(kev, "ctx_ver") == std::vector<std::string>{"Z39.88-2004"});
    CHECK(values_of(kev, "rft_val_fmt") == std::vector<std::string>{"info:ofi/fmt:kev:mtx:journal"});
    CHECK(values_of(kev, "rft.date") == std::vector<std::string>{"2024-06"});
    CHECK(values_of(kev, "rft.genre") == std::vector<std::string>{"preprint"});
  }

  TEST_CASE("identifiers are rft_ids: info:arxiv/, info:doi/ and the http(s) link; never an author") {
    const CitationMeta meta{"Title", "2024-01-02", "hep-th/9901001", "10.1101/2024.01.02.123456",
                            "https://www.biorxiv.org/content/10.1101/2024.01.02.123456v1?a=b&c=d"};
    const std::string kev = coins_kev(meta);
    CHECK(kev.find("rft_id=info%3Aarxiv%2Fhep-th%2F9901001") != std::string::npos);
    CHECK(kev.find("rft_id=info%3Adoi%2F10.1101%2F2024.01.02.123456") != std::string::npos);
    const auto parsed = parse_kev(kev);
    CHECK(values_of(parsed, "rft_id") ==
          std::vector<std::string>{"info:arxiv/hep-th/9901001", "info:doi/10.1101/2024.01.02.123456",
                                   "https://www.biorxiv.org/content/10.1101/2024.01.02.123456v1?a=b&c=d"});
    for (const auto& key_value : parsed) {
      const auto& key = std::get<0>(key_value);
      CAPTURE(key);
      CHECK(key.find("au") == std::string::npos);  // rft.au, rft.aulast, rft.aufirst …
    }
  }

  TEST_CASE("a paper without an arXiv id is an article; missing fields and unsafe links are left out") {
    const auto parsed = parse_kev(coins_kev(CitationMeta{"Only a title", "", "", "", "javascript:alert(1)"}));
    CHECK(values_of(parsed, "rft.genre") == std::vector<std::string>{"article"});
    CHECK(values_of(parsed, "rft.atitle") == std::vector<std::string>{"Only a title"});
    CHECK(values_of(parsed, "rft.date").empty());
    CHECK(values_of(parsed, "rft_id").empty());
  }

  TEST_CASE("Highwire tags: title, date with slashes, arXiv id, DOI and the link, each escaped") {
    const std::string tags = highwire_meta(CitationMeta{
        kHostileTitle, "2024-06", "2406.11717", "10.5555/a\"b<c>", "https://arxiv.org/pdf/2406.11717v2.PDF"});
    CAPTURE(tags);
    CHECK(
        tags.find("<meta name=\"citation_title\" content=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; "
                  "&amp; &#39;quotes&#39; =&amp;= 50% \u2014 caf\u00e9\">\n") != std::string::npos);
    CHECK(tags.find("<meta name=\"citation_publication_date\" content=\"2024/06\">\n") != std::string::npos);
    CHECK(tags.find("<meta name=\"citation_arxiv_id\" content=\"2406.11717\">\n") != std::string::npos);
    CHECK(tags.find("<meta name=\"citation_doi\" content=\"10.5555/a&quot;b&lt;c&gt;\">\n") !=
          std::string::npos);
    CHECK(
        tags.find("<meta name=\"citation_pdf_url\" content=\"https://arxiv.org/pdf/2406.11717v2.PDF\">\n") !=
        std::string::npos);
    CHECK(tags.find("<script") == std::string::npos);
    const std::string page =
        highwire_meta(CitationMeta{"T", "2024-01-02", "", "", "https://example.org/paper.pdf.html"});
    CHECK(page ==
          "<meta name=\"citation_title\" content=\"T\">\n"
          "<meta name=\"citation_publication_date\" content=\"2024/01/02\">\n"
          "<meta name=\"citation_abstract_html_url\" content=\"https://example.org/paper.pdf.html\">\n");
    CHECK(highwire_meta(CitationMeta{}) == "");
    CHECK(highwire_meta(CitationMeta{"", "", "", "", "data:text/html,<b>"}) == "");
  }

  TEST_CASE("read from the query layer's paper object; null fields are empty") {
    const CitationMeta meta = citation_meta(nlohmann::json{{"id", "abc"},
                                                           {"title", "A title"},
                                                           {"date", nullptr},
                                                           {"arxiv", "2401.00001"},
                                                           {"doi", nullptr},
                                                           {"url", "https://arxiv.org/abs/2401.00001"}});
    CHECK(meta.title == "A title");
    CHECK(meta.date.empty());
    CHECK(meta.arxiv == "2401.00001");
    CHECK(meta.doi.empty());
    CHECK(meta.url == "https://arxiv.org/abs/2401.00001");
  }
}
