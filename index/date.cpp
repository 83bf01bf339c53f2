// Parsing of the date forms found in front matter and file names.
#include "index/date.h"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace clubsearch::index {

namespace {

bool valid(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return std::chrono::year_month_day(std::chrono::year(year),
                                     std::chrono::month(static_cast<unsigned>(month)),
                                     std::chrono::day(static_cast<unsigned>(day)))
      .ok();
}

// Reads 1..max_digits digits at `pos`, advancing it.
std::optional<int> read_number(std::string_view text, std::size_t& pos, std::size_t max_digits) {
  std::size_t end = pos;
  while (end < text.size() && end - pos < max_digits && text[end] >= '0' && text[end] <= '9') ++end;
  if (end == pos) return std::nullopt;
  int value = 0;
  std::from_chars(text.data() + pos, text.data() + end, value);
  pos = end;
  return value;
}

// Zero-padded so that "0999" sorts before "2024" wherever dates are compared as text.
std::string padded(int value, int width) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%0*d", width, value);
  return buffer;
}

// A time after the date starts with an hour and minutes: "T10:00", " 9:30:00 +0100".
bool time_follows(std::string_view text, std::size_t pos) {
  if (pos == text.size()) return true;
  if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') return false;
  ++pos;
  if (!read_number(text, pos, 2) || pos >= text.size() || text[pos] != ':') return false;
  const std::size_t minutes = ++pos;
  return read_number(text, pos, 2) && pos - minutes == 2;
}

}  // namespace

std::string Date::iso() const { return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2); }
std::string Date::yyyymmdd() const { return padded(year, 4) + padded(month, 2) + padded(day, 2); }
std::string Date::yyyymm() const { return padded(year, 4) + padded(month, 2); }

Date Date::today() {
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day ymd(now);
  return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

std::optional<Date> parse_date(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  std::size_t pos = 0;
  const auto year = read_number(text, pos, 4);
  if (!year || pos != 4 || pos >= text.size()) return std::nullopt;
  const char separator = text[pos];
  if (separator != '-' && separator != '/') return std::nullopt;
  ++pos;
  const auto month = read_number(text, pos, 2);
  if (!month || pos >= text.size() || text[pos] != separator) return std::nullopt;
  ++pos;
  const auto day = read_number(text, pos, 2);
  if (!day || !valid(*year, *month, *day) || !time_follows(text, pos)) return std::nullopt;
  return Date{*year, *month, *day};
}

std::optional<Date> date_from_file_name(std::string_view file_name) {
  // Jekyll separates the date from the name with '-', Zola with '-' or '_'.
  if (file_name.size() < 11 || (file_name[10] != '-' && file_name[10] != '_')) return std::nullopt;
  const std::string_view prefix = file_name.substr(0, 10);
  if (prefix[4] != '-' || prefix[7] != '-') return std::nullopt;
  return parse_date(prefix);
}

}  // namespace clubsearch::index
