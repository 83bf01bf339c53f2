// Helpers shared by the schema loaders: parse TOML text and read typed keys, turning
// every problem into a SchemaError that names the table and the line.
#pragma once

#include <toml++/toml.h>

#include <string>
#include <string_view>
#include <vector>

namespace clubsearch::schemas::detail {

toml::table parse_toml(std::string_view text, std::string_view origin);

unsigned line_of(const toml::node& node);

std::string required_string(const toml::table& table, std::string_view key, std::string_view origin);

// ASCII letters lowercased, other bytes as they are: the tables' hosts and names.
std::string lowercase(std::string_view text);
// A string or an array of strings; absent gives an empty vector.
std::vector<std::string> string_list(const toml::table& table, std::string_view key, std::string_view origin);

}  // namespace clubsearch::schemas::detail
