// Checks for option values.
#include "cli/option_checks.h"

#include "query/search_request.h"

namespace clubsearch::cli {

CLI::Validator count_check(const std::string& rule, std::size_t max) {
  // Digits only: CLI11 would read "-1" as the largest std::size_t.
  return CLI::Validator(
      [rule, max](std::string& value) -> std::string {
        const bool digits = !value.empty() && value.size() <= 19 &&
                            value.find_first_not_of("0123456789") == std::string::npos;
        const std::size_t count = digits ? std::stoull(value) : 0;
        return count >= 1 && count <= max ? std::string() : "'" + value + "': " + rule;
      },
      "");
}

CLI::Validator date_check(DateForm form) {
  const std::string written = form == DateForm::year    ? "YYYY"
                              : form == DateForm::month ? "YYYY-MM"
                                                        : "YYYY, YYYY-MM or YYYY-MM-DD";
  const std::size_t size = form == DateForm::year ? 4 : form == DateForm::month ? 7 : 0;
  return CLI::Validator(
      [written, size](std::string& value) -> std::string {
        try {
          if ((size == 0 || value.size() == size) && !query::date_bound(value, false, "date").empty())
            return {};
        } catch (const query::RequestError&) {
        }
        return "'" + value + "' is not a date: write " + written;
      },
      written);
}

}  // namespace clubsearch::cli
