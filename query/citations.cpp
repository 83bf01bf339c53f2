// CitationItem → BibTeX, RIS and CSL-JSON (the mapping is in citations.h).
#include "query/citations.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "index/ascii.h"
#include "index/date.h"
#include "index/hashing.h"
#include "index/utf8.h"

namespace clubsearch::query {

namespace {

// ---- Text cleaning: one form of every string before any format sees it.

using index::append_utf8;
using index::decode_utf8;

bool is_space(char32_t point) {
  return point == ' ' || (point >= 0x09 && point <= 0x0D) || point == 0x85 || point == 0xA0 ||
         point == 0x2028 || point == 0x2029 || point == 0x3000 || (point >= 0x2000 && point <= 0x200A);
}

// Control characters and the byte order mark carry nothing a reader would see.
bool is_invisible(char32_t point) {
  return point < 0x20 || (point >= 0x7F && point <= 0x9F) || point == 0xFEFF;
}

// Valid UTF-8 on one line: white space of any kind collapsed to one space and trimmed,
// control characters dropped. Every field of every format is made of such text, so no
// value can break a RIS line, a BibTeX entry or a JSON string.
std::string clean_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t at = 0; at < text.size();) {
    const auto [point, length] = decode_utf8(text, at);
    at += length;
    if (is_space(point)) {
      pending_space = !out.empty();
      continue;
    }
    if (is_invisible(point)) continue;
    if (pending_space) out += ' ';
    pending_space = false;
    append_utf8(out, point);
  }
  return out;
}

// At most `limit` bytes, cut before a character (never inside one) and marked with "…".
std::string cut_text(std::string text, std::size_t limit) {
  if (text.size() <= limit) return text;
  const std::string_view ellipsis = "\u2026";
  std::size_t end = limit - ellipsis.size();
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text + std::string(ellipsis);
}

// `text` with the ASCII characters in `unsafe` percent-encoded.
std::string percent_encode(std::string_view text, std::string_view unsafe) {
  constexpr std::string_view hex = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    if (unsafe.find(c) == std::string_view::npos) {
      out += c;
      continue;
    }
    out += '%';
    out += hex[static_cast<unsigned char>(c) >> 4];
    out += hex[static_cast<unsigned char>(c) & 0x0F];
  }
  return out;
}

// The characters a URL may not hold (RFC 3986) percent-encoded: space, quotes, angle
// brackets, braces (which would unbalance a BibTeX value), backslash, caret, backtick, bar.
std::string clean_url(std::string_view text) { return percent_encode(clean_text(text), " \"<>\\^`{|}"); }

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && index::ascii_lowercase(text.substr(0, prefix.size())) == prefix;
}

std::string without_prefix(std::string text, std::initializer_list<std::string_view> prefixes) {
  for (const std::string_view prefix : prefixes)
    if (starts_with_nocase(text, prefix)) return clean_text(std::string_view(text).substr(prefix.size()));
  return text;
}

// "10.1234/abc", also from "doi:10.1234/abc" or a doi.org link; no spaces.
std::string clean_doi(std::string_view text) {
  std::string doi = without_prefix(clean_text(text), {"https://doi.org/", "http://doi.org/",
                                                      "https://dx.doi.org/", "http://dx.doi.org/", "doi:"});
  std::erase(doi, ' ');
  return doi;
}

// An arXiv id holds letters, digits, dots, hyphens and one slash ("hep-th/9901001");
// anything else is dropped, and so is an "arXiv:" in front.
std::string clean_arxiv(std::string_view text) {
  const std::string id = without_prefix(clean_text(text), {"arxiv:"});
  std::string out;
  for (const char c : id)
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-' ||
        c == '/')
      out += c;
  return out;
}

// ---- Dates.

// A date as far as it is known: a year, a month of it, or a day.
struct PartialDate {
  int year = 0;   // 0: no date
  int month = 0;  // 0: unknown
  int day = 0;    // 0: unknown

  bool empty() const { return year == 0; }
};

