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
  // Why the page keeps itself out of the site's lists, as written ("published = false",
  // "headless = true", "build.list = never", "extra.unlisted = true"…); empty when it does not.
  std::string unlisted;
  std::optional<std::string> description;
  std::vector<std::string> tags;        // top level (Hugo, Jekyll) or [taxonomies] (Zola)
  std::vector<std::string> categories;  // likewise
  // Jekyll's reading of "categories" (a string is split at whitespace) then "category".
  std::vector<std::string> jekyll_categories;
  std::optional<std::string> slug;
  std::optional<std::string> path;       // Zola "path": the page's path on the site
  std::optional<std::string> url;        // Hugo "url": the page's path on the site
  std::optional<std::string> permalink;  // Jekyll "permalink"
  // What a link post or a paper's notes are about, elsewhere: "link", "external_url",
  // "paper", "arxiv"… at the top level or under [extra] / [params]; an absolute URL.
  std::optional<std::string> subject_link;
};

// Front matter that was there, closed, and could not be read.
struct FrontMatterProblem {
  unsigned line = 0;  // 1-based line in the file
  std::string reason;
};

// A post file split into its front matter and its Markdown body.
struct SplitPost {
  FrontMatter front_matter;
  std::string body;              // Markdown after the front matter, LF line endings
  unsigned body_first_line = 1;  // 1-based line in the file where `body` starts
  std::size_t keys = 0;          // top-level keys of the front matter
  // With BadFrontMatter::set_aside: why the front matter was set aside (then
  // `front_matter` holds only its format).
  std::optional<FrontMatterProblem> problem;
};

// What to do with front matter that is present and closed but cannot be read.
enum class BadFrontMatter {
  fail,       // throw PostError
  set_aside,  // keep the body, and say why in SplitPost::problem
};

// Locates and parses the front matter of `file_text` (valid UTF-8, any line endings, an
// optional BOM). The first non-blank line opens it: "+++" (TOML), "---" (YAML), or a line
// starting with "{" (one JSON object). A closing delimiter may have text fused to it
// ("---### News"): that text is the body's first line. A post pasted whole into a
// ```markdown fence is unwrapped. Keys match in any case; unknown keys are ignored.
// Throws PostError (with the file's line number) for front matter that is present but
// malformed: bad TOML/YAML/JSON syntax, an unterminated block, a key of the wrong type
// (e.g. a date that is not a date). A file without front matter is not an error.
// With BadFrontMatter::set_aside, TOML or YAML front matter that does not parse and any
// front matter with a key of the wrong type are set aside instead; front matter that is
// never closed, and JSON that does not parse (where the body starts is then unknown),
// still throw.
SplitPost split_front_matter(std::string_view file_text, BadFrontMatter on_bad = BadFrontMatter::fail);

}  // namespace clubsearch::indexer
