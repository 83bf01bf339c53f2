// Loads schemas/synonyms.toml.
#include "schemas/synonym_table.h"

#include <functional>

#include "schemas/embedded.h"
#include "schemas/schema_error.h"
#include "schemas/toml_table.h"

namespace clubsearch::schemas {

SynonymTable SynonymTable::parse(std::string_view toml_text, std::string_view origin) {
  const toml::table root = detail::parse_toml(toml_text, origin);
  const std::string where(origin);
  const auto* groups = root.get_as<toml::array>("group");
  if (groups == nullptr) throw SchemaError(where, 0, "missing [[group]] tables");
  SynonymTable table;
  table.fingerprint_ = std::hash<std::string_view>{}(toml_text);
  for (const toml::node& node : *groups) {
    const auto* group = node.as_table();
    if (group == nullptr) throw SchemaError(where, detail::line_of(node), "[[group]] must be a table");
    auto terms = detail::string_list(*group, "terms", origin);
    if (terms.size() < 2)
      throw SchemaError(where, detail::line_of(node), "a synonym group needs at least two terms");
    table.groups_.push_back(std::move(terms));
  }
  return table;
}

const SynonymTable& SynonymTable::builtin() {
  static const SynonymTable table = parse(embedded_file("synonyms.toml"), "built-in synonyms.toml");
  return table;
}

}  // namespace clubsearch::schemas
