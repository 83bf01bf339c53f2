// The keys links are found by: arXiv ids in every written form, normalised URLs, and
// the parts of a web address both need.
#include "index/link_keys.h"

#include <uriparser/Uri.h>
#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "index/ascii.h"
#include "index/hashing.h"

namespace clubsearch::index {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

bool istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

bool iends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && iequals(text.substr(text.size() - suffix.size()), suffix);
}

int two_digits(std::string_view text) { return (text[0] - '0') * 10 + (text[1] - '0'); }

// ---- arXiv identifiers (https://info.arxiv.org/help/arxiv_identifier.html) ----

// "v3" or nothing.
bool is_version_suffix(std::string_view text) {
  return text.empty() ||
         (text.size() >= 2 && (text[0] == 'v' || text[0] == 'V') && all_digits(text.substr(1)));
}

// YYMM.NNNN from 0704 to 1412, YYMM.NNNNN from 1501 on; version stripped.
std::string new_style_id(std::string_view text) {
  if (text.size() < 9 || text[4] != '.' || !all_digits(text.substr(0, 4))) return {};
  const int yymm = two_digits(text) * 100 + two_digits(text.substr(2));
  const int month = yymm % 100;
  if (month < 1 || month > 12 || yymm < 704) return {};
  const std::size_t digits = yymm < 1501 ? 4 : 5;
  const std::string_view number = text.substr(5, digits);
  if (number.size() != digits || !all_digits(number) || !is_version_suffix(text.substr(5 + digits)))
    return {};
  return std::string(text.substr(0, 5 + digits));
}

// archive(.SUBJECT)?/YYMMNNN from 9108 to 0703. The subject class is dropped and the archive
// lowercased: arXiv's canonical form of "math.GT/0309136" is "math/0309136".
std::string old_style_id(std::string_view archive_part, std::string_view number_part) {
  const std::string_view archive = archive_part.substr(0, archive_part.find('.'));
  const bool archive_ok =
      !archive.empty() && is_alpha(archive.front()) && is_alpha(archive.back()) &&
      std::all_of(archive.begin(), archive.end(), [](char c) { return is_alpha(c) || c == '-'; });
  if (!archive_ok) return {};
  if (archive.size() < archive_part.size()) {
    const std::string_view subject = archive_part.substr(archive.size() + 1);
    if (subject.empty() ||
        !std::all_of(subject.begin(), subject.end(), [](char c) { return is_alpha(c) || c == '-'; }))
      return {};
  }
  if (number_part.size() < 7 || !all_digits(number_part.substr(0, 7)) ||
      !is_version_suffix(number_part.substr(7)))
    return {};
  const int year = two_digits(number_part);
  const int month = two_digits(number_part.substr(2));
  const int yyyymm = (year >= 91 ? 1900 + year : 2000 + year) * 100 + month;
  if (month < 1 || month > 12 || yyyymm < 199108 || yyyymm > 200703) return {};
  return ascii_lowercase(archive) + "/" + std::string(number_part.substr(0, 7));
}

// A whole text that is an id of either style, with an optional version.
std::string bare_id(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) return new_style_id(text);
  return old_style_id(text.substr(0, slash), text.substr(slash + 1));
}

// "arXiv:2404.03592", "arXiv: 2404.03592", "arXiv 2404.03592", each optionally followed by the
// stamp's category ("arXiv:2404.03592v2 [cs.CL]").
std::string cited_id(std::string_view text) {
  if (!istarts_with(text, "arxiv")) return {};
  std::string_view rest = text.substr(5);
  if (rest.empty() || (rest.front() != ':' && !is_ascii_space(rest.front()))) return {};
  if (rest.front() == ':') rest.remove_prefix(1);
  rest = ascii_trimmed(rest);
  if (const auto bracket = rest.find('['); bracket != std::string_view::npos && rest.back() == ']')
    rest = ascii_trimmed(rest.substr(0, bracket));
  return bare_id(rest);
}

// ---- URLs ----

std::string_view text_of(const UriTextRangeA& range) {
  if (range.first == nullptr || range.afterLast == nullptr) return {};
  return {range.first, static_cast<std::size_t>(range.afterLast - range.first)};
}