// A full date as index::parse_date reads one (a time after it ignored), or "YYYY-MM", or
// "YYYY"; an empty date for anything else, so that no format writes a date it cannot read.
PartialDate parse_date(std::string_view raw) {
  const std::string text = clean_text(raw);
  if (const std::optional<index::Date> full = index::parse_date(text))
    return {full->year, full->month, full->day};
  const std::string_view date = text;
  if ((date.size() != 4 && date.size() != 7) || !index::all_digits(date.substr(0, 4))) return {};
  PartialDate out;
  std::from_chars(date.data(), date.data() + 4, out.year);
  if (out.year < 1000) return {};
  if (date.size() == 7) {
    if (date[4] != '-' || !index::all_digits(date.substr(5, 2))) return {};
    std::from_chars(date.data() + 5, date.data() + 7, out.month);
    if (out.month < 1 || out.month > 12) return {};
  }
  return out;
}

std::string two_digits(int value) { return (value < 10 ? "0" : "") + std::to_string(value); }

// ISO 8601 as far as known: "2017", "2017-06", "2017-06-12".
std::string iso_date(const PartialDate& date) {
  std::string out = std::to_string(date.year);
  if (date.month != 0) out += "-" + two_digits(date.month);
  if (date.day != 0) out += "-" + two_digits(date.day);
  return out;
}

// ---- What an item is, in the terms every format shares.

enum class Shape { preprint, paper, blog, forum, news, software, webpage };

Shape shape_of(std::string_view kind, bool has_arxiv) {
  if (has_arxiv) return Shape::preprint;
  const std::string name = index::ascii_lowercase(kind);
  if (name == "paper") return Shape::paper;
  if (name == "blog") return Shape::blog;
  if (name == "forum") return Shape::forum;
  if (name == "news") return Shape::news;
  if (name == "code" || name == "notebook") return Shape::software;
  return Shape::webpage;
}

// Whether `source` names the site an item appears in (a container: the blog, the forum,
// the newspaper) rather than who issued it (the publisher or repository).
bool source_is_container(Shape shape) {
  return shape == Shape::blog || shape == Shape::forum || shape == Shape::news || shape == Shape::webpage;
}

// An item with every field cleaned, its dates parsed and its key made.
struct Prepared {
  std::string key;
  std::string title;
  std::string url;
  std::string arxiv;
  std::string doi;
  PartialDate date;
  PartialDate accessed;
  Shape shape = Shape::webpage;
  std::string source;
  std::string note;
};

std::string title_of(const CitationItem& item) {
  std::string title = clean_text(item.title);
  if (title.empty()) title = clean_url(item.url);
  if (const std::string arxiv = clean_arxiv(item.arxiv); title.empty() && !arxiv.empty())
    title = "arXiv:" + arxiv;
  if (title.empty()) title = clean_doi(item.doi);
  if (title.empty()) title = "Untitled";
  return cut_text(std::move(title), kMaxCitationTitleBytes);
}

// ---- Citation keys.

// Latin letters with diacritics → their ASCII letters, for readable keys ("Über" → "uber").
std::string fold_to_ascii(char32_t point) {
  // U+00C0–U+00DF, and U+00E0–U+00FF whose lowercase letters sit 32 places on; '.' is
  // not a letter (× and ÷).
  static constexpr std::string_view latin1 = "aaaaaaeceeeeiiiidnooooo.ouuuuyts";
  static constexpr std::string_view latin_a =
      "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii??jjkkkllllllllllnnnnnnnnnoooooo??rrrrrrssssssss"
      "ttttttuuuuuuuuuuuuwwyyyzzzzzzs";
  static_assert(latin_a.size() == 128);
  if (point < 0x80) return std::string(1, index::ascii_lower(static_cast<char>(point)));
  if (point == 0xC6 || point == 0xE6) return "ae";
  if (point == 0xDE || point == 0xFE) return "th";
  if (point == 0xDF) return "ss";
  if (point == 0xFF) return "y";
  if (point == 0x132 || point == 0x133) return "ij";
  if (point == 0x152 || point == 0x153) return "oe";
  if (point >= 0xC0 && point <= 0xFF) {
    const char c = latin1[(point - 0xC0) % 32];
    return c == '.' ? " " : std::string(1, c);
  }
  if (point >= 0x100 && point <= 0x17F) return std::string(1, latin_a[point - 0x100]);
  return " ";
}

