// Post, Entry and LinkedItem: what clubsearch makes of one Markdown file of the blog.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "index/date.h"

namespace clubsearch::indexer {

// One link: the paper, article or notebook an entry is about, or one mentioned in passing.
struct LinkedItem {
  std::string title;     // link text as plain text (a generic "link to the paper" is replaced)
  std::string url;       // as written in the post
  std::string host;      // lowercased, without "www."; empty for relative links
  std::string source;    // who published it: "arXiv", "LessWrong", "someone.github.io", the blog itself…
  std::string kind;      // paper, blog, newsletter, forum, notebook, code, news, video, …
  std::string arxiv_id;  // "2404.03592" for any arXiv abs/pdf/html URL, versions stripped
};

// One linked item inside a post with the author's commentary on it.
struct Entry {
  std::string heading;               // the entry's heading (or bold line) as plain text
  std::string anchor;                // id of the nearest heading on the site's page; may be empty
  std::string url;                   // deep link: the post's permalink + "#" + anchor
  unsigned line = 0;                 // 1-based line in the file where the entry starts
  std::vector<LinkedItem> items;     // what the entry is about: one or more links
  std::string commentary;            // the author's text as plain text, paragraphs on new lines
  std::vector<LinkedItem> mentions;  // links inside the commentary
  std::vector<std::string> topics;   // taxonomy topics and the post's tags
};

// What the author should know of a file that was indexed anyway, at a line of it.
struct PostWarning {
  unsigned line = 0;  // 1-based
  std::string message;
};

struct Post {
  std::string path;          // relative to the content directory, '/' separated
  // First folder of `path` ("blog"), empty at the top level; a Jekyll post's is the folder
  // above _posts/, else "posts".
  std::string section;
  std::string title;                // from front matter, else from the file name as the generator names it
  std::optional<index::Date> date;  // nullopt: undated (never shown as 1970)
  std::optional<index::Date> updated;
  std::optional<index::Date> publish_date;  // Hugo: not to be shown before this day
  std::optional<index::Date> expiry_date;   // Hugo: not to be shown from this day on
  bool draft = false;
  std::string unlisted;  // why the page keeps itself out of the site's lists; empty: listed
  bool empty = false;    // nothing but blanks, or empty front matter and no body: not a post
  std::vector<PostWarning> warnings;
  std::string description;
  std::vector<std::string> tags;
  std::vector<std::string> categories;
  std::string permalink;             // the post's URL on the site (absolute when the base URL is known)
  std::string intro;                 // plain text before the first entry
  std::string body;                  // plain text of everything outside entries (intro included)
  std::vector<LinkedItem> mentions;  // links in `body`
  std::vector<std::string> topics;   // of the post as a whole
  std::vector<Entry> entries;
};

}  // namespace clubsearch::indexer
