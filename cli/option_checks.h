// CLI11 checks for option values, so a bad value is refused with a clear message before
// the index is opened.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <string>

namespace clubsearch::cli {

// A whole number from 1 to `max`, written in digits; `rule` says what is allowed.
CLI::Validator count_check(const std::string& rule, std::size_t max);

// A date as the query layer reads it: "YYYY", "YYYY-MM" or "YYYY-MM-DD" (any of them), or
// exactly a year or a month.
enum class DateForm { any, year, month };
CLI::Validator date_check(DateForm form);

}  // namespace clubsearch::cli
