// Calendar: the date arithmetic and formatting shared by front matter and URL paths.
#pragma once

#include <chrono>
#include <string>

namespace clubsearch::bench {

std::string two_digits(unsigned value);                      // 7 -> "07"
std::string iso_date(std::chrono::year_month_day date);      // "2024-07-10"
std::string compact_date(std::chrono::year_month_day date);  // "20240710"
std::chrono::year_month_day days_before(std::chrono::year_month_day date, int days);

}  // namespace clubsearch::bench
