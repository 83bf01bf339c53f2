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
  // A hosting platform whose users each publish under their own name: a subdomain of the
  // host ("someone.substack.com") is its author's own source, not the platform.
  bool author_subdomains = false;
  // The same for a path: a first segment that starts with this ("/@" on medium.com:
  // "medium.com/@someone"). Empty when the platform has no such paths.
  std::string author_paths;
};

// How a URL shows its kind when the table does not know its host: a whole path segment
// ("abs", "docs"), the first one ("/business/…"), the start of the path ("/@"), a DOI
// in the path, an article number ("…-1236702311", "/679804/"), a label of the host left
// of its registrable domain ("proceedings" in proceedings.mlr.press), or a word inside
// any label of the host ("news" in designnews.com).
struct UrlKindRule {
  std::string kind;
  std::vector<std::string> path_segments;   // lowercase
  std::vector<std::string> first_segments;  // lowercase; the path's first segment only
  std::vector<std::string> path_prefixes;   // each starts with '/'
  std::vector<std::string> host_labels;     // lowercase
  std::vector<std::string> host_words;      // lowercase
  bool doi = false;                         // a segment "10.NNNN": a DOI's prefix
  bool article_number = false;              // a number of five or more digits in a segment, not a date
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
  // The rule's kind for this path prefix, or nullptr when no path override matches.
  const std::string* path_kind(const HostRule& rule, std::string_view path) const;
  // The kind the path's extension names (".pdf" → "paper"), or nullptr.
  const std::string* extension_kind(std::string_view path) const;

  // The rules that read a kind from an unknown host's URL, in the order they are tried.
  const std::vector<UrlKindRule>& url_kinds() const noexcept { return url_kinds_; }
  // The kind of an unknown host's page whose path looks like an article (a dated path or
  // a slug of several words) when no rule matched; the fallback kind when not declared.
  const std::string& article_kind() const noexcept { return article_kind_; }
  // The kind of anything else.
  const std::string& fallback_kind() const noexcept { return fallback_kind_; }

  const std::vector<std::string>& kinds() const noexcept { return kinds_; }
  std::size_t size() const noexcept { return hosts_.size(); }

  // Forgets the rule of exactly this host (not of its parent domains); false when there is
  // none. For measuring how URLs fare without the table's names for them.
  bool remove_host(std::string_view host);
  // Every host the table names.
  std::vector<std::string> hosts() const;

 private:
  std::size_t fingerprint_ = 0;
  std::vector<std::string> kinds_;
  std::string fallback_kind_;
  std::string article_kind_;
  std::vector<std::pair<std::string, std::string>> extension_kinds_;
  std::vector<UrlKindRule> url_kinds_;
  std::unordered_map<std::string, HostRule> hosts_;
};

}  // namespace clubsearch::schemas
