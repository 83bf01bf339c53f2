// FrontMatter: the metadata block at the top of a post (TOML +++, YAML ---, or JSON {}),
// located and parsed into the fields clubsearch uses. Pure: no file system access.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "index/date.h"

namespace clubsearch::indexer {

enum class FrontMatterFormat { none, toml, yaml, json };

struct FrontMatter {
  FrontMatterFormat format = FrontMatterFormat::none;

  std::optional<std::string> title;
  std::optional<index::Date> date;          // "date" (any case: "Date" too)
  std::optional<index::Date> updated;       // Zola "updated", Hugo "lastmod"
  std::optional<index::Date> publish_date;  // Hugo "publishDate" / "pubdate" / "published"
  std::optional<index::Date> expiry_date;   // Hugo "expiryDate" / "unpublishdate"
  bool draft = false;
  std::optional<std::string> description;
  std::vector<std::string> tags;        // top level (Hugo, Jekyll) or [taxonomies] (Zola)
  std::vector<std::string> categories;  // likewise
  std::optional<std::string> slug;
  std::optional<std::string> path;       // Zola "path": the page's path on the site
  std::optional<std::string> url;        // Hugo "url": the page's path on the site
  std::optional<std::string> permalink;  // Jekyll "permalink"
};

// A post file split into its front matter and its Markdown body.
struct SplitPost {
  FrontMatter front_matter;
  std::string body;              // Markdown after the front matter, LF line endings
  unsigned body_first_line = 1;  // 1-based line in the file where `body` starts
};

// Locates and parses the front matter of `file_text` (valid UTF-8, any line endings, an
// optional BOM). The first non-blank line opens it: "+++" (TOML), "---" (YAML), or a line
// starting with "{" (one JSON object). A closing delimiter may have text fused to it
// ("---### News"): that text is the body's first line. A post pasted whole into a
// ```markdown fence is unwrapped. Keys match in any case; unknown keys are ignored.
// Throws PostError (with the file's line number) for front matter that is present but
// malformed: bad TOML/YAML/JSON syntax, an unterminated block, a key of the wrong type
// (e.g. a date that is not a date). A file without front matter is not an error.
SplitPost split_front_matter(std::string_view file_text);

}  // namespace clubsearch::indexer
