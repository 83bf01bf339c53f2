// UrlRules: how the same page written as different URLs becomes one key: tracking
// parameters, mirror hosts, mobile editions and a platform's several paths for one page.
// Loaded from schemas/urls.toml; the keys themselves are made in index/link_keys.h.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace clubsearch::schemas {

// Query parameters that mean something on some hosts only.
struct HostParams {
  std::vector<std::string> hosts;  // bare hosts; each matches itself and its subdomains
  std::vector<std::string> drop;   // tracking there too
  std::vector<std::string> keep;   // kept there although the global list drops them
};

// One key for the several paths of one page on a platform.
struct PathRule {
  std::vector<std::string> hosts;  // bare hosts; each matches itself and its subdomains
  // Each pattern's segments ("posts", "{id}"): a "{name}" segment matches any one
  // non-empty segment and binds it, any other must be equal.
  std::vector<std::vector<std::string>> patterns;
  std::string key_host;                   // the key's host; empty: the URL's own
  std::vector<std::string> key_segments;  // the key's path, with "{name}" segments filled in
  std::vector<std::pair<std::string, std::string>> key_params;  // "v" → "{id}"
};

class UrlRules {
 public:
  static UrlRules parse(std::string_view toml_text, std::string_view origin);
  static const UrlRules& builtin();

  // Identifies the text the table was parsed from: an index records it, so a changed
  // table is noticed and the index rebuilt with it.
  std::size_t fingerprint() const noexcept { return fingerprint_; }

  const std::vector<std::string>& default_documents() const noexcept { return default_documents_; }

  // Whether the parameter `name` is dropped from a URL on `host` (lowercase, after
  // mirrors): the global list, unless the host keeps it, and the host's own.
  bool is_tracking(std::string_view host, std::string_view name) const;

  // The host `host` is keyed as: "m."/"mobile." dropped on the hosts that have mobile
  // editions, then a mirror's key. `host` must be lowercase, without "www.".
  std::string canonical_host(std::string_view host) const;

  // The rules that apply on `host` (lowercase, after canonical_host), in table order.
  std::vector<const PathRule*> path_rules(std::string_view host) const;

 private:
  std::size_t fingerprint_ = 0;
  std::vector<std::string> default_documents_;
  std::vector<std::string> tracking_names_;
  std::vector<std::string> tracking_prefixes_;
  std::vector<HostParams> host_params_;
  std::vector<std::pair<std::string, std::string>> mirrors_;  // host → key host
  std::vector<std::string> mobile_labels_;
  std::vector<std::string> mobile_hosts_;
  std::vector<PathRule> path_rules_;
};

}  // namespace clubsearch::schemas
