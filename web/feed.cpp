// Atom (RFC 4287) and OpenSearch 1.1 documents.
#include "web/feed.h"

#include "index/utf8.h"

namespace clubsearch::web {

namespace {

using nlohmann::json;

// Text as XML 1.0 takes it: well-formed UTF-8 (other bytes become U+FFFD), without the
// characters XML forbids (controls but tab and line ends, U+FFFE, U+FFFF), escaped.
std::string xml_text(const std::string& text) {
  std::string clean;
  for (std::size_t at = 0; at < text.size();) {
    const auto [point, length] = index::decode_utf8(text, at);
    at += length;
    const bool allowed = point == '\t' || point == '\n' || point == '\r' || (point >= 0x20 && point < 0xFFFE) ||
                         point >= 0x10000;
    if (allowed) index::append_utf8(clean, point);
  }
  return page::html_escape(clean);
}

std::string text_of(const json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::string timestamp(const std::string& date) { return date + "T00:00:00Z"; }

}  // namespace

std::string atom_feed(const PageState& state, const json& response, const std::string& base) {
  const json results = response.value("results", json::array());
  std::string updated = "1970-01-01";
  for (const json& result : results) {
    const std::string date = text_of(result.value("post", json::object()), "date");
    if (date > updated) updated = date;
  }
  PageState newest = state;
  newest.sort = "newest";
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>" +
                    xml_text(state.q.empty() ? "clubsearch: newest entries" : "clubsearch: " + state.q) +
                    "</title>\n<id>" + xml_text(base + page::page_url(state, "/feed.atom")) + "</id>\n<updated>" +
                    timestamp(updated) + "</updated>\n<link rel=\"self\" href=\"" +
                    xml_text(base + page::page_url(state, "/feed.atom")) + "\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"" +
                    xml_text(base + page::page_url(newest)) + "\"/>\n<author><name>clubsearch</name></author>\n"
                    "<generator>clubsearch</generator>\n";
  for (const json& result : results) {
    const json post = result.value("post", json::object());
    const std::string date = text_of(post, "date");
    std::string summary;
    for (const json& part : result.value("snippet", json::array())) summary += text_of(part, "text");
    out += "<entry>\n<title>" + xml_text(text_of(result, "title")) + "</title>\n<id>urn:clubsearch:" +
           xml_text(text_of(result, "id")) + "</id>\n<updated>" + timestamp(date.empty() ? updated : date) +
           "</updated>\n";
    const std::string entry_url = page::safe_url(text_of(result, "entry_url"));
    if (!entry_url.empty()) out += "<link rel=\"alternate\" type=\"text/html\" href=\"" + xml_text(entry_url) + "\"/>\n";
    for (const json& item : result.value("items", json::array())) {
      const std::string url = page::safe_url(text_of(item, "url"));
      if (!url.empty()) out += "<link rel=\"related\" href=\"" + xml_text(url) + "\" title=\"" + xml_text(text_of(item, "title")) + "\"/>\n";
    }
    for (const json& topic : result.value("topics", json::array()))
      if (topic.is_string()) out += "<category term=\"" + xml_text(topic.get<std::string>()) + "\"/>\n";
    if (!summary.empty()) out += "<summary>" + xml_text(summary) + "</summary>\n";
    out += "<source><title>" + xml_text(text_of(post, "title")) + "</title></source>\n</entry>\n";
  }
  return out + "</feed>\n";
}

std::string opensearch_description(const std::string& base) {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
         "<OpenSearchDescription xmlns=\"http://a9.com/-/spec/opensearch/1.1/\">\n"
         "<ShortName>clubsearch</ShortName>\n"
         "<Description>Search the papers and posts of the Journal Club</Description>\n"
         "<InputEncoding>UTF-8</InputEncoding>\n"
         "<Image type=\"image/svg+xml\">" +
         xml_text(base + "/assets/favicon.svg") +
         "</Image>\n"
         "<Url type=\"text/html\" method=\"get\" template=\"" +
         xml_text(base + "/?q={searchTerms}") + "\"/>\n<Url type=\"application/json\" method=\"get\" template=\"" +
         xml_text(base + "/api/search?q={searchTerms}") + "\"/>\n<Url type=\"application/atom+xml\" method=\"get\" template=\"" +
         xml_text(base + "/feed.atom?q={searchTerms}") + "\"/>\n</OpenSearchDescription>\n";
}

}  // namespace clubsearch::web
