// Date: a calendar date as a post's front matter or file name gives it.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace clubsearch::index {

struct Date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31, valid for the month

  auto operator<=>(const Date&) const = default;

  std::string iso() const;       // "2024-07-10"
  std::string yyyymmdd() const;  // "20240710"
  std::string yyyymm() const;    // "202407"

  // Today's date in UTC.
  static Date today();
};

// Parses the date part of every form seen in front matter: "2024-07-10",
// "2024/07/10", "2024-07-10T10:00:00+01:00", "2024-07-10 10:00:00 +0100", "2024-7-1".
// Time and offset are ignored: the post's date is the calendar date as written.
// Returns nullopt for anything that is not a valid date.
std::optional<Date> parse_date(std::string_view text);

// A "YYYY-MM-DD-" or "YYYY-MM-DD_" prefix of a file name (Jekyll and Zola date posts this way).
std::optional<Date> date_from_file_name(std::string_view file_name);

}  // namespace clubsearch::index
