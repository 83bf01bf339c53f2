// Loads schemas/topics.toml.
#include "schemas/topic_taxonomy.h"

#include <functional>
#include <set>

#include "schemas/embedded.h"
#include "schemas/schema_error.h"
#include "schemas/toml_table.h"

namespace clubsearch::schemas {

TopicTaxonomy TopicTaxonomy::parse(std::string_view toml_text, std::string_view origin) {
  const toml::table root = detail::parse_toml(toml_text, origin);
  const std::string where(origin);
  const auto* topics = root.get_as<toml::array>("topic");
  if (topics == nullptr) throw SchemaError(where, 0, "missing [[topic]] tables");
  TopicTaxonomy taxonomy;
  taxonomy.fingerprint_ = std::hash<std::string_view>{}(toml_text);
  std::set<std::string> names;
  for (const toml::node& node : *topics) {
    const auto* table = node.as_table();
    if (table == nullptr) throw SchemaError(where, detail::line_of(node), "[[topic]] must be a table");
    Topic topic;
    topic.name = detail::required_string(*table, "name", origin);
    topic.phrases = detail::string_list(*table, "phrases", origin);
    topic.acronyms = detail::string_list(*table, "acronyms", origin);
    if (topic.phrases.empty() && topic.acronyms.empty())
      throw SchemaError(where, detail::line_of(node),
                        "topic '" + topic.name + "' has no phrases or acronyms");
    if (!names.insert(topic.name).second)
      throw SchemaError(where, detail::line_of(node), "topic '" + topic.name + "' declared twice");
    taxonomy.topics_.push_back(std::move(topic));
  }
  return taxonomy;
}

const TopicTaxonomy& TopicTaxonomy::builtin() {
  static const TopicTaxonomy taxonomy = parse(embedded_file("topics.toml"), "built-in topics.toml");
  return taxonomy;
}

}  // namespace clubsearch::schemas
