// LinkClassifier: from a link's URL to its host, source, kind and arXiv id, using the
// declarative source table (schemas/sources.toml), the Public Suffix List and what the
// URL itself shows.
#pragma once

#include <string>
#include <string_view>

#include "indexer/post.h"
#include "schemas/source_table.h"

namespace clubsearch::indexer {

// The blog the links are written in: its own posts are linked by relative paths, or by
// absolute URLs on its host.
struct OwnSite {
  std::string host;  // lowercased, without "www."; empty when the base URL is unknown
  std::string name;  // the source its own posts are shown under

  // The site whose base URL is `base_url` ("https://www.example.org/blog/" → host and name
  // "example.org"); with no (or no usable) base URL, no host and the name kUnknownName.
  static OwnSite from_base_url(std::string_view base_url);
  static constexpr std::string_view kUnknownName = "this blog";
};

class LinkClassifier {
 public:
  explicit LinkClassifier(const schemas::SourceTable& table);

  // False for what a reader cannot follow to a linked thing: mailto:, tel:, sms:,
  // javascript:, data:, about: links, a fragment of the same page ("#notes") and an
  // empty URL. Such links are not items of an entry.
  static bool is_item(std::string_view url);

  // A LinkedItem with `title` and `url` as given and host, source, kind and arxiv_id filled
  // in:
  //  - a web URL whose host (or a parent domain) the table lists takes the table's source,
  //    and its kind by path prefix, else by extension (".pdf", ".ipynb"), else (for a
  //    subdomain under a parent's rule) by what the URL shows, else the rule's;
  //    a subdomain of a hosting platform (someone.substack.com), or a path the platform
  //    gives its authors (medium.com/@someone), is the author's own source;
  //  - any other web URL is named by its registrable domain (Public Suffix List) and takes
  //    its kind from the URL: extension, the table's [[url_kind]] rules, an article-like
  //    path, else the fallback kind;
  //  - a page of Google's AMP cache (www-example-com.cdn.ampproject.org/c/s/example.com/…)
  //    is the publisher's page it serves;
  //  - a link to the blog itself (a relative path, a template reference such as
  //    {{< ref "x.md" >}}, or the site's own host) is shown under `site`'s name, kind
  //    "blog" (or its extension's kind);
  //  - anything else (ftp:, mailto:) has no host or source and the fallback kind.
  LinkedItem classify(std::string title, std::string url, const OwnSite& site = {}) const;

  // The kind of a page from its URL alone (the extension, then the table's [[url_kind]]
  // rules), or `otherwise`: `host` and its `registrable` domain (or the table key it falls
  // under), the path's `segments` lowercased, and the path.
  const std::string& kind_from_url(std::string_view host, std::string_view registrable,
                                   const std::vector<std::string>& segments, std::string_view path,
                                   const std::string& otherwise) const;

 private:
  void classify_own(LinkedItem& item, std::string_view path, const OwnSite& site) const;

  const schemas::SourceTable& table_;
};

// The registrable domain of `host` by the Public Suffix List ("news.bbc.co.uk" →
// "bbc.co.uk", "someone.github.io" → itself); `host` itself when it has none (an IP
// address, "localhost", a public suffix).
std::string registrable_domain(const std::string& host);

}  // namespace clubsearch::indexer
