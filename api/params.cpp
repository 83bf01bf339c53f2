// Decoding query strings (uriparser) and checking single parameters.
#include "api/params.h"

#include <uriparser/Uri.h>

#include <algorithm>

#include "api/http_error.h"

namespace clubsearch::api {

Params::Params(std::string_view target) {
  const auto question = target.find('?');
  if (question == std::string_view::npos) return;
  const std::string_view query = target.substr(question + 1, target.find('#') - question - 1);
  if (query.empty()) return;
  // uriparser decodes into C strings: a NUL would cut a name or a value short
  // ("q=atten%00tion" would search "atten"). No parameter may hold one.
  for (std::size_t at = query.find('%'); at != std::string_view::npos; at = query.find('%', at + 1))
    if (query.substr(at + 1, 2) == "00")
      throw HttpError{400, "the query string holds a NUL byte (%00) at offset " + std::to_string(at) +
                               "; no parameter may contain one"};
  UriQueryListA* list = nullptr;
  int count = 0;
  if (uriDissectQueryMallocExA(&list, &count, query.data(), query.data() + query.size(), URI_TRUE,
                               URI_BR_DONT_TOUCH) != URI_SUCCESS)
    throw HttpError{400, "the query string cannot be read"};
  for (const UriQueryListA* item = list; item != nullptr; item = item->next)
    items_.emplace_back(item->key, item->value != nullptr ? item->value : "");
  uriFreeQueryListA(list);
}

std::vector<std::string> Params::values(const std::string& name) const {
  std::vector<std::string> out;
  for (const auto& [key, value] : items_)
    if (key == name) out.push_back(value);
  return out;
}

std::string Params::canonical() const {
  std::vector<std::pair<std::string, std::string>> sorted = items_;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out;
  for (const auto& [key, value] : sorted) out += key + '\x1f' + value + '\x1e';
  return out;
}

std::optional<std::string> single(const Params& params, const std::string& name) {
  const std::vector<std::string> values = params.values(name);
  if (values.empty()) return std::nullopt;
  if (values.size() > 1)
    throw HttpError{400, "'" + name + "' is given " + std::to_string(values.size()) + " times; give it once",
                    name};
  return values.front();
}

std::size_t number(const std::string& text, const std::string& name, std::size_t low, std::size_t high) {
  const bool digits =
      !text.empty() && text.size() <= 9 && text.find_first_not_of("0123456789") == std::string::npos;
  const std::size_t value = digits ? std::stoul(text) : 0;
  if (!digits || value < low || value > high)
    throw HttpError{400,
                    "'" + name + "' must be a whole number from " + std::to_string(low) + " to " +
                        std::to_string(high) + ", not '" + text + "'",
                    name};
  return value;
}

bool flag(const std::string& text, const std::string& name) {
  if (text == "1" || text == "true" || text == "on") return true;
  if (text == "0" || text == "false" || text == "off" || text.empty()) return false;
  throw HttpError{400, "'" + name + "' must be true or false, not '" + text + "'", name};
}

void refuse_unknown(const Params& params, const std::set<std::string>& known) {
  for (const auto& [name, value] : params.items()) {
    if (known.count(name) == 0) {
      std::string list;
      for (const std::string& each : known) list += (list.empty() ? "" : ", ") + each;
      throw HttpError{400, "unknown parameter '" + name + "'; this route takes " + list, name};
    }
  }
}

}  // namespace clubsearch::api
