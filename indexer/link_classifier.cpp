// Classifies links by URL: the source table first, then the Public Suffix List and the
// URL's own shape.
#include "indexer/link_classifier.h"

#include <libpsl.h>

#include <algorithm>
#include <memory>
#include <optional>

#include "index/ascii.h"
#include "index/link_keys.h"

namespace clubsearch::indexer {

namespace {

// Loaded once for the process; libpsl lookups only read it, from any thread. psl_latest takes
// the newer of libpsl's built-in list and Debian's publicsuffix package file.
const psl_ctx_t* public_suffix_list() {
  static const std::unique_ptr<psl_ctx_t, void (*)(psl_ctx_t*)> list(psl_latest(nullptr), psl_free);
  return list ? list.get() : psl_builtin();
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

// The URL's scheme, lowercased ("mailto"), or empty when it has none (a relative link).
std::string scheme_of(std::string_view url) {
  if (url.empty() || !((url[0] >= 'a' && url[0] <= 'z') || (url[0] >= 'A' && url[0] <= 'Z'))) return {};
  for (std::size_t i = 1; i < url.size(); ++i) {
    const char c = url[i];
    if (c == ':') return index::ascii_lowercase(url.substr(0, i));
    const bool scheme_char =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '+' || c == '-' || c == '.';
    if (!scheme_char) return {};
  }
  return {};
}

// "10.1145": the prefix of a DOI (a directory indicator and a registrant code).
bool is_doi_prefix(std::string_view segment) {
  if (segment.size() < 7 || segment.substr(0, 3) != "10.") return false;
  return std::all_of(segment.begin() + 3, segment.end(), is_digit);
}

// "679804", "darren-aronofsky-ai-series-1236702311", "123456-a-story", "123456.html": a
// number of five or more digits standing alone in a segment, or at either end of a slug, as
// news sites number their articles. Not a compact date (20240512, 202405), nor a number
// followed by other text after a dot ("55030.Cosmos").
bool has_article_number(std::string_view segment) {
  auto is_separator = [](char c) { return c == '-' || c == '_'; };
  auto is_page_suffix = [&](std::size_t at) {
    const std::string_view rest = segment.substr(at);
    return rest == ".html" || rest == ".htm" || rest == ".shtml";
  };
  std::size_t at = 0;
  while (at < segment.size()) {
    if (!is_digit(segment[at])) {
      ++at;
      continue;
    }
    const std::size_t begin = at;
    while (at < segment.size() && is_digit(segment[at])) ++at;
    const std::string_view number = segment.substr(begin, at - begin);
    const bool alone = (begin == 0 || is_separator(segment[begin - 1])) &&
                       (at == segment.size() || is_separator(segment[at]) || is_page_suffix(at));
    const bool compact_date = (number.size() == 6 || number.size() == 8) &&
                              (number.substr(0, 2) == "19" || number.substr(0, 2) == "20");
    if (alone && number.size() >= 5 && !compact_date) return true;
  }
  return false;
}

// A path that names one article: a date in it (/2024/05/…, 2024-05-17-…) or a last segment
// that is a slug of two or more words ("dark-mode", "my_first_post.html").
bool looks_like_article(const std::vector<std::string>& segments) {
  for (std::size_t i = 0; i + 1 < segments.size(); ++i) {
    const std::string& year = segments[i];
    const std::string& month = segments[i + 1];
    if (year.size() == 4 && index::all_digits(year) && (year[0] == '1' || year[0] == '2') &&
        month.size() <= 2 && index::all_digits(month) && std::stoi(month) >= 1 && std::stoi(month) <= 12)
      return true;
  }
  for (const std::string& segment : segments) {
    if (segment.size() >= 10 && index::all_digits(segment.substr(0, 4)) && segment[4] == '-' &&
        index::all_digits(segment.substr(5, 2)) && segment[7] == '-' &&
        index::all_digits(segment.substr(8, 2)))
      return true;
  }
  auto last =
      std::find_if(segments.rbegin(), segments.rend(), [](const std::string& s) { return !s.empty(); });
  if (last == segments.rend()) return false;
  std::string_view slug = *last;
  if (const auto dot = slug.rfind('.'); dot != std::string_view::npos && slug.size() - dot <= 6)
    slug = slug.substr(0, dot);  // .html, .php, .aspx
  const auto separators =
      std::count_if(slug.begin(), slug.end(), [](char c) { return c == '-' || c == '_'; });
  return separators >= 1;
}

// The publisher's URL a page of Google's AMP cache serves: its path is /c/ (a document),
// /v/ (a viewer) or /i/ (an image), "s/" for https, then the publisher's host and path.
std::optional<std::string> amp_cache_target(const index::WebUrl& url) {
  static constexpr std::string_view kAmpCache = ".cdn.ampproject.org";
  if (url.host.size() <= kAmpCache.size() ||
      url.host.compare(url.host.size() - kAmpCache.size(), kAmpCache.size(), kAmpCache) != 0)
    return std::nullopt;
  const auto& segments = url.segments;
  if (segments.size() < 2 || (segments[0] != "c" && segments[0] != "v" && segments[0] != "i"))
    return std::nullopt;
  const bool https = segments[1] == "s";
  const std::size_t host_at = https ? 2 : 1;
  if (segments.size() <= host_at || segments[host_at].find('.') == std::string::npos) return std::nullopt;
  std::string target = https ? "https://" : "http://";
  for (std::size_t i = host_at; i < segments.size(); ++i) target += (i == host_at ? "" : "/") + segments[i];
  return target;
}

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::vector<std::string> lowercase_segments(const index::WebUrl& url) {
  std::vector<std::string> out;
  out.reserve(url.segments.size());
  for (const std::string& segment : url.segments) out.push_back(index::ascii_lowercase(segment));
  return out;
}

// The path of a relative link: without its query and fragment.
std::string_view relative_path(std::string_view url) {
  return url.substr(0, std::min(url.find('?'), url.find('#')));
}

}  // namespace

std::string registrable_domain(const std::string& host) {
  const char* registrable = psl_registrable_domain(public_suffix_list(), host.c_str());
  return registrable != nullptr ? registrable : host;
}

OwnSite OwnSite::from_base_url(std::string_view base_url) {
  OwnSite site;
  if (const std::optional<index::WebUrl> web = index::parse_web_url(base_url)) site.host = web->host;
  site.name = site.host.empty() ? std::string(kUnknownName) : site.host;
  return site;
}

LinkClassifier::LinkClassifier(const schemas::SourceTable& table) : table_(table) {
  public_suffix_list();  // load it now rather than inside the first concurrent classify()
}

bool LinkClassifier::is_item(std::string_view url) {
  url = trim(url);
  if (url.empty() || url.front() == '#') return false;
  const std::string scheme = scheme_of(url);
  for (std::string_view not_a_thing : {"mailto", "tel", "sms", "javascript", "data", "about", "file"})
    if (scheme == not_a_thing) return false;
  return true;
}

const std::string& LinkClassifier::kind_from_url(std::string_view host, std::string_view registrable,
                                                 const std::vector<std::string>& segments,
                                                 std::string_view path, const std::string& otherwise) const {
  if (const std::string* kind = table_.extension_kind(path)) return *kind;
  // The labels left of the registrable domain ("proceedings" of proceedings.mlr.press), and
  // with them the registrable domain's own first label for words inside a name.
  std::vector<std::string_view> labels;
  if (registrable.size() < host.size()) {
    std::string_view left = host.substr(0, host.size() - registrable.size() - 1);
    while (!left.empty()) {
      const auto dot = left.find('.');
      labels.push_back(left.substr(0, dot));
      left = dot == std::string_view::npos ? std::string_view() : left.substr(dot + 1);
    }
  }
  const std::size_t sub_labels = labels.size();
  labels.push_back(registrable.substr(0, registrable.find('.')));
  for (const schemas::UrlKindRule& rule : table_.url_kinds()) {
    const bool matched =
        std::any_of(segments.begin(), segments.end(),
                    [&](const std::string& segment) {
                      return contains(rule.path_segments, segment) || (rule.doi && is_doi_prefix(segment)) ||
                             (rule.article_number && has_article_number(segment));
                    }) ||
        (!segments.empty() && contains(rule.first_segments, segments.front())) ||
        std::any_of(rule.path_prefixes.begin(), rule.path_prefixes.end(),
                    [&](const std::string& prefix) { return path.substr(0, prefix.size()) == prefix; }) ||
        std::any_of(labels.begin(), labels.begin() + static_cast<std::ptrdiff_t>(sub_labels),
                    [&](std::string_view label) { return contains(rule.host_labels, label); }) ||
        std::any_of(labels.begin(), labels.end(), [&](std::string_view label) {
          return std::any_of(rule.host_words.begin(), rule.host_words.end(), [&](const std::string& word) {
            return label.find(word) != std::string_view::npos;
          });
        });
    if (matched) return rule.kind;
  }
  return otherwise;
}

void LinkClassifier::classify_own(LinkedItem& item, std::string_view path, const OwnSite& site) const {
  item.host = site.host;
  item.source = site.name.empty() ? std::string(OwnSite::kUnknownName) : site.name;
  if (const std::string* kind = table_.extension_kind(path)) {
    item.kind = *kind;
    return;
  }
  static const std::string kBlog = "blog";
  item.kind = contains(table_.kinds(), kBlog) ? kBlog : table_.fallback_kind();
}

LinkedItem LinkClassifier::classify(std::string title, std::string url, const OwnSite& site) const {
  LinkedItem item;
  item.title = std::move(title);
  item.url = std::move(url);
  const std::string_view text = trim(item.url);
  std::optional<index::WebUrl> web = index::parse_web_url(text);
  // "www.example.com/page" without a scheme is relative to a browser, but no blog has a
  // folder named www.example.com: its author meant the web site.
  if (!web && text.size() > 4 && index::ascii_lowercase(text.substr(0, 4)) == "www.")
    web = index::parse_web_url("//" + std::string(text));
  // Browsers read "https:/host/path" and "https:host" as "https://host/path" (the URL
  // Standard ignores missing or extra slashes after a web scheme), and so do readers.
  if (const std::string scheme = scheme_of(text); !web && (scheme == "http" || scheme == "https")) {
    std::string_view rest = text.substr(scheme.size() + 1);
    while (!rest.empty() && (rest.front() == '/' || rest.front() == '\\')) rest.remove_prefix(1);
    if (!rest.empty()) web = index::parse_web_url(scheme + "://" + std::string(rest));
  }
  if (!web) {
    if (scheme_of(text).empty() && is_item(text))
      classify_own(item, relative_path(text), site);
    else
      item.kind = table_.fallback_kind();
    return item;
  }

  item.host = web->host;
  item.arxiv_id = index::arxiv_id_of(*web);
  if (!site.host.empty() && web->host == site.host) {
    classify_own(item, web->path, site);
    return item;
  }
  if (const schemas::HostRule* rule = table_.find(web->host)) {
    const std::string* extension_kind = table_.extension_kind(web->path);
    if (rule->author_subdomains && web->host != rule->host) {
      // someone.substack.com (or a.someone.github.io): the label just left of the platform.
      const std::string_view left =
          std::string_view(web->host).substr(0, web->host.size() - rule->host.size() - 1);
      item.source = std::string(left.substr(left.rfind('.') + 1)) + "." + rule->host;
      item.kind = extension_kind != nullptr ? *extension_kind : rule->kind;
      return item;
    }
    if (!rule->author_paths.empty() && web->host == rule->host && !web->segments.empty() &&
        web->path.rfind(rule->author_paths, 0) == 0 &&
        web->segments.front().size() > rule->author_paths.size() - 1) {
      item.source = rule->host + "/" + web->segments.front();
      item.kind = extension_kind != nullptr ? *extension_kind : rule->kind;
      return item;
    }
    item.source = rule->source;
    if (const std::string* path_kind = table_.path_kind(*rule, web->path))
      item.kind = *path_kind;
    else if (extension_kind != nullptr)
      item.kind = *extension_kind;
    else if (web->host == rule->host)
      item.kind = rule->kind;
    else  // blog.example.com under example.com's rule: what its URL shows, else the rule's kind
      item.kind = kind_from_url(web->host, rule->host, lowercase_segments(*web), web->path, rule->kind);
    return item;
  }

  if (std::optional<std::string> served = amp_cache_target(*web)) {
    LinkedItem publisher = classify(std::move(item.title), std::move(*served), site);
    publisher.url = std::move(item.url);
    return publisher;
  }

  item.source = web->ip_literal ? web->host : registrable_domain(web->host);
  item.kind = kind_from_url(
      web->host, item.source, lowercase_segments(*web), web->path,
      looks_like_article(lowercase_segments(*web)) ? table_.article_kind() : table_.fallback_kind());
  return item;
}

}  // namespace clubsearch::indexer
