// Paper identities from links: arXiv ids, DOIs, OpenReview and ACL Anthology ids, and
// the dates they carry.
#include "index/papers.h"

#include <cctype>

#include "index/ascii.h"
#include "index/hashing.h"
#include "index/link_keys.h"

namespace clubsearch::index {

namespace {

constexpr std::size_t npos = std::string_view::npos;

bool digits(std::string_view text) { return !text.empty() && all_digits(text); }

bool ends_with(std::string_view text, std::string_view end) {
  return text.size() >= end.size() && text.substr(text.size() - end.size()) == end;
}

bool starts_with(std::string_view text, std::string_view start) { return text.substr(0, start.size()) == start; }

// A plausible year of publication.
bool is_year(std::string_view text) { return text.size() == 4 && digits(text) && (text[0] == '1' || text[0] == '2'); }

// "10." and a registrant code of 4 to 9 digits (dots allowed between them).
bool is_doi_prefix(std::string_view segment) {
  if (!starts_with(segment, "10.")) return false;
  const std::string_view registrant = segment.substr(3);
  return registrant.size() >= 4 && registrant.size() <= 16 && registrant.find_first_not_of("0123456789.") == npos &&
         std::isdigit(static_cast<unsigned char>(registrant.front())) != 0;
}

// What a DOI's URL adds after the DOI itself: a format, a page of the article, a version.
std::string trim_doi(std::string doi) {
  for (bool changed = true; changed;) {
    changed = false;
    while (!doi.empty() && (doi.back() == '/' || doi.back() == '.')) {
      doi.pop_back();
      changed = true;
    }
    for (std::string_view tail : {".pdf", ".full", ".abstract", ".html", ".short", ".long", "/full", "/abstract",
                                  "/pdf", "/epdf", "/meta", "/summary", "/references", "/figures", "/suppl",
                                  "/fulltext", "/pdfdirect"}) {
      if (doi.size() > tail.size() + 8 && ends_with(ascii_lowercase(doi), tail)) {
        doi.resize(doi.size() - tail.size());
        changed = true;
      }
    }
  }
  // bioRxiv and medRxiv version their DOI's pages: "…072595v2".
  if (starts_with(doi, "10.1101/")) {
    std::size_t end = doi.size();
    while (end > 0 && std::isdigit(static_cast<unsigned char>(doi[end - 1])) != 0) --end;
    if (end < doi.size() && end > 0 && doi[end - 1] == 'v') doi.resize(end - 1);
  }
  return doi;
}

// The date a bioRxiv/medRxiv DOI carries: "10.1101/2020.05.01.072595" → "2020-05-01".
std::string biorxiv_date(std::string_view doi) {
  if (!starts_with(doi, "10.1101/") || doi.size() < 18) return {};
  const std::string_view date = doi.substr(8, 10);
  if (!is_year(date.substr(0, 4)) || date[4] != '.' || !digits(date.substr(5, 2)) || date[7] != '.' ||
      !digits(date.substr(8, 2)))
    return {};
  return std::string(date.substr(0, 4)) + "-" + std::string(date.substr(5, 2)) + "-" + std::string(date.substr(8, 2));
}

// The month of an arXiv id's first submission: "1706.03762" → "2017-06",
// "hep-th/9901001" → "1999-01".
std::string arxiv_date(std::string_view id) {
  std::string_view number = id;
  if (const auto slash = id.rfind('/'); slash != npos) number = id.substr(slash + 1);
  if (number.size() < 4 || !digits(number.substr(0, 4))) return {};
  const int yy = (number[0] - '0') * 10 + (number[1] - '0');
  const int month = (number[2] - '0') * 10 + (number[3] - '0');
  if (month < 1 || month > 12) return {};
  // Old-style ids start in 1991; new-style ids (with a dot) in April 2007.
  const int year = id.find('/') != npos ? (yy >= 91 ? 1900 + yy : 2000 + yy) : 2000 + yy;
  std::string out = std::to_string(year) + "-";
  out += static_cast<char>('0' + month / 10);
  out += static_cast<char>('0' + month % 10);
  return out;
}

// An ACL Anthology id: "2020.acl-main.463" or "P19-1001" (a letter, two digits of the
// year, four of the paper); its year, or empty when `id` is none.
std::string acl_year(std::string_view id) {
  if (id.size() > 5 && is_year(id.substr(0, 4)) && id[4] == '.') return std::string(id.substr(0, 4));
  if (id.size() == 8 && std::isupper(static_cast<unsigned char>(id[0])) != 0 && digits(id.substr(1, 2)) &&
      id[3] == '-' && digits(id.substr(4))) {
    const int yy = (id[1] - '0') * 10 + (id[2] - '0');
    return std::to_string(yy >= 60 ? 1900 + yy : 2000 + yy);
  }
  return {};
}

std::string strip_suffix(std::string_view text, std::string_view suffix) {
  return std::string(ends_with(ascii_lowercase(text), suffix) ? text.substr(0, text.size() - suffix.size()) : text);
}

// The value of one query parameter, as written.
std::string query_parameter(std::string_view url, std::string_view name) {
  const auto question = url.find('?');
  if (question == npos) return {};
  std::string_view query = url.substr(question + 1);
  query = query.substr(0, query.find('#'));
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    if (const auto equals = pair.find('='); equals != npos && pair.substr(0, equals) == name)
      return std::string(pair.substr(equals + 1));
    query = amp == npos ? std::string_view() : query.substr(amp + 1);
  }
  return {};
}

// The year a proceedings URL carries in its path: NeurIPS's "/paper/2017/…" and
// "/paper_files/paper/2022/…", the CVF's "/content_CVPR_2019/…" and "/content/ICCV2021/…".
std::string proceedings_year(const WebUrl& url) {
  const std::string& host = url.host;
  const auto& parts = url.segments;
  if (host == "papers.nips.cc" || host == "proceedings.neurips.cc" || host == "papers.neurips.cc") {
    for (std::size_t i = 0; i + 1 < parts.size(); ++i)
      if (parts[i] == "paper" && is_year(parts[i + 1])) return parts[i + 1];
    return {};
  }
  if (host == "openaccess.thecvf.com" && !parts.empty()) {
    std::string_view place = parts[0];
    if (place == "content" && parts.size() > 1) place = parts[1];
    if (place.size() >= 4 && is_year(place.substr(place.size() - 4))) return std::string(place.substr(place.size() - 4));
  }
  return {};
}

// The key of a paper in a proceedings site, the same for its abstract page, its PDF and
// its other files: NeurIPS's "…/hash/<32 hex>-Abstract(-Conference).html" and
// "…/file/<32 hex>-Paper(-Conference).pdf" (and -Supplemental, -Reviews…) share the hash,
// its older "/paper/7181-attention-is-all-you-need(.pdf)" the number; the CVF's
// "/html/<stem>.html" and "/papers/<stem>.pdf" the file's stem; PMLR's "/v139/radford21a.html"
// and "/v139/radford21a/radford21a.pdf" the volume and paper id. Empty for other URLs.
std::string proceedings_key(const WebUrl& url) {
  const std::string& host = url.host;
  const auto& parts = url.segments;
  if (parts.empty()) return {};
  const std::string& last = parts.back();
  if (host == "papers.nips.cc" || host == "proceedings.neurips.cc" || host == "papers.neurips.cc") {
    const auto dash = last.find('-');
    const std::string head = last.substr(0, dash);
    if (head.size() == 32 && head.find_first_not_of("0123456789abcdef") == npos) return "neurips:" + head;
    if (parts.size() == 2 && parts[0] == "paper" && digits(head) && dash != npos) return "neurips:" + head;
    return {};
  }
  if (host == "openaccess.thecvf.com" && parts.size() >= 3) {
    const std::string stem = strip_suffix(strip_suffix(last, ".pdf"), ".html");
    const std::string& folder = parts[parts.size() - 2];
    if ((folder == "html" || folder == "papers") && ends_with(ascii_lowercase(stem), "_paper"))
      return "cvf:" + ascii_lowercase(stem);
    return {};
  }
  if (host == "proceedings.mlr.press" && parts.size() >= 2 && parts[0].size() > 1 && parts[0][0] == 'v' &&
      digits(parts[0].substr(1))) {
    const std::string id = strip_suffix(strip_suffix(parts[1], ".html"), ".pdf");
    if (!id.empty()) return "pmlr:" + parts[0] + "/" + id;
  }
  return {};
}

// The year a PMLR paper id carries: the first author's name, two digits of the year and
// a letter ("radford21a" → "2021").
std::string pmlr_year(std::string_view key) {
  const auto slash = key.rfind('/');
  if (slash == npos) return {};
  std::string_view id = key.substr(slash + 1);
  if (id.size() < 4 || std::isalpha(static_cast<unsigned char>(id.back())) == 0) return {};
  const std::string_view yy = id.substr(id.size() - 3, 2);
  if (!digits(yy)) return {};
  const int year = (yy[0] - '0') * 10 + (yy[1] - '0');
  return std::to_string(year >= 60 ? 1900 + year : 2000 + year);
}

}  // namespace