// A uriparser result; it points into the text it was parsed from, which it keeps.
class ParsedUri {
 public:
  explicit ParsedUri(std::string text) : text_(std::move(text)) {
    ok_ = uriParseSingleUriExA(&uri_, text_.data(), text_.data() + text_.size(), nullptr) == URI_SUCCESS;
  }
  ~ParsedUri() {
    if (ok_) uriFreeUriMembersA(&uri_);
  }
  ParsedUri(const ParsedUri&) = delete;
  ParsedUri& operator=(const ParsedUri&) = delete;

  bool ok() const noexcept { return ok_; }
  const UriUriA& uri() const noexcept { return uri_; }

  // RFC 3986's syntax normalisation: percent-escapes of unreserved characters decoded and
  // the others in capitals, "." and ".." segments resolved, scheme and host lowercased.
  bool normalise() {
    const unsigned mask = URI_NORMALIZE_SCHEME | URI_NORMALIZE_HOST | URI_NORMALIZE_PATH |
                          URI_NORMALIZE_QUERY | URI_NORMALIZE_FRAGMENT;
    return uriNormalizeSyntaxExA(&uri_, mask) == URI_SUCCESS;
  }

 private:
  std::string text_;
  UriUriA uri_{};
  bool ok_ = false;
};

// Links in posts are written for browsers, which accept spaces, non-ASCII text, '|' or a stray
// '%' that RFC 3986 forbids; percent-encoding those bytes lets the strict parser read the rest.
std::string escape_for_parser(std::string_view url) {
  static constexpr std::string_view kUnsafe = "\"<>\\^`{|}[]";
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(url.size() + 16);
  for (std::size_t i = 0; i < url.size(); ++i) {
    const auto byte = static_cast<unsigned char>(url[i]);
    const bool stray_percent =
        url[i] == '%' && !(i + 2 < url.size() && is_hex(url[i + 1]) && is_hex(url[i + 2]));
    if (byte < 0x21 || byte >= 0x7F || stray_percent || kUnsafe.find(url[i]) != std::string_view::npos) {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0F]);
    } else {
      out.push_back(url[i]);
    }
  }
  return out;
}

std::unique_ptr<ParsedUri> parse_uri(std::string_view url) {
  auto parsed = std::make_unique<ParsedUri>(std::string(url));
  if (!parsed->ok()) parsed = std::make_unique<ParsedUri>(escape_for_parser(url));
  if (!parsed->ok()) return nullptr;
  return parsed;
}

