// Loads schemas/sources.toml and answers host → rule lookups.
#include "schemas/source_table.h"

#include <algorithm>
#include <functional>

#include "schemas/embedded.h"
#include "schemas/schema_error.h"
#include "schemas/toml_table.h"

namespace clubsearch::schemas {

namespace {

using detail::line_of;

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return out;
}

bool ends_with_ci(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && lowercase(text.substr(text.size() - suffix.size())) == suffix;
}

}  // namespace

SourceTable SourceTable::parse(std::string_view toml_text, std::string_view origin) {
  const toml::table root = detail::parse_toml(toml_text, origin);
  const std::string where(origin);
  SourceTable table;
  table.fingerprint_ = std::hash<std::string_view>{}(toml_text);
  table.kinds_ = detail::string_list(root, "kinds", origin);
  if (table.kinds_.empty()) throw SchemaError(where, 0, "'kinds' must list at least one kind");
  auto checked_kind = [&](const toml::node& node, const std::string& context) {
    const auto* text = node.as_string();
    if (text == nullptr ||
        std::find(table.kinds_.begin(), table.kinds_.end(), text->get()) == table.kinds_.end())
      throw SchemaError(where, line_of(node), context + ": kind must be one of the declared 'kinds'");
    return text->get();
  };

  const toml::node* fallback = root.get("fallback_kind");
  if (fallback == nullptr) throw SchemaError(where, 0, "missing key 'fallback_kind'");
  table.fallback_kind_ = checked_kind(*fallback, "fallback_kind");

  if (const auto* extensions = root.get_as<toml::table>("extensions")) {
    for (const auto& [key, node] : *extensions)
      table.extension_kinds_.emplace_back(lowercase(key.str()),
                                          checked_kind(node, "extension " + std::string(key.str())));
  }

  const auto* hosts = root.get_as<toml::table>("hosts");
  if (hosts == nullptr) throw SchemaError(where, 0, "missing table [hosts]");
  for (const auto& [key, node] : *hosts) {
    const std::string host = lowercase(key.str());
    const auto* entry = node.as_table();
    if (entry == nullptr) throw SchemaError(where, line_of(node), "host '" + host + "' must be a table");
    if (host.empty() || host.find('/') != std::string::npos || host.rfind("www.", 0) == 0)
      throw SchemaError(where, line_of(node), "host '" + host + "' must be a bare host name without www.");
    HostRule rule;
    rule.host = host;
    rule.source = detail::required_string(*entry, "source", origin);
    const toml::node* kind = entry->get("kind");
    if (kind == nullptr) throw SchemaError(where, line_of(node), "host '" + host + "' has no kind");
    rule.kind = checked_kind(*kind, "host " + host);
    if (const auto* paths = entry->get_as<toml::table>("paths")) {
      for (const auto& [path, path_kind] : *paths) {
        if (path.str().empty() || path.str().front() != '/')
          throw SchemaError(where, line_of(path_kind), "host '" + host + "': path must start with '/'");
        rule.path_kinds.emplace_back(std::string(path.str()), checked_kind(path_kind, "host " + host));
      }
      std::sort(rule.path_kinds.begin(), rule.path_kinds.end(),
                [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    }
    table.hosts_.emplace(host, std::move(rule));
  }
  return table;
}

const SourceTable& SourceTable::builtin() {
  static const SourceTable table = parse(embedded_file("sources.toml"), "built-in sources.toml");
  return table;
}

const HostRule* SourceTable::find(std::string_view host) const {
  if (host.rfind("www.", 0) == 0) host.remove_prefix(4);
  while (!host.empty()) {
    if (auto it = hosts_.find(std::string(host)); it != hosts_.end()) return &it->second;
    const auto dot = host.find('.');
    if (dot == std::string_view::npos) break;
    host.remove_prefix(dot + 1);
  }
  return nullptr;
}

const std::string& SourceTable::kind_for(const HostRule& rule, std::string_view path) const {
  for (const auto& [prefix, kind] : rule.path_kinds)
    if (path.rfind(prefix, 0) == 0) return kind;
  return rule.kind;
}

const std::string& SourceTable::kind_for_unknown(std::string_view path) const {
  for (const auto& [extension, kind] : extension_kinds_)
    if (ends_with_ci(path, extension)) return kind;
  return fallback_kind_;
}

}  // namespace clubsearch::schemas