std::string doi_of_url(std::string_view url) {
  const std::optional<WebUrl> web = parse_web_url(url);
  if (!web) return {};
  const auto& parts = web->segments;
  // Nature's article pages are named by their DOI's suffix.
  if (web->host == "nature.com" && parts.size() >= 2 && parts[0] == "articles" && !parts[1].empty())
    return trim_doi("10.1038/" + parts[1]);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (!is_doi_prefix(parts[i]) || i + 1 >= parts.size() || parts[i + 1].empty()) continue;
    std::string doi = parts[i];
    for (std::size_t j = i + 1; j < parts.size(); ++j) doi += "/" + parts[j];
    return trim_doi(std::move(doi));
  }
  return {};
}

std::optional<PaperIdentity> paper_identity(std::string_view url, std::string_view arxiv, std::string_view kind,
                                            const schemas::UrlRules& rules) {
  if (url.empty()) return std::nullopt;
  PaperIdentity identity;
  identity.arxiv = arxiv_id(arxiv);
  const std::optional<WebUrl> web = parse_web_url(url);
  if (identity.arxiv.empty() && web) {
    identity.doi = doi_of_url(url);
    // arXiv's own DOIs name the arXiv id.
    if (starts_with(ascii_lowercase(identity.doi), "10.48550/arxiv.")) {
      identity.arxiv = arxiv_id(identity.doi.substr(15));
      identity.doi.clear();
    }
    if (web->host == "openreview.net" && !web->segments.empty() &&
        (web->segments[0] == "forum" || web->segments[0] == "pdf" || web->segments[0] == "attachment"))
      identity.openreview = query_parameter(url, "id");
    if ((web->host == "aclanthology.org" || web->host == "aclweb.org") && !web->segments.empty()) {
      // aclanthology.org/2020.acl-main.463(.pdf)/, aclweb.org/anthology/P19-1001(.pdf)
      for (const std::string& segment : web->segments) {
        const std::string id = strip_suffix(segment, ".pdf");
        if (!acl_year(id).empty()) identity.acl = id;
      }
    }
  }
  // Only an arXiv id makes a link of another kind a paper: a news story or a blog post has
  // a DOI or an OpenReview page at times, and is not one.
  if (identity.arxiv.empty() && kind != "paper") return std::nullopt;
  if (!identity.arxiv.empty()) {
    identity.key = "arxiv:" + identity.arxiv;
    identity.date = arxiv_date(identity.arxiv);
  } else if (!identity.doi.empty()) {
    identity.key = "doi:" + ascii_lowercase(identity.doi);
    identity.date = biorxiv_date(identity.doi);
  } else if (!identity.openreview.empty()) {
    identity.key = "openreview:" + identity.openreview;
  } else if (!identity.acl.empty()) {
    identity.key = "acl:" + identity.acl;
    identity.date = acl_year(identity.acl);
  } else if (const std::string proceedings = web ? proceedings_key(*web) : std::string(); !proceedings.empty()) {
    identity.key = proceedings;
    if (starts_with(proceedings, "pmlr:")) identity.date = pmlr_year(proceedings);
  } else {
    const std::string key = url_key(url, rules);
    if (key.empty()) return std::nullopt;
    identity.key = "url:" + key;
  }
  if (identity.date.empty() && web) identity.date = proceedings_year(*web);
  return identity;
}

std::string paper_id(std::string_view key) { return hash64_hex("paper\n" + std::string(key)); }

std::string year_of(std::string_view date) {
  return date.size() >= 4 && is_year(date.substr(0, 4)) ? std::string(date.substr(0, 4)) : std::string();
}

std::optional<int> months_between(std::string_view paper_date, std::string_view post_date) {
  const std::string paper_year = year_of(paper_date), post_year = year_of(post_date);
  if (paper_year.empty() || post_year.empty()) return std::nullopt;
  auto month_of = [](std::string_view date, int fallback) {
    return date.size() >= 7 && digits(date.substr(5, 2)) ? (date[5] - '0') * 10 + (date[6] - '0') : fallback;
  };
  const int months = (std::stoi(post_year) - std::stoi(paper_year)) * 12 + month_of(post_date, 7) -
                     month_of(paper_date, 7);
  if (months < 0) return std::nullopt;
  return months;
}

}  // namespace clubsearch::index
