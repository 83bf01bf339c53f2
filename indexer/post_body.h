// PostBody: a post's Markdown body cut into entries (a linked item with the author's
// commentary) and the text around them, by walking cmark's syntax tree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "indexer/markdown_tree.h"

namespace clubsearch::indexer {

struct BodyLink {
  std::string text;  // link text as plain text
  std::string url;
  std::string label;  // the words just before the link in its line ("Paper:"), or empty
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
  // The same headings as written in Markdown, without the #s of an ATX heading or the
  // underline of a setext one (what Hugo before 0.144 made ids of).
  std::vector<std::string> heading_sources;
  std::vector<BodyEntry> entries;
  std::string intro;               // plain text before the first entry
  std::string rest;                // plain text of every block outside entries, intro included
  std::vector<BodyLink> mentions;  // links in `rest`
  unsigned depth = 0;              // how deep the body nests (markdown_tree.h)
  // The file line of the first block or span nested deeper than kMaxNesting, whose
  // content was read as plain text; 0 when there is none.
  unsigned flattened_line = 0;
};

// Cuts `markdown` (LF line endings) into entries. `first_line` is the file line where the
// body starts, so entry lines refer to the file; `post_title` names entries whose own
// words do not (see docs/indexing.md, "Entries"). The layouts recognised:
//  - a heading holding one or more links, with the blocks up to the next heading of the
//    same or a higher level or a thematic break (deeper headings belong to the commentary);
//  - a heading without links followed directly by a short block quote naming the source
//    of its links ("> Outlet, [Title](url)"), scoped the same way;
//  - in posts where at least two paragraphs or list items, and one in eight of those
//    holding links, start with a link (or a title set off from its "pdf" link): every
//    paragraph or list item that starts with one (possibly in bold, or a bold title, a
//    line break and a bare link); and, when the picks are paragraphs, every paragraph
//    that holds a link naming something ("A sans serif, [FUD Grotesk](…), …") past the
//    post's opening, or that starts with a bold title line. Such an entry runs until
//    the next one, a heading or a thematic break; a block quote just before one is part
//    of it;
//  - papers under plain headings whose sections link them as "paper" (two or more);
//  - each row of a pipe table that links a paper by name (two or more rows);
//  - a post with none of these that links its paper as "the paper", by the post's own
//    title, or under a "Paper:" label: one entry titled by the post, about that link and
//    its code or slides.
// Link texts that name nothing ("here", "pdf", "[1]") never title an entry.
// Everything else is the post's own text.
// With `links`, inline HTML links and bare addresses are links as Markdown's are, as the
// generator makes them (see parse_markdown).
PostBody parse_body(std::string_view markdown, unsigned first_line, std::string_view post_title = {},
                    LinkExtensions links = {});

}  // namespace clubsearch::indexer
