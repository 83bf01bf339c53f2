// Zola's, Hugo's and Jekyll's slug rules, reproduced so permalinks and deep links match the
// real site.
#include "indexer/slug.h"

#include <unicode/locid.h>
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

// Ruby's String#downcase: full Unicode lowercasing.
std::string ruby_downcase(std::string_view text) {
  if (is_ascii(text)) return index::ascii_lowercase(std::string(text));
  std::string out;
  to_unicode(text).toLower(icu::Locale::getRoot()).toUTF8String(out);
  return out;
}

bool has_category(char32_t c, std::uint32_t mask) {
  return (U_MASK(u_charType(static_cast<UChar32>(c))) & mask) != 0;
}

// Onigmo's [[:alnum:]] on Unicode text: letters, marks and decimal digits.
bool ruby_alnum(char32_t c) {
  if (c < 0x80) return is_ascii_alnum(c);
  return has_category(c, U_GC_L_MASK | U_GC_M_MASK | U_GC_ND_MASK);
}

// Onigmo's \p{Word} (Unicode's word characters): alphabetic, marks, decimal digits,
// connector punctuation and joiners.
bool ruby_word(char32_t c) {
  if (c < 0x80) return is_ascii_alnum(c) || c == '_';
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_ALPHABETIC) ||
         has_category(c, U_GC_M_MASK | U_GC_ND_MASK | U_GC_PC_MASK) ||
         u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_JOIN_CONTROL);
}

bool jekyll_pretty_char(char32_t c) {
  return ruby_alnum(c) || (c < 0x80 && std::string_view("._~!$&'()+,;=@").find(static_cast<char>(c)) !=
                                           std::string_view::npos);
}

// kramdown's typographic symbols, as far as ids see them: "---" is an em dash and "--" an
// en dash, both dropped by the id rules, so a run of n hyphens leaves one when n % 3 == 1.
std::string kramdown_dashes(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] != '-') {
      out.push_back(text[i++]);
      continue;
    }
    std::size_t run = 0;
    while (i < text.size() && text[i] == '-') ++i, ++run;
    if (run % 3 == 1) out.push_back('-');
  }
  return out;
}

// kramdown-parser-gfm's generate_gfm_header_id: lowercased, every character that is not a
// word character, '-', ' ' or '\t' dropped, then ' ' and '\t' become '-' one for one.
std::string kramdown_gfm_id(std::string_view text) {
  std::string out;
  for (char32_t c : code_points(ruby_downcase(kramdown_dashes(text)))) {
    if (c == ' ' || c == '\t')
      out.push_back('-');
    else if (c == '-' || ruby_word(c))
      append_utf8(out, c);
  }
  return out;
}

// kramdown's own generate_id (input: kramdown): leading characters up to the first ASCII
// letter dropped, then everything but ASCII letters, digits, ' ' and '-', spaces become
// '-', lowercased; "section" when nothing is left.
std::string kramdown_id(std::string_view text) {
  const std::string dashed = kramdown_dashes(text);
  std::string out;
  bool letter_seen = false;
  for (char c : dashed) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    letter_seen = letter_seen || letter;
    if (!letter_seen) continue;
    if (letter || (c >= '0' && c <= '9') || c == '-')
      out.push_back(index::ascii_lower(c));
    else if (c == ' ')
      out.push_back('-');
  }
  return out.empty() ? "section" : out;
}

// Zola's anchors = "safe" or "off": the heading as written, ASCII whitespace as '_'.
std::string zola_safe_anchor(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r') c = '_';
  return out;
}

}  // namespace

const char* generator_name(SiteGenerator generator) {
  switch (generator) {
    case SiteGenerator::hugo:
      return "hugo";
    case SiteGenerator::jekyll:
      return "jekyll";
    case SiteGenerator::zola:
      break;
  }
  return "zola";
}

AnchorStyle default_anchor_style(SiteGenerator generator) {
  switch (generator) {
    case SiteGenerator::hugo:
      return AnchorStyle::goldmark;
    case SiteGenerator::jekyll:
      return AnchorStyle::kramdown_gfm;
    case SiteGenerator::zola:
      break;
  }
  return AnchorStyle::zola_on;
}

std::string slugify_path(std::string_view name, SiteGenerator generator, bool keep_case) {
  switch (generator) {
    case SiteGenerator::hugo:
      return hugo_path(name, keep_case);
    case SiteGenerator::jekyll:
      return jekyll_slugify(name, JekyllSlugMode::default_mode, keep_case);
    case SiteGenerator::zola:
      break;
  }
  return zola_slug(name);
}

std::string zola_slugify_path(std::string_view name, SlugStrategy strategy) {
  switch (strategy) {
    case SlugStrategy::on:
      return zola_slug(name);
    case SlugStrategy::off:
      return std::string(name);
    case SlugStrategy::safe:
      break;
  }
  while (!name.empty() && (name.back() == ' ' || name.back() == '.')) name.remove_suffix(1);
  std::string out;
  for (char c : name)
    if (std::string_view("<>:\"/\\|?*").find(c) == std::string_view::npos) out.push_back(c);
  return out;
}

std::string jekyll_slugify(std::string_view text, JekyllSlugMode mode, bool cased) {
  std::string out;
  bool in_run = false;
  for (char32_t c : code_points(text)) {
    const bool kept = mode == JekyllSlugMode::pretty ? jekyll_pretty_char(c) : ruby_alnum(c);
    if (kept) {
      append_utf8(out, c);
      in_run = false;
    } else if (!in_run) {
      out.push_back('-');
      in_run = true;
    }
  }
  if (!out.empty() && out.front() == '-') out.erase(0, 1);
  if (!out.empty() && out.back() == '-') out.pop_back();
  return cased ? out : ruby_downcase(out);
}

std::string heading_anchor(std::string_view heading_text, AnchorStyle style) {
  switch (style) {
    case AnchorStyle::zola_on:
      return zola_slug(heading_text);
    case AnchorStyle::zola_safe:
      return zola_safe_anchor(heading_text);
    case AnchorStyle::goldmark:
    case AnchorStyle::goldmark_source:
      return hugo_heading_id(heading_text);
    case AnchorStyle::kramdown_gfm:
      return kramdown_gfm_id(heading_text);
    case AnchorStyle::kramdown:
      return kramdown_id(heading_text);
    case AnchorStyle::none:
      break;
  }
  return {};
}

std::string heading_anchor(std::string_view heading_text, SiteGenerator generator) {
  return heading_anchor(heading_text, default_anchor_style(generator));
}

// Zola and Hugo append "-1", "-2", ... and skip any candidate already on the page, a
// generated one included. The count kept per anchor only saves re-trying the numbers already
// known to be taken; the ids handed out are the same. kramdown only counts: its n-th "intro"
// is "intro-(n-1)" even when a heading already has that id.
std::string AnchorSet::unique(const std::string& anchor) {
  if (style_ == AnchorStyle::none) return {};
  if (style_ == AnchorStyle::kramdown_gfm || style_ == AnchorStyle::kramdown) {
    const auto [count, first] = seen_.try_emplace(anchor, 0U);
    if (first) return anchor;
    return anchor + "-" + std::to_string(++count->second);
  }
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
