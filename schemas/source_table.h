// SourceTable: who published a linked thing (source) and what it is (kind), by URL host.
// Loaded from schemas/sources.toml; classifying a URL lives in indexer/link_classifier.h.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace clubsearch::schemas {

struct HostRule {
  std::string host;    // lowercased, without "www."; matches itself and its subdomains
  std::string source;  // display name, e.g. "AI Alignment Forum"
  std::string kind;    // one of SourceTable::kinds()
  // Path prefix → kind overrides, longest prefix first ("/research/" → "paper").
  std::vector<std::pair<std::string, std::string>> path_kinds;
};

class SourceTable {
 public:
  static SourceTable parse(std::string_view toml_text, std::string_view origin);
  static const SourceTable& builtin();

  // Identifies the text the table was parsed from: an index records it, so a changed
  // table is noticed and the index rebuilt with it.
  std::size_t fingerprint() const noexcept { return fingerprint_; }

  // The rule for `host` or its nearest parent domain ("export.arxiv.org" → "arxiv.org");
  // nullptr when no rule matches. `host` must be lowercase.
  const HostRule* find(std::string_view host) const;
  // The kind of the rule for this path (path overrides first), for a matched host.
  const std::string& kind_for(const HostRule& rule, std::string_view path) const;
  // Kind for an unknown host, from the path's extension (".pdf" → "paper"), else the
  // table's fallback kind.
  const std::string& kind_for_unknown(std::string_view path) const;

  const std::vector<std::string>& kinds() const noexcept { return kinds_; }
  std::size_t size() const noexcept { return hosts_.size(); }

 private:
  std::size_t fingerprint_ = 0;
  std::vector<std::string> kinds_;
  std::string fallback_kind_;
  std::vector<std::pair<std::string, std::string>> extension_kinds_;
  std::unordered_map<std::string, HostRule> hosts_;
};

}  // namespace clubsearch::schemas
