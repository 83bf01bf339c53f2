// Loads schemas/urls.toml.
#include "schemas/url_rules.h"

#include <algorithm>
#include <functional>

#include "schemas/embedded.h"
#include "schemas/schema_error.h"
#include "schemas/toml_table.h"

namespace clubsearch::schemas {

namespace {

using detail::line_of;
using detail::lowercase;

bool host_is_or_under(std::string_view host, std::string_view domain) {
  return host == domain || (host.size() > domain.size() && host.ends_with(domain) &&
                            host[host.size() - domain.size() - 1] == '.');
}

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> out;
  while (true) {
    const auto at = text.find(separator);
    out.emplace_back(text.substr(0, at));
    if (at == std::string_view::npos) return out;
    text.remove_prefix(at + 1);
  }
}

bool is_name(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Bare hosts: lowercase, no scheme, path or "www.".
std::vector<std::string> host_list(const toml::table& table, std::string_view key, std::string_view origin) {
  std::vector<std::string> hosts = detail::string_list(table, key, origin);
  for (std::string& host : hosts) {
    host = lowercase(host);
    if (host.find_first_of("/:?# ") != std::string::npos || host.rfind("www.", 0) == 0 ||
        host.find('.') == std::string::npos)
      throw SchemaError(std::string(origin), line_of(*table.get(key)),
                        "'" + host + "' must be a bare host name, like example.org");
  }
  return hosts;
}

const toml::array* tables_of(const toml::table& root, std::string_view key, std::string_view origin) {
  const toml::node* node = root.get(key);
  if (node == nullptr) return nullptr;
  const auto* array = node->as_array();
  if (array == nullptr || !array->is_array_of_tables())
    throw SchemaError(std::string(origin), line_of(*node),
                      "'" + std::string(key) + "' must be an array of tables ([[" + std::string(key) + "]])");
  return array;
}

PathRule path_rule(const toml::table& entry, std::string_view origin) {
  const std::string where(origin);
  PathRule rule;
  rule.hosts = host_list(entry, "hosts", origin);
  if (rule.hosts.empty()) throw SchemaError(where, line_of(entry), "a [[path]] has no hosts");
  for (const std::string& pattern : detail::string_list(entry, "paths", origin)) {
    if (pattern.size() < 2 || pattern.front() != '/' || pattern.find_first_of("?#") != std::string::npos)
      throw SchemaError(where, line_of(entry), "path pattern '" + pattern + "' must be a path like /posts/{id}");
    std::vector<std::string> segments = split(std::string_view(pattern).substr(1), '/');
    for (const std::string& segment : segments)
      if (segment.empty() || ((segment.front() == '{' || segment.back() == '}') && !is_name(segment)))
        throw SchemaError(where, line_of(entry), "path pattern '" + pattern + "' has an empty or malformed segment");
    rule.patterns.push_back(std::move(segments));
  }
  if (rule.patterns.empty()) throw SchemaError(where, line_of(entry), "a [[path]] has no paths");

  const std::string key = detail::required_string(entry, "key", origin);
  const auto question = key.find('?');
  const std::string path_part = key.substr(0, question);
  const auto slash = path_part.find('/');
  if (slash == std::string::npos)
    throw SchemaError(where, line_of(entry), "key '" + key + "' must be /path or host/path");
  rule.key_host = lowercase(path_part.substr(0, slash));
  rule.key_segments = split(std::string_view(path_part).substr(slash + 1), '/');
  if (question != std::string::npos)
    for (const std::string& pair : split(std::string_view(key).substr(question + 1), '&')) {
      const auto equals = pair.find('=');
      if (equals == 0 || equals == std::string::npos)
        throw SchemaError(where, line_of(entry), "key '" + key + "' has a parameter without name=value");
      rule.key_params.emplace_back(pair.substr(0, equals), pair.substr(equals + 1));
    }
  // Every name the key uses is bound by every pattern.
  std::vector<std::string> used;
  for (const std::string& segment : rule.key_segments)
    if (is_name(segment)) used.push_back(segment);
  for (const auto& [name, value] : rule.key_params)
    if (is_name(value)) used.push_back(value);
  for (const auto& pattern : rule.patterns)
    for (const std::string& name : used)
      if (!contains(pattern, name))
        throw SchemaError(where, line_of(entry), "key '" + key + "' uses " + name + ", which a path of the rule lacks");
  return rule;
}

}  // namespace

UrlRules UrlRules::parse(std::string_view toml_text, std::string_view origin) {
  const toml::table root = detail::parse_toml(toml_text, origin);
  const std::string where(origin);
  UrlRules rules;
  rules.fingerprint_ = std::hash<std::string_view>{}(toml_text);
  rules.default_documents_ = detail::string_list(root, "default_documents", origin);

  if (const auto* tracking = root.get_as<toml::table>("tracking")) {
    for (const std::string& name : detail::string_list(*tracking, "names", origin))
      rules.tracking_names_.push_back(lowercase(name));
    for (const std::string& prefix : detail::string_list(*tracking, "prefixes", origin))
      rules.tracking_prefixes_.push_back(lowercase(prefix));
  }
  if (const toml::array* params = tables_of(root, "params", origin))
    for (const toml::node& node : *params) {
      const toml::table& entry = *node.as_table();
      HostParams host_params;
      host_params.hosts = host_list(entry, "hosts", origin);
      for (const std::string& name : detail::string_list(entry, "drop", origin))
        host_params.drop.push_back(lowercase(name));
      for (const std::string& name : detail::string_list(entry, "keep", origin))
        host_params.keep.push_back(lowercase(name));
      if (host_params.hosts.empty())
        throw SchemaError(where, line_of(entry), "a [[params]] has no hosts");
      rules.host_params_.push_back(std::move(host_params));
    }
  if (const toml::array* mirrors = tables_of(root, "mirror", origin))
    for (const toml::node& node : *mirrors) {
      const toml::table& entry = *node.as_table();
      const std::string key = lowercase(detail::required_string(entry, "key", origin));
      for (std::string& host : host_list(entry, "hosts", origin)) {
        const bool taken = std::any_of(rules.mirrors_.begin(), rules.mirrors_.end(),
                                       [&](const auto& mirror) { return mirror.first == host; });
        if (taken || host == key)
          throw SchemaError(where, line_of(entry), "host '" + host + "' is named by two mirrors");
        rules.mirrors_.emplace_back(std::move(host), key);
      }
    }
  if (const auto* mobile = root.get_as<toml::table>("mobile")) {
    for (const std::string& label : detail::string_list(*mobile, "labels", origin))
      rules.mobile_labels_.push_back(lowercase(label));
    rules.mobile_hosts_ = host_list(*mobile, "hosts", origin);
  }
  if (const toml::array* paths = tables_of(root, "path", origin))
    for (const toml::node& node : *paths) rules.path_rules_.push_back(path_rule(*node.as_table(), origin));
  return rules;
}

const UrlRules& UrlRules::builtin() {
  static const UrlRules rules = parse(embedded_file("urls.toml"), "built-in urls.toml");
  return rules;
}

bool UrlRules::is_tracking(std::string_view host, std::string_view name) const {
  const std::string lower = lowercase(name);
  bool tracking = contains(tracking_names_, lower) ||
                  std::any_of(tracking_prefixes_.begin(), tracking_prefixes_.end(),
                              [&](const std::string& prefix) { return lower.starts_with(prefix); });
  for (const HostParams& params : host_params_) {
    if (std::none_of(params.hosts.begin(), params.hosts.end(),
                     [&](const std::string& listed) { return host_is_or_under(host, listed); }))
      continue;
    if (contains(params.keep, lower)) return false;
    tracking = tracking || contains(params.drop, lower);
  }
  return tracking;
}

std::string UrlRules::canonical_host(std::string_view host) const {
  std::string out(host);
  for (const std::string& listed : mobile_hosts_) {
    if (!host_is_or_under(out, listed) || out.size() == listed.size()) continue;
    // The labels left of the listed host, without the mobile ones.
    std::string kept;
    for (const std::string& label : split(std::string_view(out).substr(0, out.size() - listed.size() - 1), '.'))
      if (!contains(mobile_labels_, label)) kept += label + ".";
    out = kept + listed;
    break;
  }
  for (const auto& [mirror, key] : mirrors_)
    if (out == mirror) return key;
  return out;
}

std::vector<const PathRule*> UrlRules::path_rules(std::string_view host) const {
  std::vector<const PathRule*> out;
  for (const PathRule& rule : path_rules_)
    if (std::any_of(rule.hosts.begin(), rule.hosts.end(),
                    [&](const std::string& listed) { return host_is_or_under(host, listed); }))
      out.push_back(&rule);
  return out;
}

}  // namespace clubsearch::schemas