// Lowercase, percent-escapes decoded, without a trailing root dot or a leading "www.".
std::string normalise_host(std::string_view raw) {
  std::string host(raw);
  if (host.find('%') != std::string::npos) {
    std::string decoded = host;
    const char* end = uriUnescapeInPlaceA(decoded.data());
    decoded.resize(static_cast<std::size_t>(end - decoded.data()));
    if (std::none_of(decoded.begin(), decoded.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
      host = std::move(decoded);
  }
  const bool ascii =
      std::all_of(host.begin(), host.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  host = ascii ? ascii_lowercase(host) : Xapian::Unicode::tolower(host);
  while (!host.empty() && host.back() == '.') host.pop_back();
  if (host.size() > 4 && host.compare(0, 4, "www.") == 0) host.erase(0, 4);
  return host;
}

bool host_is_or_under(std::string_view host, std::string_view domain) {
  return host == domain ||
         (host.size() > domain.size() && host.substr(host.size() - domain.size()) == domain &&
          host[host.size() - domain.size() - 1] == '.');
}

}  // namespace

std::optional<WebUrl> parse_web_url(std::string_view url) {
  const auto parsed = parse_uri(ascii_trimmed(url));
  if (!parsed) return std::nullopt;
  const UriUriA& uri = parsed->uri();
  const std::string_view scheme = text_of(uri.scheme);
  if (!scheme.empty() && !iequals(scheme, "http") && !iequals(scheme, "https")) return std::nullopt;
  if (text_of(uri.hostText).empty()) return std::nullopt;

  WebUrl web;
  web.host = normalise_host(text_of(uri.hostText));
  if (web.host.empty()) return std::nullopt;
  web.ip_literal =
      uri.hostData.ip4 != nullptr || uri.hostData.ip6 != nullptr || uri.hostData.ipFuture.first != nullptr;
  for (const UriPathSegmentA* segment = uri.pathHead; segment != nullptr; segment = segment->next) {
    web.segments.emplace_back(text_of(segment->text));
    web.path += '/';
    web.path += web.segments.back();
  }
  return web;
}

// The id a paper page names: /abs/ID, /pdf/ID(.pdf), /html/ID (and the older /ps/, /format/)
// on arxiv.org or a subdomain such as export.; /papers/ID on Hugging Face; /abs/ID on alphaXiv.
// Anything after the id but a trailing slash is another page (a figure), not the paper.
std::string arxiv_id_of(const WebUrl& url) {
  static constexpr std::string_view kArxivRoutes[] = {"abs", "pdf", "html", "ps", "format"};
  const auto& seg = url.segments;
  if (seg.size() < 2) return {};
  bool paper_route = false;
  if (host_is_or_under(url.host, "arxiv.org"))
    paper_route =
        std::find(std::begin(kArxivRoutes), std::end(kArxivRoutes), seg[0]) != std::end(kArxivRoutes);
  else if (host_is_or_under(url.host, "huggingface.co"))
    paper_route = seg[0] == "papers";
  else if (host_is_or_under(url.host, "alphaxiv.org"))
    paper_route = seg[0] == "abs";
  if (!paper_route) return {};

  auto without_pdf = [](std::string_view text) {
    return iends_with(text, ".pdf") ? text.substr(0, text.size() - 4) : text;
  };
  auto rest_is_empty = [&seg](std::size_t from) {
    return std::all_of(seg.begin() + static_cast<std::ptrdiff_t>(std::min(from, seg.size())), seg.end(),
                       [](const std::string& s) { return s.empty(); });
  };
  if (std::string id = new_style_id(without_pdf(seg[1])); !id.empty())
    return rest_is_empty(2) ? id : std::string();
  if (seg.size() >= 3 && rest_is_empty(3)) return old_style_id(seg[1], without_pdf(seg[2]));
  return {};
}

std::string arxiv_id(std::string_view url_or_id) {
  const std::string_view text = ascii_trimmed(url_or_id);
  if (std::string id = bare_id(text); !id.empty()) return id;
  if (std::string id = cited_id(text); !id.empty()) return id;
  if (std::optional<WebUrl> web = parse_web_url(text)) return arxiv_id_of(*web);
  // Written without a scheme ("arxiv.org/abs/..."): read the first segment as the host.
  if (!text.empty() && text.front() != '/' && text.find("://") == std::string_view::npos) {
    if (std::optional<WebUrl> web = parse_web_url("//" + std::string(text))) return arxiv_id_of(*web);
  }
  return {};
}

namespace {

// ---- keys ----

// Keys longer than this are hashed: a term is cut at 240 bytes, and two long URLs cut
// there could be one key.
constexpr std::size_t kMaxKeyBytes = 200;

std::string fitted(std::string key) { return key.size() > kMaxKeyBytes ? "#" + hash64_hex(key) : key; }

// "lesswrong.com", "arxiv.org:8443", "www.example.co.uk": a host name as people write one
// (two or more labels of letters, digits and hyphens, the last all letters), maybe with
// a port. What a link without a scheme must start with to be read as a web address.
bool is_host_name(std::string_view text) {
  if (const auto colon = text.find(':'); colon != std::string_view::npos) {
    if (colon + 1 == text.size() || !all_digits(text.substr(colon + 1))) return false;
    text = text.substr(0, colon);
  }
  std::size_t labels = 0;
  std::string_view last;
  while (true) {
    const auto dot = text.find('.');
    const std::string_view label = text.substr(0, dot);
    const bool label_ok = !label.empty() && label.front() != '-' && label.back() != '-' &&
                          std::all_of(label.begin(), label.end(),
                                      [](char c) { return is_alpha(c) || is_digit(c) || c == '-'; });
    if (!label_ok) return false;
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    text.remove_prefix(dot + 1);
  }
  return labels >= 2 && last.size() >= 2 && std::all_of(last.begin(), last.end(), is_alpha);
}

bool has_web_scheme(std::string_view text) { return istarts_with(text, "http://") || istarts_with(text, "https://"); }

// The text to read as a web address: `text` itself for "http(s)://…" and "//host/…", with
// "//" in front for a host name followed by a path ("lesswrong.com/posts/…") or written
// with "www."; nullopt for anything else (a site path, a relative link, another scheme).
std::optional<std::string> web_address(std::string_view text) {
  if (has_web_scheme(text) || (text.size() > 2 && text.substr(0, 2) == "//" && text[2] != '/'))
    return std::string(text);
  const auto end = text.find_first_of("/?#");
  if (!is_host_name(text.substr(0, end))) return std::nullopt;
  if ((end != std::string_view::npos && text[end] == '/') || istarts_with(text, "www."))
    return "//" + std::string(text);
  return std::nullopt;
}

// A URL's parts as its key is made of.
struct KeyParts {
  std::string host;                   // canonical, with a port other than the scheme's default
  std::vector<std::string> segments;  // normalised, without a trailing slash or default document
  // Parameters decoded, in their order; a value of nullopt is a name without "=".
  std::vector<std::pair<std::string, std::optional<std::string>>> params;
  std::optional<std::string> fragment;  // normalised; nullopt when the URL has no '#'
};

std::string unescaped(std::string_view text) {
  std::string out(text);
  const char* end = uriUnescapeInPlaceA(out.data());
  out.resize(static_cast<std::size_t>(end - out.data()));
  return out;
}

// The parts of `url` (a web address, or a site path "/…" when `host_required` is false),
// normalised; nullopt when it cannot be read.
std::optional<KeyParts> key_parts(std::string_view url, bool host_required, const schemas::UrlRules& rules) {
  const auto parsed = parse_uri(url);
  if (!parsed || !parsed->normalise()) return std::nullopt;
  const UriUriA& uri = parsed->uri();
  KeyParts parts;
  if (host_required) {
    parts.host = normalise_host(text_of(uri.hostText));
    if (parts.host.empty()) return std::nullopt;
    parts.host = rules.canonical_host(parts.host);
    const std::string_view port = text_of(uri.portText);
    if (!port.empty() && port != "80" && port != "443") parts.host += ":" + std::string(port);
  }
  for (const UriPathSegmentA* segment = uri.pathHead; segment != nullptr; segment = segment->next)
    parts.segments.emplace_back(text_of(segment->text));
  while (!parts.segments.empty() && parts.segments.back().empty()) parts.segments.pop_back();
  const auto& documents = rules.default_documents();
  if (!parts.segments.empty() &&
      std::find(documents.begin(), documents.end(), ascii_lowercase(parts.segments.back())) != documents.end())
    parts.segments.pop_back();
  while (!parts.segments.empty() && parts.segments.back().empty()) parts.segments.pop_back();

  if (uri.query.first != nullptr && uri.query.afterLast > uri.query.first) {
    UriQueryListA* list = nullptr;
    if (uriDissectQueryMallocExA(&list, nullptr, uri.query.first, uri.query.afterLast, URI_TRUE,
                                 URI_BR_DONT_TOUCH) == URI_SUCCESS) {
      for (const UriQueryListA* item = list; item != nullptr; item = item->next) {
        if (item->key == nullptr || *item->key == '\0' || rules.is_tracking(parts.host, item->key)) continue;
        parts.params.emplace_back(item->key,
                                  item->value ? std::optional<std::string>(item->value) : std::nullopt);
      }
      uriFreeQueryListA(list);
    }
  }
  if (uri.fragment.first != nullptr) parts.fragment = std::string(text_of(uri.fragment));
  return parts;
}

// A platform's rule for the page's path ("/posts/<id>/<slug>" → "/posts/<id>"), applied
// in place; the first that matches wins.
void apply_path_rules(KeyParts& parts, const schemas::UrlRules& rules) {
  for (const schemas::PathRule* rule : rules.path_rules(parts.host)) {
    for (const auto& pattern : rule->patterns) {
      if (pattern.size() != parts.segments.size()) continue;
      // Copies, not views: the segments they come from are replaced below.
      std::vector<std::pair<std::string_view, std::string>> bound;
      bool matched = true;
      for (std::size_t i = 0; i < pattern.size() && matched; ++i) {
        const std::string& want = pattern[i];
        if (want.front() == '{')
          bound.emplace_back(want, std::string(parts.segments[i]));
        else
          matched = want == parts.segments[i];
      }
      if (!matched) continue;
      auto fill = [&](const std::string& text) -> std::string {
        for (const auto& [name, value] : bound)
          if (name == text) return value;
        return text;
      };
      if (!rule->key_host.empty()) parts.host = rule->key_host;
      std::vector<std::string> segments;
      for (const std::string& segment : rule->key_segments) segments.push_back(fill(segment));
      parts.segments = std::move(segments);
      for (const auto& [name, value] : rule->key_params) parts.params.emplace_back(name, unescaped(fill(value)));
      return;
    }
  }
}

// "a=1&b=x+y": the parameters sorted by name (repeated names keep their order), in
// uriparser's escaping.
std::string composed_query(std::vector<std::pair<std::string, std::optional<std::string>>> params) {
  std::stable_sort(params.begin(), params.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<UriQueryListA> list(params.size());
  for (std::size_t i = 0; i < params.size(); ++i)
    list[i] = {params[i].first.c_str(), params[i].second ? params[i].second->c_str() : nullptr,
               i + 1 < params.size() ? &list[i + 1] : nullptr};
  char* text = nullptr;
  if (list.empty() || uriComposeQueryMallocExA(&text, list.data(), URI_TRUE, URI_FALSE) != URI_SUCCESS) return {};
  std::string out(text);
  std::free(text);
  return out;
}

std::string joined_path(const std::vector<std::string>& segments) {
  std::string out;
  for (const std::string& segment : segments) out += "/" + segment;
  return out;
}

std::string key_of(const KeyParts& parts) {
  std::string key = parts.host + joined_path(parts.segments);
  if (key.empty()) key = "/";
  if (!parts.params.empty()) key += "?" + composed_query(parts.params);
  return fitted(std::move(key));
}

// What an address that is neither a web page nor a site path is keyed by: as written,
// without its fragment or trailing slashes.
std::string plain_key(std::string_view url) {
  std::string out(url.substr(0, url.find('#')));
  while (!out.empty() && out.back() == '/') out.pop_back();
  return fitted(std::move(out));
}

bool is_site_path(std::string_view text) { return text.size() >= 2 && text[0] == '/' && text[1] != '/'; }

}  // namespace

std::string url_key(std::string_view url, const schemas::UrlRules& rules) {
  const std::string_view text = ascii_trimmed(url);
  if (text.empty()) return {};
  std::optional<KeyParts> parts;
  if (const std::optional<std::string> web = web_address(text))
    parts = key_parts(*web, true, rules);
  else if (text.front() == '/')
    parts = key_parts(text, false, rules);
  if (!parts) return plain_key(text);
  apply_path_rules(*parts, rules);
  return key_of(*parts);
}

std::string permalink_key(std::string_view url) {
  const std::string_view text = ascii_trimmed(url);
  std::optional<KeyParts> parts;
  if (const std::optional<std::string> web = web_address(text))
    parts = key_parts(*web, true, schemas::UrlRules::builtin());
  else if (!text.empty() && text.front() == '/')
    parts = key_parts(text, false, schemas::UrlRules::builtin());
  if (!parts) return {};
  std::string key = joined_path(parts->segments);
  if (key.empty()) key = "/";
  if (parts->fragment) key += "#" + *parts->fragment;
  return fitted(std::move(key));
}

std::optional<LinkLookup> link_lookup(std::string_view pasted, std::string_view site_host) {
  const std::string_view text = ascii_trimmed(pasted);
  if (text.empty() || text.find_first_of(" \t\r\n") != std::string_view::npos) return std::nullopt;
  LinkLookup lookup;
  if (const std::optional<std::string> web = web_address(text)) {
    const std::optional<WebUrl> parsed = parse_web_url(*web);
    if (!parsed) return std::nullopt;
    lookup.urls.push_back(url_key(text));
    lookup.arxiv = arxiv_id(text);
    // A page of the blog itself is found by its permalink, whatever the host when the
    // blog's own is not known.
    if (site_host.empty() || parsed->host == site_host) {
      lookup.permalink = permalink_key(text);
      // Its own links may be written as site paths.
      if (!site_host.empty()) {
        const auto path = web->find('/', web->find("//") + 2);
        if (path != std::string::npos) lookup.urls.push_back(url_key(std::string_view(*web).substr(path)));
      }
    }
  } else if (is_site_path(text)) {
    lookup.permalink = permalink_key(text);
    lookup.urls.push_back(url_key(text));
    if (!site_host.empty()) lookup.urls.push_back(url_key("//" + std::string(site_host) + std::string(text)));
  } else if (std::string id = arxiv_id(text); !id.empty() && text.find(':') == std::string_view::npos) {
    lookup.arxiv = std::move(id);
  } else {
    return std::nullopt;
  }
  std::erase_if(lookup.urls, [](const std::string& key) { return key.empty(); });
  return lookup;
}

}  // namespace clubsearch::index
