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
using detail::lowercase;

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

  table.article_kind_ = table.fallback_kind_;
  if (const toml::node* article = root.get("article_kind"))
    table.article_kind_ = checked_kind(*article, "article_kind");

  if (const auto* extensions = root.get_as<toml::table>("extensions")) {
    for (const auto& [key, node] : *extensions)
      table.extension_kinds_.emplace_back(lowercase(key.str()),
                                          checked_kind(node, "extension " + std::string(key.str())));
  }

  if (const toml::node* rules = root.get("url_kind")) {
    const auto* array = rules->as_array();
    if (array == nullptr)
      throw SchemaError(where, line_of(*rules), "'url_kind' must be an array of tables ([[url_kind]])");
    for (const toml::node& node : *array) {
      const auto* entry = node.as_table();
      if (entry == nullptr) throw SchemaError(where, line_of(node), "each [[url_kind]] must be a table");
      UrlKindRule rule;
      const toml::node* kind = entry->get("kind");
      if (kind == nullptr) throw SchemaError(where, line_of(node), "a [[url_kind]] has no kind");
      rule.kind = checked_kind(*kind, "url_kind");
      for (std::string& segment : detail::string_list(*entry, "path_segments", origin))
        rule.path_segments.push_back(lowercase(segment));
      for (std::string& label : detail::string_list(*entry, "host_labels", origin))
        rule.host_labels.push_back(lowercase(label));
      for (std::string& segment : detail::string_list(*entry, "first_segments", origin))
        rule.first_segments.push_back(lowercase(segment));
      for (std::string& word : detail::string_list(*entry, "host_words", origin))
        rule.host_words.push_back(lowercase(word));
      rule.path_prefixes = detail::string_list(*entry, "path_prefixes", origin);
      for (const std::string& prefix : rule.path_prefixes)
        if (prefix.empty() || prefix.front() != '/')
          throw SchemaError(where, line_of(node),
                            "url_kind " + rule.kind + ": path prefix must start with '/'");
      for (const auto& [key, flag] :
           {std::pair{"doi", &rule.doi}, std::pair{"article_number", &rule.article_number}}) {
        const toml::node* value = entry->get(key);
        if (value == nullptr) continue;
        if (!value->is_boolean())
          throw SchemaError(where, line_of(*value),
                            "url_kind " + rule.kind + ": " + key + " must be true or false");
        *flag = value->as_boolean()->get();
      }
      if (rule.path_segments.empty() && rule.first_segments.empty() && rule.host_labels.empty() &&
          rule.host_words.empty() && rule.path_prefixes.empty() && !rule.doi && !rule.article_number)
        throw SchemaError(where, line_of(node), "url_kind " + rule.kind + " matches nothing");
      table.url_kinds_.push_back(std::move(rule));
    }
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
    if (const toml::node* authors = entry->get("author_subdomains")) {
      if (!authors->is_boolean())
        throw SchemaError(where, line_of(*authors),
                          "host '" + host + "': author_subdomains must be true or false");
      rule.author_subdomains = authors->as_boolean()->get();
    }
    if (const toml::node* paths = entry->get("author_paths")) {
      const auto* text = paths->as_string();
      if (text == nullptr || text->get().size() < 2 || text->get().front() != '/')
        throw SchemaError(where, line_of(*paths),
                          "host '" + host + "': author_paths must be a path start such as \"/@\"");
      rule.author_paths = text->get();
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

const std::string* SourceTable::path_kind(const HostRule& rule, std::string_view path) const {
  for (const auto& [prefix, kind] : rule.path_kinds)
    if (path.rfind(prefix, 0) == 0) return &kind;
  return nullptr;
}

const std::string& SourceTable::kind_for(const HostRule& rule, std::string_view path) const {
  const std::string* kind = path_kind(rule, path);
  return kind != nullptr ? *kind : rule.kind;
}

const std::string* SourceTable::extension_kind(std::string_view path) const {
  for (const auto& [extension, kind] : extension_kinds_)
    if (ends_with_ci(path, extension)) return &kind;
  return nullptr;
}

bool SourceTable::remove_host(std::string_view host) { return hosts_.erase(std::string(host)) > 0; }

std::vector<std::string> SourceTable::hosts() const {
  std::vector<std::string> out;
  out.reserve(hosts_.size());
  for (const auto& [host, rule] : hosts_) out.push_back(host);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace clubsearch::schemas
