// The Markdown tree's nesting bound: what nests deeper than the bound is kept as text at
// the bound, and nothing shallower changes.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "indexer/markdown_tree.h"

using namespace clubsearch::indexer;

namespace {

// The deepest level of the tree as it is now (the document is level 1; leaves, which
// cmark's iterator never exits, are not levels).
unsigned depth_of(cmark_node* root) {
  unsigned depth = 0, deepest = 0;
  cmark_iter* iter = cmark_iter_new(root);
  for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    const cmark_node_type type = cmark_node_get_type(cmark_iter_get_node(iter));
    const bool leaf = type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_SOFTBREAK ||
                      type == CMARK_NODE_LINEBREAK || type == CMARK_NODE_HTML_INLINE ||
                      type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK ||
                      type == CMARK_NODE_THEMATIC_BREAK;
    if (event == CMARK_EVENT_EXIT)
      --depth;
    else if (!leaf)
      deepest = std::max(deepest, ++depth);
  }
  cmark_iter_free(iter);
  return deepest;
}

std::string rendered(const MarkdownTree& tree) {
  char* text = cmark_render_commonmark(tree.root.get(), CMARK_OPT_DEFAULT, 0);
  std::string out(text);
  free(text);
  return out;
}

}  // namespace

TEST_CASE("with html_links, an inline HTML link becomes a link node; without, it stays raw HTML") {
  const std::string text = "Read <a href=\"https://example.org/a?x=1&amp;y=2\" target=_blank>the *essay*</a> now.\n";
  CHECK(rendered(parse_markdown(text, kMaxNesting, {.html_links = true})) == "Read [the *essay*](https://example.org/a?x=1&y=2) now.\n");
  CHECK(rendered(parse_markdown(text)) == text);
  // No address, or never closed: left as written.
  for (const std::string kept : {"<a name=\"x\">here</a>\n", "<a href=\"https://e.org\">open\n"}) {
    CAPTURE(kept);
    CHECK(rendered(parse_markdown(kept, kMaxNesting, {.html_links = true})) == kept);
  }
  // An anchor that another opens after, before any </a>, is not closed by that one's.
  CHECK(rendered(parse_markdown("<a href=\"https://e.org/1\">one <a href=\"https://e.org/2\">two</a>\n",
                                kMaxNesting, {.html_links = true})) == "<a href=\"https://e.org/1\">one [two](https://e.org/2)\n");
}

TEST_CASE("with html_links, a raw HTML list becomes the list its Markdown would make; without, it stays raw HTML") {
  const std::string text =
      "<ul>\n  <li><a href=\"https://e.org/1\">One</a> *as* [written]</li>\n"
      "  <li>Two<ol><li><b>Three</b><script>x()</script></li></ol></li>\n</ul>\n";
  CHECK(rendered(parse_markdown(text, kMaxNesting, {.html_links = true})) ==
        "  - [One](https://e.org/1) \\*as\\* \\[written\\]\n  - Two\n      - **Three**\n");
  CHECK(rendered(parse_markdown(text)) == text);
  // Without a list item, an HTML block is left as it is.
  const std::string block = "<div><a href=\"https://e.org\">x</a></div>\n";
  CHECK(rendered(parse_markdown(block, kMaxNesting, {.html_links = true})) == block);
}

TEST_CASE("with bare_urls, an address in the text is a link as goldmark's Linkify makes one") {
  const auto linked = [](const std::string& text) {
    return rendered(parse_markdown(text, kMaxNesting, {.bare_urls = true}));
  };
  // (cmark writes a link whose text is its address as <…>.)
  CHECK(linked("see https://arxiv.org/abs/2106.09685.\n") == "see <https://arxiv.org/abs/2106.09685>.\n");
  CHECK(linked("www.example.org/a, then more\n") == "[www.example.org/a](https://www.example.org/a), then more\n");
  // A parenthesis the address opens is its own; one closing the sentence's is not.
  CHECK(linked("(https://en.wikipedia.org/wiki/The_Master_(2012_film))\n") ==
        "(<https://en.wikipedia.org/wiki/The_Master_(2012_film)>)\n");
  // Not inside a link or code, not without a domain, not glued to a word.
  for (const std::string kept : {"[https://e.org/x](https://e.org/y)\n", "`https://e.org/x`\n", "http://localhost\n",
                                 "xhttps://e.org/x\n"}) {
    CAPTURE(kept);
    CHECK(linked(kept) == rendered(parse_markdown(kept)));
  }
}

TEST_CASE("a tree within the bound is left as cmark parsed it") {
  const std::string markdown = "# Title\n\n> quoted *and **strong** text*\n\n- a\n  - b\n    - c [link](https://x.org)\n";
  // document, list, item, list, item, list, item, paragraph, link
  const MarkdownTree tree = parse_markdown(markdown, 9);
  CHECK(tree.flattened_line == 0);
  CHECK(tree.depth == 9);
  CHECK(depth_of(tree.root.get()) == 9);
  CHECK(rendered(tree) == rendered(parse_markdown(markdown, 64)));
}

TEST_CASE("what nests deeper than the bound becomes text at the bound, in order") {
  const MarkdownTree quotes = parse_markdown("intro\n\n> > > > > deep *words* here\n> > > > > and more\n", 3);
  CHECK(quotes.depth == 8);  // document, five quotes, paragraph, emphasis
  CHECK(quotes.flattened_line == 3);
  // document, two quotes, the third holding a paragraph of what was inside it
  CHECK(depth_of(quotes.root.get()) == 5);
  const std::string text = rendered(quotes);
  CHECK(text.find("intro") != std::string::npos);
  CHECK(text.find("deep words here") != std::string::npos);
  CHECK(text.find("and more") != std::string::npos);

  const MarkdownTree emphasis = parse_markdown(std::string(40, '*') + "word" + std::string(40, '*') + "\n", 4);
  CHECK(emphasis.flattened_line == 1);
  CHECK(rendered(emphasis).find("word") != std::string::npos);
}

TEST_CASE("whatever the node at the bound is, its text is kept in what it may hold") {
  // The node at level 3 is a list (document, item's list… : document, list, item, list):
  // its text goes into an item of its own, holding a paragraph.
  for (unsigned bound = 1; bound <= 6; ++bound) {
    CAPTURE(bound);
    const MarkdownTree tree = parse_markdown("- a\n  - b\n    > c *d* [e](https://x.org)\n", bound);
    const std::string text = rendered(tree);
    for (const char* word : {"a", "b", "c", "d", "e"}) CHECK(text.find(word) != std::string::npos);
    CHECK(depth_of(tree.root.get()) <= bound + 3);
  }
}

TEST_CASE("a hundred thousand levels are parsed and bounded without recursion") {
  std::string lists;
  for (int level = 0; level < 100000; ++level) lists += "- ";
  const MarkdownTree tree = parse_markdown("text\n\n" + lists + "lemurs\n");
  CHECK(tree.depth > 100000);
  CHECK(tree.flattened_line == 3);
  CHECK(depth_of(tree.root.get()) <= kMaxNesting + 2);
  CHECK(rendered(tree).find("lemurs") != std::string::npos);
}
