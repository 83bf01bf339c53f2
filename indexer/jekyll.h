// Jekyll's rules for a file: whether it is a post, the date and slug its name gives it, the
// title it gets without one, and its URL from a permalink template.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "index/date.h"

namespace clubsearch::indexer {

struct JekyllName {
  std::optional<index::Date> date;
  std::string slug;  // the name after the date, without its extension or trailing dots
};

// A post's name, "YYYY-MM-DD-slug.ext" (the year may have 2 to 4 digits, month and day 1
// or 2); nullopt when the name has no valid date there: in _posts/ such a file is not a post.
std::optional<JekyllName> jekyll_post_name(std::string_view file_name);

// A draft's name: dated like a post's, or not ("slug.ext").
JekyllName jekyll_draft_name(std::string_view file_name);

// Utils.titleize_slug, the title of a post without one: "my-first-post" → "My First Post"
// (each word capitalised as Ruby does: "VQA" → "Vqa").
std::string jekyll_title(std::string_view slug);

// What a document's URL placeholders are made of.
struct JekyllDocument {
  bool post = true;                     // posts and drafts; otherwise a page
  std::string slug;                     // the front matter's slug, else the name's
  std::string basename;                 // the file name without its extension
  std::string folder;                   // page: its folder from the site root ("blog")
  std::string path_in_collection;       // post: its path below _posts/, no extension
  std::optional<index::Date> date;      // post: the date of its name or front matter
  std::vector<std::string> categories;  // post: folders above _posts/, then front matter
};

// The template a page's URL follows when its front matter has no permalink: "/:path/" for
// an index page, else "/:path/:basename" ended as the site's permalink style ends.
std::string jekyll_page_template(const std::string& permalink_style, const std::string& basename);

// The URL `url_template` gives `document`: each :placeholder replaced (an unknown one is
// kept as written), runs of '/' made one, a leading '/' added. Characters a path cannot
// hold are percent-encoded; other non-ASCII characters are kept as they are (an IRI).
std::string jekyll_url(const std::string& url_template, const JekyllDocument& document);

}  // namespace clubsearch::indexer
