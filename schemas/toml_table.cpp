// Typed reads from TOML tables with errors that point at the offending line.
#include "schemas/toml_table.h"

#include <algorithm>

#include "schemas/schema_error.h"

namespace clubsearch::schemas::detail {

toml::table parse_toml(std::string_view text, std::string_view origin) {
  try {
    return toml::parse(text, origin);
  } catch (const toml::parse_error& error) {
    throw SchemaError(std::string(origin), error.source().begin.line, std::string(error.description()));
  }
}

unsigned line_of(const toml::node& node) { return node.source().begin.line; }

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return out;
}

std::string required_string(const toml::table& table, std::string_view key, std::string_view origin) {
  const toml::node* node = table.get(key);
  if (node == nullptr)
    throw SchemaError(std::string(origin), line_of(table), "missing key '" + std::string(key) + "'");
  const auto* value = node->as_string();
  if (value == nullptr || value->get().empty())
    throw SchemaError(std::string(origin), line_of(*node),
                      "'" + std::string(key) + "' must be a non-empty string");
  return value->get();
}

std::vector<std::string> string_list(const toml::table& table, std::string_view key,
                                     std::string_view origin) {
  std::vector<std::string> out;
  const toml::node* node = table.get(key);
  if (node == nullptr) return out;
  if (const auto* single = node->as_string()) {
    out.push_back(single->get());
    return out;
  }
  const auto* array = node->as_array();
  if (array == nullptr)
    throw SchemaError(std::string(origin), line_of(*node),
                      "'" + std::string(key) + "' must be a string or an array of strings");
  for (const toml::node& item : *array) {
    const auto* text = item.as_string();
    if (text == nullptr || text->get().empty())
      throw SchemaError(std::string(origin), line_of(item),
                        "'" + std::string(key) + "' must hold only non-empty strings");
    out.push_back(text->get());
  }
  return out;
}

}  // namespace clubsearch::schemas::detail