bool is_stopword(std::string_view word) {
  static const std::set<std::string_view> words = {
      "a",    "an",  "and",    "are",     "as",  "at", "be",   "by",   "can", "do",   "does", "for",
      "from", "how", "in",     "into",    "is",  "it", "its",  "of",   "on",  "or",   "our",  "the",
      "this", "to",  "toward", "towards", "via", "we", "what", "when", "why", "with", "you",  "your"};
  return words.contains(word);
}

// The title's first word that says something: ASCII letters and digits, with a letter,
// not a stopword; the kind of item when the title has none ("paper", "blog").
std::string key_word(std::string_view raw_title, std::string_view kind) {
  std::string folded;
  const std::string title = clean_text(raw_title);
  for (std::size_t at = 0; at < title.size();) {
    const auto [point, length] = decode_utf8(title, at);
    at += length;
    folded += fold_to_ascii(point);
  }
  std::string word;
  std::string first_any;
  auto take = [&]() -> bool {
    const bool has_letter = word.find_first_not_of("0123456789") != std::string::npos;
    if (has_letter && first_any.empty()) first_any = word;
    const bool chosen = has_letter && !is_stopword(word);
    if (!chosen) word.clear();
    return chosen;
  };
  for (const char c : folded + " ") {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      word += c;
    } else if (!word.empty() && take()) {
      break;
    }
  }
  if (word.empty()) word = first_any;  // a title of stopwords only ("What is it?")
  if (word.empty()) {
    const std::string name = index::ascii_lowercase(clean_text(kind));
    const bool known = name == "paper" || name == "blog" || name == "forum" || name == "news" ||
                       name == "code" || name == "notebook";
    word = known ? name : "item";
  }
  if (word.size() > 24) word.resize(24);
  return word;
}

// What makes the key unique: the item's id in lowercase when it is a plain alphanumeric
// one of 4 characters or more, else a hash of what identifies the item.
std::string key_digits(const CitationItem& item) {
  std::string id = index::ascii_lowercase(clean_text(item.id));
  const bool plain = id.size() >= 4 && std::all_of(id.begin(), id.end(), [](char c) {
                       return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
                     });
  if (plain) return id;
  return index::hash64_hex(item.id + '\n' + item.url + '\n' + item.title + '\n' + item.arxiv + '\n' +
                           item.doi);
}

std::vector<Prepared> prepare(const std::vector<CitationItem>& items) {
  std::vector<Prepared> prepared;
  prepared.reserve(items.size());
  for (const CitationItem& item : items) {
    Prepared out;
    out.title = title_of(item);
    out.url = clean_url(item.url);
    out.arxiv = clean_arxiv(item.arxiv);
    out.doi = clean_doi(item.doi);
    out.date = parse_date(item.date);
    out.accessed = parse_date(item.accessed);
    out.shape = shape_of(item.kind, !out.arxiv.empty());
    out.source = out.shape == Shape::preprint ? "arXiv" : clean_text(item.source);
    out.note = clean_text(item.note);
    prepared.push_back(std::move(out));
  }
  const std::vector<std::string> keys = citation_keys(items);
  for (std::size_t i = 0; i < prepared.size(); ++i) prepared[i].key = keys[i];
  return prepared;
}

// ---- BibTeX.

// Text in a BibTeX value as LaTeX typesets it: the ten special characters escaped, so
// that braces always balance and nothing is read as a command or as math.
std::string latex_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '\\':
        out += "\\textbackslash{}";
        break;
      case '~':
        out += "\\textasciitilde{}";
        break;
      case '^':
        out += "\\textasciicircum{}";
        break;
      case '&':
      case '%':
      case '$':
      case '#':
      case '_':
      case '{':
      case '}':
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string_view month_macro(int month) {
  static constexpr std::array<std::string_view, 12> names = {"jan", "feb", "mar", "apr", "may", "jun",
                                                             "jul", "aug", "sep", "oct", "nov", "dec"};
  return names[static_cast<std::size_t>(month - 1)];
}

