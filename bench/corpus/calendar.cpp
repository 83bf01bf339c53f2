// Calendar: std::chrono dates to the strings posts and URLs use.
#include "corpus/calendar.h"

namespace clubsearch::bench {

std::string two_digits(unsigned value) { return (value < 10 ? "0" : "") + std::to_string(value); }

std::string iso_date(std::chrono::year_month_day date) {
  return std::to_string(static_cast<int>(date.year())) + "-" +
         two_digits(static_cast<unsigned>(date.month())) + "-" +
         two_digits(static_cast<unsigned>(date.day()));
}

std::string compact_date(std::chrono::year_month_day date) {
  return std::to_string(static_cast<int>(date.year())) + two_digits(static_cast<unsigned>(date.month())) +
         two_digits(static_cast<unsigned>(date.day()));
}

std::chrono::year_month_day days_before(std::chrono::year_month_day date, int days) {
  return std::chrono::year_month_day{std::chrono::sys_days{date} - std::chrono::days{days}};
}

}  // namespace clubsearch::bench
