// The keys links are found by: arXiv ids in every written form, normalised URLs, and
// the parts of a web address both need.
#include "index/link_keys.h"

#include <uriparser/Uri.h>
#include <xapian.h>

#include <algorithm>
#include <memory>

#include "index/ascii.h"
#include "index/hashing.h"

namespace clubsearch::index {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

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

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
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
  if (rest.empty() || (rest.front() != ':' && !is_space(rest.front()))) return {};
  if (rest.front() == ':') rest.remove_prefix(1);
  rest = trim(rest);
  if (const auto bracket = rest.find('['); bracket != std::string_view::npos && rest.back() == ']')
    rest = trim(rest.substr(0, bracket));
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
  const auto parsed = parse_uri(trim(url));
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
  const std::string_view text = trim(url_or_id);
  if (std::string id = bare_id(text); !id.empty()) return id;
  if (std::string id = cited_id(text); !id.empty()) return id;
  if (std::optional<WebUrl> web = parse_web_url(text)) return arxiv_id_of(*web);
  // Written without a scheme ("arxiv.org/abs/..."): read the first segment as the host.
  if (!text.empty() && text.front() != '/' && text.find("://") == std::string_view::npos) {
    if (std::optional<WebUrl> web = parse_web_url("//" + std::string(text))) return arxiv_id_of(*web);
  }
  return {};
}

std::string url_key(std::string_view url) {
  std::string out(url);
  if (const auto hash = out.find('#'); hash != std::string::npos) out.erase(hash);
  for (std::string_view scheme : {"https://", "http://"})
    if (ascii_lowercase(std::string_view(out).substr(0, scheme.size())) == scheme)
      out.erase(0, scheme.size());
  if (ascii_lowercase(std::string_view(out).substr(0, 4)) == "www.") out.erase(0, 4);
  const auto path = out.find('/');
  out = ascii_lowercase(std::string_view(out).substr(0, path)) +
        (path == std::string::npos ? "" : out.substr(path));
  while (!out.empty() && out.back() == '/') out.pop_back();
  return out.size() > 200 ? "#" + hash64_hex(out) : out;
}

}  // namespace clubsearch::index
