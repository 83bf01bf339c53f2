// Zola's and Hugo's slug rules, reproduced so permalinks and deep links match the real site.
#include "indexer/slug.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <stdexcept>

#include "index/ascii.h"

namespace clubsearch::indexer {

namespace {

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool is_ascii_alnum(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}


bool is_hex(char32_t c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

icu::UnicodeString to_unicode(std::string_view text) {
  if (text.size() > static_cast<std::size_t>(std::numeric_limits<int32_t>::max()))
    throw std::length_error("slug: text too long");
  return icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
}

// ICU decodes anything not ASCII: ill-formed bytes become U+FFFD as in Go, and every Hugo rule
// drops U+FFFD, so a broken byte vanishes from the slug as it does on the site.
std::u32string code_points(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  if (is_ascii(text)) {
    for (char c : text) out.push_back(static_cast<char32_t>(c));
    return out;
  }
  const icu::UnicodeString unicode = to_unicode(text);
  for (int32_t i = 0; i < unicode.length(); i = unicode.moveIndex32(i, 1))
    out.push_back(static_cast<char32_t>(unicode.char32At(i)));
  return out;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
    return;
  }
  icu::UnicodeString(static_cast<UChar32>(c)).toUTF8String(out);
}

// Hugo's rules are written with Go's unicode.IsLetter, IsDigit, IsMark, IsSpace and ToLower;
// these are their ICU equivalents (general categories L, Nd, M; White_Space; simple lowercase).
bool go_is_letter(char32_t c) {
  return c < 0x80 ? ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
                  : u_isalpha(static_cast<UChar32>(c)) != 0;
}
bool go_is_digit(char32_t c) {
  return c < 0x80 ? (c >= '0' && c <= '9') : u_isdigit(static_cast<UChar32>(c)) != 0;
}
bool go_is_mark(char32_t c) {
  return c >= 0x80 && (U_MASK(u_charType(static_cast<UChar32>(c))) & U_GC_M_MASK) != 0;
}
bool go_is_space(char32_t c) {
  return c < 0x80 ? (c == ' ' || (c >= '\t' && c <= '\r')) : u_isUWhiteSpace(static_cast<UChar32>(c)) != 0;
}
char32_t go_to_lower(char32_t c) {
  if (c < 0x80) return static_cast<char32_t>(index::ascii_lower(static_cast<char>(c)));
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
}

// ICU transliterators are not thread-safe and costly to build: one per parsing thread, made
// on the first non-ASCII text that thread sees. Nonspacing marks are removed because the
// text is transliterated one character at a time, so a decomposed accent arrives alone.
icu::Transliterator& transliterator() {
  thread_local std::unique_ptr<icu::Transliterator> instance;
  if (!instance) {
    UErrorCode status = U_ZERO_ERROR;
    instance.reset(icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; [:Nonspacing Mark:] Remove",
                                                       UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !instance)
      throw std::runtime_error(std::string("cannot create ICU transliterator: ") + u_errorName(status));
  }
  return *instance;
}

// The `slug` crate's slugify: ASCII alphanumerics lowercased, every run of anything else one
// '-', none at either end.
class ZolaSlug {
 public:
  void push(char c) {
    if (is_ascii_alnum(static_cast<unsigned char>(c))) {
      out_.push_back(index::ascii_lower(c));
      after_dash_ = false;
    } else if (!after_dash_) {
      out_.push_back('-');
      after_dash_ = true;
    }
  }

  std::string finish() && {
    if (!out_.empty() && out_.back() == '-') out_.pop_back();
    return std::move(out_);
  }