void write_bibtex(const Prepared& item, std::string& out) {
  std::vector<std::pair<std::string_view, std::string>> fields;  // name → value as written
  auto braced = [](std::string_view value) { return "{" + std::string(value) + "}"; };
  // The second pair of braces keeps the title's case as written.
  fields.emplace_back("title", "{{" + latex_escape(item.title) + "}}");
  if (item.shape == Shape::preprint) {
    fields.emplace_back("eprint", braced(item.arxiv));
    fields.emplace_back("archivePrefix", "{arXiv}");
  } else if (!item.source.empty()) {
    fields.emplace_back("howpublished", braced(latex_escape(item.source)));
  }
  // url and doi are verbatim fields: written as they are, braces percent-encoded.
  if (!item.doi.empty()) fields.emplace_back("doi", braced(percent_encode(item.doi, "{}\\")));
  if (!item.url.empty()) fields.emplace_back("url", braced(item.url));
  if (!item.date.empty()) {
    fields.emplace_back("year", braced(std::to_string(item.date.year)));
    if (item.date.month != 0) fields.emplace_back("month", std::string(month_macro(item.date.month)));
  }
  if (!item.accessed.empty()) fields.emplace_back("urldate", braced(iso_date(item.accessed)));
  if (!item.note.empty()) fields.emplace_back("note", braced(latex_escape(item.note)));

  out += "@misc{" + item.key;
  for (const auto& [name, value] : fields) {
    out += ",\n  ";
    out += name;
    out += " = ";
    out += value;
  }
  out += "\n}\n";
}

// ---- RIS.

std::string_view ris_type(Shape shape) {
  switch (shape) {
    case Shape::preprint:
      return "UNPB";
    case Shape::paper:
      return "GEN";
    case Shape::news:
      return "NEWS";
    case Shape::software:
      return "COMP";
    case Shape::blog:
    case Shape::forum:
    case Shape::webpage:
      return "ELEC";
  }
  return "GEN";
}

// RIS's date: "YYYY/MM/DD/" with the parts not known left empty.
std::string ris_date(const PartialDate& date) {
  return std::to_string(date.year) + "/" + (date.month != 0 ? two_digits(date.month) : "") + "/" +
         (date.day != 0 ? two_digits(date.day) : "") + "/";
}

void write_ris(const Prepared& item, std::string& out) {
  // The RIS specification ends lines with CR LF; every reader takes it.
  auto line = [&out](std::string_view tag, std::string_view value) {
    if (value.empty()) return;
    out += tag;
    out += "  - ";
    out += value;
    out += "\r\n";
  };
  line("TY", ris_type(item.shape));
  line("ID", item.key);
  line("TI", item.title);
  line(source_is_container(item.shape) ? "T2" : "PB", item.source);
  if (!item.date.empty()) {
    line("PY", std::to_string(item.date.year));
    if (item.date.month != 0) line("DA", ris_date(item.date));
  }
  if (!item.arxiv.empty()) line("M1", "arXiv:" + item.arxiv);
  line("DO", item.doi);
  line("UR", item.url);
  if (!item.accessed.empty()) line("Y2", ris_date(item.accessed));
  line("N1", item.note);
  out += "ER  - \r\n\r\n";
}

// ---- CSL-JSON.

std::string_view csl_type(Shape shape) {
  switch (shape) {
    case Shape::preprint:
    case Shape::paper:
      return "article";
    case Shape::blog:
      return "post-weblog";
    case Shape::forum:
      return "post";
    case Shape::news:
      return "article-newspaper";
    case Shape::software:
      return "software";
    case Shape::webpage:
      return "webpage";
  }
  return "document";
}

nlohmann::ordered_json csl_date(const PartialDate& date) {
  nlohmann::ordered_json parts = nlohmann::ordered_json::array({date.year});
  if (date.month != 0) parts.push_back(date.month);
  if (date.day != 0) parts.push_back(date.day);
  return {{"date-parts", nlohmann::ordered_json::array({parts})}};
}

