// Jekyll's post names, default titles and URL templates, as its Document, Utils and
// UrlDrop classes define them.
#include "indexer/jekyll.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <cctype>
#include <chrono>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>

#include "index/ascii.h"
#include "indexer/slug.h"

namespace clubsearch::indexer {

namespace {

icu::UnicodeString to_unicode(std::string_view text) {
  if (text.size() > static_cast<std::size_t>(std::numeric_limits<int32_t>::max()))
    throw std::length_error("jekyll: text too long");
  return icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
}

std::string to_utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

// Ruby's String#downcase and #capitalize (Unicode case mapping).
std::string downcase(std::string_view text) {
  icu::UnicodeString unicode = to_unicode(text);
  return to_utf8(unicode.toLower(icu::Locale::getRoot()));
}

std::string capitalize(std::string_view word) {
  icu::UnicodeString unicode = to_unicode(word);
  if (unicode.isEmpty()) return {};
  const UChar32 first = unicode.char32At(0);
  icu::UnicodeString rest = unicode.tempSubString(U16_LENGTH(first));
  rest.toLower(icu::Locale::getRoot());
  return to_utf8(icu::UnicodeString(u_totitle(first)) + rest);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Digits at `pos`, as many as the regular expression's \d{min,max} would take first.
std::size_t digits_at(std::string_view text, std::size_t pos, std::size_t max) {
  std::size_t count = 0;
  while (pos + count < text.size() && count < max && is_digit(text[pos + count])) ++count;
  return count;
}

int number(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

// The slug part: no extension (from the last '.'), no trailing dots.
std::string slug_of(std::string_view rest) {
  const std::size_t dot = rest.rfind('.');
  std::string slug(dot == std::string_view::npos ? rest : rest.substr(0, dot));
  while (!slug.empty() && slug.back() == '.') slug.pop_back();
  return slug;
}

// Document::DATE_FILENAME_MATCHER, \d{2,4}-\d{1,2}-\d{1,2}-(.*)\.ext, trying the longest
// runs of digits first as the regular expression does.
std::optional<JekyllName> dated_name(std::string_view name) {
  const std::size_t year_digits = digits_at(name, 0, 4);
  for (std::size_t y = year_digits; y >= 2; --y) {
    if (y >= name.size() || name[y] != '-') continue;
    const std::size_t month_at = y + 1;
    for (std::size_t m = digits_at(name, month_at, 2); m >= 1; --m) {
      const std::size_t day_at = month_at + m + 1;
      if (month_at + m >= name.size() || name[month_at + m] != '-') continue;
      for (std::size_t d = digits_at(name, day_at, 2); d >= 1; --d) {
        const std::size_t rest_at = day_at + d + 1;
        if (day_at + d >= name.size() || name[day_at + d] != '-') continue;
        const std::string_view rest = name.substr(rest_at);
        if (rest.rfind('.') == std::string_view::npos) continue;  // an extension is required
        int year = number(name.substr(0, y));
        if (y == 2) year += year >= 69 ? 1900 : 2000;  // Ruby's Time.parse completes two digits
        const std::string iso = std::to_string(year) + "-" + std::string(name.substr(month_at, m)) + "-" +
                                std::string(name.substr(day_at, d));
        const std::optional<index::Date> date = index::parse_date(iso);
        if (!date) return std::nullopt;  // Jekyll stops at an invalid date; it is no post here
        return JekyllName{date, slug_of(rest)};
      }
    }
  }
  return std::nullopt;
}

// `value` written with at least `width` digits, zeros in front.
std::string padded(int value, std::size_t width) {
  std::string text = std::to_string(value);
  return text.size() >= width ? text : std::string(width - text.size(), '0') + text;
}

std::string two_digits(int value) { return padded(value, 2); }

constexpr std::array<const char*, 12> kMonths{"January",   "February", "March",    "April",
                                              "May",       "June",     "July",     "August",
                                              "September", "October",  "November", "December"};
constexpr std::array<const char*, 7> kDays{"Monday", "Tuesday",  "Wednesday", "Thursday",
                                           "Friday", "Saturday", "Sunday"};

// The date's placeholders: strftime's %Y %m %d %-m %-d %y %j %b %B %G %V %u %a %A.
void add_date(const index::Date& date, std::map<std::string, std::string>& values) {
  using namespace std::chrono;
  const year_month_day ymd{year{date.year}, month{static_cast<unsigned>(date.month)},
                           day{static_cast<unsigned>(date.day)}};
  const sys_days days{ymd};
  const unsigned iso_weekday = weekday{days}.iso_encoding();  // 1 = Monday
  const sys_days thursday = days + std::chrono::days{4 - static_cast<int>(iso_weekday)};
  const year week_year = year_month_day{thursday}.year();
  const int week = static_cast<int>((thursday - sys_days{week_year / January / 1}).count()) / 7 + 1;
  const int year_day = static_cast<int>((days - sys_days{ymd.year() / January / 1}).count()) + 1;
  const std::string month_name = kMonths[static_cast<std::size_t>(date.month - 1)];
  const std::string day_name = kDays[iso_weekday - 1];
  values["year"] = std::to_string(date.year);
  values["month"] = two_digits(date.month);
  values["day"] = two_digits(date.day);
  values["i_month"] = std::to_string(date.month);
  values["i_day"] = std::to_string(date.day);
  values["short_year"] = two_digits(date.year % 100);
  values["y_day"] = padded(year_day, 3);
  values["short_month"] = month_name.substr(0, 3);
  values["long_month"] = month_name;
  values["w_year"] = std::to_string(static_cast<int>(week_year));
  values["week"] = two_digits(week);
  values["w_day"] = std::to_string(iso_weekday);
  values["short_day"] = day_name.substr(0, 3);
  values["long_day"] = day_name;
  // Only dates are kept: a post's time of day is midnight.
  values["hour"] = values["minute"] = values["second"] = "00";
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : "/") + part;
  return out;
}

std::map<std::string, std::string> placeholders(const JekyllDocument& document) {
  std::map<std::string, std::string> values;
  values["output_ext"] = ".html";
  if (!document.post) {
    values["path"] = document.folder;
    values["basename"] = document.basename;
    return values;
  }
  // Undated (a draft whose name has no date): Jekyll would take the file's modification
  // time; a draft is not on the site, and its date placeholders are left empty.
  if (document.date) add_date(*document.date, values);
  for (const char* name :
       {"year", "month", "day", "i_month", "i_day", "short_year", "y_day", "short_month", "long_month",
        "w_year", "week", "w_day", "short_day", "long_day", "hour", "minute", "second"})
    values.try_emplace(name);
  values["title"] = jekyll_slugify(document.slug, JekyllSlugMode::pretty, true);
  values["slug"] = jekyll_slugify(document.slug, JekyllSlugMode::default_mode);
  values["name"] = jekyll_slugify(document.basename, JekyllSlugMode::default_mode);
  values["path"] = document.path_in_collection;
  values["collection"] = "posts";
  std::vector<std::string> categories, slugified;
  std::set<std::string> seen, seen_slugs;
  for (const std::string& category : document.categories) {
    if (seen.insert(downcase(category)).second) categories.push_back(downcase(category));
    const std::string slug = jekyll_slugify(category, JekyllSlugMode::default_mode);
    if (seen_slugs.insert(slug).second) slugified.push_back(slug);
  }
  values["categories"] = join(categories);
  values["slugified_categories"] = join(slugified);
  return values;
}

// URL.escape_path, but for non-ASCII characters, which stay as they are.
std::string escape_path(const std::string& value) {
  constexpr std::string_view kKept = "-._~!$&'()*+,;=:@/";
  std::string out;
  for (char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 || (byte < 0x80 && std::isalnum(byte)) || kKept.find(c) != std::string_view::npos) {
      out.push_back(c);
      continue;
    }
    constexpr std::string_view kHex = "0123456789ABCDEF";
    out += '%';
    out += kHex[byte >> 4];
    out += kHex[byte & 0xF];
  }
  return out;
}

bool placeholder_char(char c) { return (c >= 'a' && c <= 'z') || c == '_'; }

}  // namespace

std::optional<JekyllName> jekyll_post_name(std::string_view file_name) { return dated_name(file_name); }

JekyllName jekyll_draft_name(std::string_view file_name) {
  if (auto dated = dated_name(file_name)) return *dated;
  return JekyllName{std::nullopt, slug_of(file_name)};
}

std::string jekyll_title(std::string_view slug) {
  std::vector<std::string_view> words;
  for (std::size_t start = 0;;) {
    const std::size_t dash = slug.find('-', start);
    words.push_back(
        slug.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start));
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  while (!words.empty() && words.back().empty()) words.pop_back();  // as Ruby's split drops them
  std::string title;
  for (std::size_t i = 0; i < words.size(); ++i) title += (i == 0 ? "" : " ") + capitalize(words[i]);
  return title;
}

std::string jekyll_page_template(const std::string& permalink_style, const std::string& basename) {
  if (basename == "index") return "/:path/";
  const std::string base = "/:path/:basename";
  if (permalink_style == "pretty") return base + "/";
  if (permalink_style == "date" || permalink_style == "ordinal" || permalink_style == "none" ||
      permalink_style == "weekdate")
    return base + ":output_ext";
  std::string out = base;
  if (permalink_style.ends_with('/')) out += "/";
  if (permalink_style.ends_with(":output_ext")) out += ":output_ext";
  return out;
}

std::string jekyll_url(const std::string& url_template, const JekyllDocument& document) {
  const std::map<std::string, std::string> values = placeholders(document);
  std::string url;
  for (std::size_t pos = 0; pos < url_template.size();) {
    std::size_t end = pos + 1;
    while (url_template[pos] == ':' && end < url_template.size() && placeholder_char(url_template[end]))
      ++end;
    if (end == pos + 1) {
      url.push_back(url_template[pos++]);
      continue;
    }
    std::string name = url_template.substr(pos + 1, end - pos - 1);
    auto value = values.find(name);
    if (value == values.end() && name.ends_with('_')) {  // ":title_" reads ":title" and keeps the '_'
      value = values.find(name.substr(0, name.size() - 1));
      if (value != values.end()) --end;
    }
    url += value == values.end() ? url_template.substr(pos, end - pos) : escape_path(value->second);
    pos = end;
  }
  std::string clean = "/";
  for (char c : url)
    if (c != '/' || clean.back() != '/') clean.push_back(c);
  return clean;
}

}  // namespace clubsearch::indexer
