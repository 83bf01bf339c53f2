// Params: a request's query string decoded as an HTML form sends it, and the checks every
// route applies to its parameters (given once, whole numbers, flags, known names).
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clubsearch::api {

class Params {
 public:
  // `target` is the request target ("/path?a=1&b=2"); '+' is a space and %XX a byte.
  // Throws HttpError (400) for a query string that cannot be read.
  explicit Params(std::string_view target);

  // The values of `name`, in the order given.
  std::vector<std::string> values(const std::string& name) const;
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }
  // The parameters in a canonical order (by name; a name's values as given), for a
  // cache key: `a=1&b=2` and `b=2&a=1` ask the same.
  std::string canonical() const;

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

// The one value of a parameter that may be given once; nullopt when absent.
std::optional<std::string> single(const Params& params, const std::string& name);
// A whole number from `low` to `high` written in decimal digits.
std::size_t number(const std::string& text, const std::string& name, std::size_t low, std::size_t high);
// "1", "true" or "on"; "0", "false", "off" or nothing.
bool flag(const std::string& text, const std::string& name);
// Refuses the first parameter whose name is not in `known`, naming those that are.
void refuse_unknown(const Params& params, const std::set<std::string>& known);

}  // namespace clubsearch::api
