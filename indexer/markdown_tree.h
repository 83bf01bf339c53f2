// cmark's syntax tree of a Markdown text, with its nesting bounded: what lies deeper than
// kMaxNesting levels (lists in lists, quotes in quotes, emphasis in emphasis…) is kept as
// plain text at that level, so that the walkers of the tree (post_body, quoted_text) may
// recurse on it whatever a file holds.
#pragma once

#include <cmark.h>

#include <memory>
#include <string_view>

namespace clubsearch::indexer {

// Far deeper than any post nests; deep enough that no real structure is flattened.
inline constexpr unsigned kMaxNesting = 64;

struct CmarkNodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
using CmarkTree = std::unique_ptr<cmark_node, CmarkNodeDeleter>;

struct MarkdownTree {
  CmarkTree root;  // a CMARK_NODE_DOCUMENT
  unsigned depth = 0;  // how deep the text nested, before flattening
  // The line (1-based, in the text given) of the first node whose content was
  // flattened; 0 when the text nests no deeper than kMaxNesting.
  unsigned flattened_line = 0;
};

// Parses `markdown` (CommonMark, cmark's default options) without recursion. A node at
// level max_nesting + 1 (the document is level 1; leaves are no level) that holds more
// keeps its type, and holds its descendants' text instead: a text node in an inline, a
// paragraph of it in a block, an item holding that paragraph in a list. The tree is then
// at most max_nesting + 3 levels deep.
// What a generator makes links of beyond CommonMark's own.
struct LinkExtensions {
  // An inline HTML link (`<a href="…">Title</a>`), for generators that put raw HTML on
  // the page.
  bool html_links = false;
  // A bare address in the text (`https://…`, `www.…`), as goldmark's Linkify (Hugo's
  // default) makes one.
  bool bare_urls = false;
};

// With `links`, what they name is made the link nodes the Markdown `[Title](…)` would give.
MarkdownTree parse_markdown(std::string_view markdown, unsigned max_nesting = kMaxNesting, LinkExtensions links = {});

}  // namespace clubsearch::indexer
