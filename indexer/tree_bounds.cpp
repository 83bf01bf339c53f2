// Counting a YAML document's values as a reader walks them, aliases expanded.
#include "indexer/tree_bounds.h"

namespace clubsearch::indexer {

namespace {

enum class Walk { within, too_deep, too_many };

// Stops at the first bound crossed, so that it never walks more than the bounds allow.
Walk walk(const YAML::Node& node, int depth, std::size_t& values) {
  if (++values > kMaxTreeValues) return Walk::too_many;
  if (!node.IsMap() && !node.IsSequence()) return Walk::within;
  if (depth > kMaxTreeDepth) return Walk::too_deep;
  for (const auto& item : node) {
    // A map's items are key and value pairs; a sequence's are the values themselves.
    const Walk result = node.IsMap() ? walk(item.second, depth + 1, values) : walk(item, depth + 1, values);
    if (result != Walk::within) return result;
  }
  return Walk::within;
}

}  // namespace

std::optional<std::string> yaml_beyond_bounds(const YAML::Node& root) {
  std::size_t values = 0;
  switch (walk(root, 1, values)) {
    case Walk::within:
      return std::nullopt;
    case Walk::too_deep:
      return json_too_deep();
    case Walk::too_many:
      return "holds more than " + std::to_string(kMaxTreeValues) +
             " values (counting what each alias stands for)";
  }
  return std::nullopt;
}

std::string json_too_deep() { return "is nested deeper than " + std::to_string(kMaxTreeDepth) + " levels"; }

}  // namespace clubsearch::indexer