 private:
  std::string out_;
  bool after_dash_ = true;  // so that no slug starts with '-'
};

// deunicode, which the crate uses, transliterates one character at a time, gives a Han
// character's reading followed by a space ("日本" → "Ri Ben "), and has "-" for a character it
// cannot transliterate; ICU stands in for its tables.
void push_transliterated(ZolaSlug& slug, char32_t c) {
  icu::UnicodeString text(static_cast<UChar32>(c));
  transliterator().transliterate(text);
  std::string ascii;
  text.toUTF8String(ascii);
  for (char out : ascii) slug.push(static_cast<unsigned char>(out) < 0x80 ? out : '-');
  if (u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_IDEOGRAPHIC)) slug.push(' ');
}

std::string zola_slug(std::string_view text) {
  ZolaSlug slug;
  if (is_ascii(text)) {
    for (char c : text) slug.push(c);
    return std::move(slug).finish();
  }
  for (char32_t c : code_points(text)) {
    if (c < 0x80)
      slug.push(static_cast<char>(c));
    else
      push_transliterated(slug, c);
  }
  return std::move(slug).finish();
}

// goldmark's "github" auto heading id as Hugo implements it: trimmed, ' ' and '-' become '-',
// letters, digits and '_' are kept lowercased, everything else is dropped. An empty result
// becomes "heading".
std::string hugo_heading_id(std::string_view text) {
  const std::u32string chars = code_points(text);
  auto first = std::find_if_not(chars.begin(), chars.end(), go_is_space);
  auto last = std::find_if_not(chars.rbegin(), std::make_reverse_iterator(first), go_is_space).base();
  std::string out;
  for (auto it = first; it != last; ++it) {
    const char32_t c = *it;
    if (c == ' ' || c == '-')
      out.push_back('-');
    else if (c == '_' || go_is_letter(c) || go_is_digit(c))
      append_utf8(out, go_to_lower(c));
  }
  return out.empty() ? "heading" : out;
}

bool hugo_path_char_allowed(const std::u32string& chars, std::size_t i) {
  const char32_t c = chars[i];
  if (go_is_letter(c) || go_is_digit(c) || go_is_mark(c)) return true;
  switch (c) {
    case '.':
    case '/':
    case '\\':
    case '_':
    case '#':
    case '+':
    case '~':
    case '-':
    case '@':
      return true;
    case '%':  // kept only as the start of a percent-escape
      return i + 2 < chars.size() && is_hex(chars[i + 1]) && is_hex(chars[i + 2]);
    default:
      return false;
  }
}

// Hugo's paths.Sanitize, then lowercasing unless `keep_case` (disablePathToLower):
// disallowed characters are dropped, and whitespace between kept characters becomes one '-'
// unless a '-' is already there.
std::string hugo_path(std::string_view name, bool keep_case) {
  const std::u32string chars = code_points(name);
  std::string out;
  bool pending_hyphen = false;
  bool last_was_hyphen = false;
  for (std::size_t i = 0; i < chars.size(); ++i) {
    const char32_t c = chars[i];
    if (hugo_path_char_allowed(chars, i)) {
      last_was_hyphen = c == '-';
      if (pending_hyphen && !last_was_hyphen) out.push_back('-');
      pending_hyphen = false;
      append_utf8(out, keep_case ? c : go_to_lower(c));
    } else if (!out.empty() && !last_was_hyphen && go_is_space(c)) {
      pending_hyphen = true;
    }
  }
  return out;
}

}  // namespace

std::string slugify_path(std::string_view name, SiteGenerator generator, bool keep_case) {
  return generator == SiteGenerator::zola ? zola_slug(name) : hugo_path(name, keep_case);
}

std::string heading_anchor(std::string_view heading_text, SiteGenerator generator) {
  return generator == SiteGenerator::zola ? zola_slug(heading_text) : hugo_heading_id(heading_text);
}

// The generators append "-1", "-2", ... and skip any candidate already on the page, a
// generated one included. The count kept per anchor only saves re-trying the numbers already
// known to be taken; the ids handed out are the same.
std::string AnchorSet::unique(const std::string& anchor) {
  if (seen_.try_emplace(anchor, 0U).second) return anchor;
  for (unsigned n = seen_[anchor] + 1;; ++n) {
    std::string candidate = anchor + "-" + std::to_string(n);
    if (seen_.try_emplace(candidate, 0U).second) {
      seen_[anchor] = n;
      return candidate;
    }
  }
}

}  // namespace clubsearch::indexer
