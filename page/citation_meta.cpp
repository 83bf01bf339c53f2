// COinS and Highwire meta tags from what the blog says about a paper.
#include "page/citation_meta.h"

#include <cctype>

#include "page/page.h"

namespace clubsearch::page {

namespace {

std::string text_or_empty(const nlohmann::json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

bool is_unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

// A path's last segment ends in ".pdf" (any case), before a query or fragment.
bool is_pdf(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  if (url.size() < 4) return false;
  std::string tail(url.substr(url.size() - 4));
  for (char& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return tail == ".pdf";
}

std::string meta_tag(const char* name, const std::string& content) {
  return std::string("<meta name=\"") + name + "\" content=\"" + html_escape(content) + "\">\n";
}

}  // namespace

CitationMeta citation_meta(const nlohmann::json& paper) {
  return {text_or_empty(paper, "title"), text_or_empty(paper, "date"), text_or_empty(paper, "arxiv"),
          text_or_empty(paper, "doi"), text_or_empty(paper, "url")};
}

std::string percent_encode(std::string_view text, std::string_view keep) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (const char c : text) {
    if (is_unreserved(c) || keep.find(c) != std::string_view::npos) {
      out += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

std::string coins_kev(const CitationMeta& meta) {
  std::string kev = "ctx_ver=Z39.88-2004&rft_val_fmt=" + percent_encode("info:ofi/fmt:kev:mtx:journal") +
                    "&rfr_id=" + percent_encode("info:sid/clubsearch") +
                    "&rft.genre=" + (meta.arxiv.empty() ? "article" : "preprint");
  auto add = [&](const char* key, const std::string& value) {
    if (!value.empty()) kev += std::string("&") + key + "=" + percent_encode(value);
  };
  add("rft.atitle", meta.title);
  add("rft.date", meta.date);
  if (!meta.arxiv.empty()) add("rft_id", "info:arxiv/" + meta.arxiv);
  if (!meta.doi.empty()) add("rft_id", "info:doi/" + meta.doi);
  add("rft_id", safe_url(meta.url));
  return kev;
}

std::string coins_span(const CitationMeta& meta) {
  return "<span class=\"Z3988\" title=\"" + html_escape(coins_kev(meta)) + "\"></span>";
}

std::string highwire_meta(const CitationMeta& meta) {
  std::string out;
  if (!meta.title.empty()) out += meta_tag("citation_title", meta.title);
  if (!meta.date.empty()) {
    std::string date = meta.date;
    for (char& c : date)
      if (c == '-') c = '/';
    out += meta_tag("citation_publication_date", date);
  }
  if (!meta.arxiv.empty()) out += meta_tag("citation_arxiv_id", meta.arxiv);
  if (!meta.doi.empty()) out += meta_tag("citation_doi", meta.doi);
  const std::string url = safe_url(meta.url);
  if (!url.empty()) out += meta_tag(is_pdf(url) ? "citation_pdf_url" : "citation_abstract_html_url", url);
  return out;
}

}  // namespace clubsearch::page