nlohmann::ordered_json csl_item(const Prepared& item) {
  nlohmann::ordered_json out = {{"id", item.key}, {"type", csl_type(item.shape)}, {"title", item.title}};
  if (!item.source.empty())
    out[source_is_container(item.shape) ? "container-title" : "publisher"] = item.source;
  // As Zotero writes a preprint: the repository is the publisher, its id the number.
  if (!item.arxiv.empty()) out["number"] = "arXiv:" + item.arxiv;
  if (!item.doi.empty()) out["DOI"] = item.doi;
  if (!item.url.empty()) out["URL"] = item.url;
  if (!item.date.empty()) out["issued"] = csl_date(item.date);
  if (!item.accessed.empty()) out["accessed"] = csl_date(item.accessed);
  if (!item.note.empty()) out["note"] = item.note;
  return out;
}

}  // namespace

std::optional<CitationFormat> citation_format(std::string_view name) {
  const std::string lower = index::ascii_lowercase(name);
  if (lower == "bibtex" || lower == "bib") return CitationFormat::bibtex;
  if (lower == "ris") return CitationFormat::ris;
  if (lower == "csl-json" || lower == "csl" || lower == "json") return CitationFormat::csl_json;
  return std::nullopt;
}

const std::vector<std::string>& citation_format_names() {
  static const std::vector<std::string> names = {"bibtex", "ris", "csl-json"};
  return names;
}

std::string_view citation_mime_type(CitationFormat format) {
  switch (format) {
    case CitationFormat::bibtex:
      return "application/x-bibtex";
    case CitationFormat::ris:
      return "application/x-research-info-systems";
    case CitationFormat::csl_json:
      return "application/vnd.citationstyles.csl+json";
  }
  return "application/octet-stream";
}

std::string_view citation_extension(CitationFormat format) {
  switch (format) {
    case CitationFormat::bibtex:
      return ".bib";
    case CitationFormat::ris:
      return ".ris";
    case CitationFormat::csl_json:
      return ".json";
  }
  return "";
}

std::vector<std::string> citation_keys(const std::vector<CitationItem>& items) {
  struct Key {
    std::string stem;    // word and year
    std::string digits;  // all the digits that may tell it apart
    std::size_t used = 4;
    std::string text() const { return stem + "-" + digits.substr(0, used); }
  };
  std::vector<Key> keys;
  keys.reserve(items.size());
  for (const CitationItem& item : items) {
    const PartialDate date = parse_date(item.date);
    Key key{key_word(item.title, item.kind) + (date.empty() ? "" : std::to_string(date.year)),
            key_digits(item)};
    keys.push_back(std::move(key));
  }
  // Keys that clash take two more digits each until they differ or run out of digits.
  for (bool changed = true; changed;) {
    changed = false;
    std::map<std::string, std::vector<std::size_t>> by_text;
    for (std::size_t i = 0; i < keys.size(); ++i) by_text[keys[i].text()].push_back(i);
    for (const auto& [text, indexes] : by_text) {
      if (indexes.size() < 2) continue;
      for (const std::size_t i : indexes) {
        // Only digits that differ from another clashing key's can tell them apart.
        const bool differs = std::any_of(indexes.begin(), indexes.end(),
                                         [&](std::size_t j) { return keys[j].digits != keys[i].digits; });
        if (differs && keys[i].used < keys[i].digits.size()) {
          keys[i].used = std::min(keys[i].used + 2, keys[i].digits.size());
          changed = true;
        }
      }
    }
  }
  // What still clashes is the same item more than once: a counter, in order.
  std::vector<std::string> out;
  std::map<std::string, int> seen;
  for (const Key& key : keys) {
    const std::string text = key.text();
    const int count = ++seen[text];
    out.push_back(count == 1 ? text : text + "-" + std::to_string(count));
  }
  return out;
}

std::string format_citations(const std::vector<CitationItem>& items, CitationFormat format) {
  const std::vector<Prepared> prepared = prepare(items);
  std::string out;
  switch (format) {
    case CitationFormat::bibtex:
      for (std::size_t i = 0; i < prepared.size(); ++i) {
        if (i > 0) out += '\n';
        write_bibtex(prepared[i], out);
      }
      break;
    case CitationFormat::ris:
      for (const Prepared& item : prepared) write_ris(item, out);
      break;
    case CitationFormat::csl_json: {
      nlohmann::ordered_json array = nlohmann::ordered_json::array();
      for (const Prepared& item : prepared) array.push_back(csl_item(item));
      out = array.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
      break;
    }
  }
  return out;
}

}  // namespace clubsearch::query
