// PostBody: a post's Markdown body cut into entries (a linked item with the author's
// commentary) and the text around them, by walking cmark's syntax tree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace clubsearch::indexer {

struct BodyLink {
  std::string text;  // link text as plain text
  std::string url;
};

struct BodyEntry {
  std::string heading;             // heading (or leading bold/link text) as plain text
  int anchor_heading = -1;         // index into PostBody::headings of the heading whose
                                   // anchor links to this entry; -1 when none precedes it
  unsigned line = 0;               // 1-based line in the file where the entry starts
  std::vector<BodyLink> items;     // what the entry is about
  std::string commentary;          // plain text, one block per line
  std::vector<BodyLink> mentions;  // links inside the commentary
};

struct PostBody {
  std::vector<std::string> headings;  // every heading's plain text, in page order (for anchors)
  std::vector<BodyEntry> entries;
  std::string intro;               // plain text before the first entry
  std::string rest;                // plain text of every block outside entries, intro included
  std::vector<BodyLink> mentions;  // links in `rest`
};

// Cuts `markdown` (LF line endings) into entries. `first_line` is the file line where the
// body starts, so entry lines refer to the file. The layouts recognised:
//  - a heading holding one or more links, with the blocks up to the next heading of the
//    same or a higher level (deeper headings belong to the commentary);
//  - a heading without links followed directly by a block quote holding links (the quote
//    names the source: "> Outlet -- [Title](url)"), scoped the same way;
//  - in posts with at least two of them, a paragraph or list item that starts with a link
//    (possibly in bold), or with a bold title and a line break before a bare link; a
//    paragraph entry runs until the next such start, heading or thematic break.
// Everything else is the post's own text.
PostBody parse_body(std::string_view markdown, unsigned first_line);

}  // namespace clubsearch::indexer
