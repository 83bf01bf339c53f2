#include "indexer/markdown_tree.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/plain_text.h"

namespace clubsearch::indexer {

namespace {

// The node types cmark's iterator enters and never exits (cmark.h).
bool is_leaf(cmark_node_type type) {
  switch (type) {
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_THEMATIC_BREAK:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_TEXT:
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE:
      return true;
    default:
      return false;
  }
}

// `child` appended to `parent`, or freed when `parent` cannot hold it.
bool append(cmark_node* parent, cmark_node* child) {
  if (cmark_node_append_child(parent, child) != 0) return true;
  cmark_node_free(child);
  return false;
}

// The text of `node`'s descendants, in order: literals, a space for breaks and inline
// HTML, a line break between blocks. Iterative, as the subtree may be deep.
std::string text_below(cmark_node* node) {
  std::string out;
  cmark_iter* iter = cmark_iter_new(node);
  for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* current = cmark_iter_get_node(iter);
    if (current == node) continue;
    const cmark_node_type type = cmark_node_get_type(current);
    if (event == CMARK_EVENT_ENTER) {
      if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK || type == CMARK_NODE_HTML_INLINE) {
        out += ' ';
      } else if (const char* literal = cmark_node_get_literal(current)) {
        out += literal;
      }
    } else if (type >= CMARK_NODE_FIRST_BLOCK && type <= CMARK_NODE_LAST_BLOCK && !out.empty() &&
               out.back() != '\n') {
      out += '\n';
    }
  }
  cmark_iter_free(iter);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// Replaces `node`'s children by their text, in what the node may hold: a text node in an
// inline or a paragraph (or heading), a paragraph in a block quote, an item or the
// document, an item holding a paragraph in a list.
void flatten(cmark_node* node) {
  const std::string text = text_below(node);
  while (cmark_node* child = cmark_node_first_child(node)) cmark_node_free(child);  // cmark frees iteratively
  if (text.empty()) return;
  cmark_node* leaf = cmark_node_new(CMARK_NODE_TEXT);
  cmark_node_set_literal(leaf, text.c_str());
  if (cmark_node_append_child(node, leaf) != 0) return;
  cmark_node* paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH);
  append(paragraph, leaf);
  if (cmark_node_append_child(node, paragraph) != 0) return;
  cmark_node* item = cmark_node_new(CMARK_NODE_ITEM);
  append(item, paragraph);
  append(node, item);
}

// The nodes of `type` whose literal `keep` accepts, in the document's order.
std::vector<cmark_node*> nodes_with_literal(cmark_node* root, cmark_node_type type, bool (*keep)(std::string_view)) {
  std::vector<cmark_node*> found;
  cmark_iter* iter = cmark_iter_new(root);
  for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (event != CMARK_EVENT_ENTER || cmark_node_get_type(node) != type) continue;
    const char* literal = cmark_node_get_literal(node);
    if (literal != nullptr && keep(literal)) found.push_back(node);
  }
  cmark_iter_free(iter);
  return found;
}

// HTML links written inline (`<a href="…">Title</a>`, as blogs moved from elsewhere and
// hand-written posts have them) become the link nodes the Markdown would have made, so
// that what a reader sees as a link is one to every rule: `<a href>`, the nodes up to
// the `</a>` among its siblings (not past another `<a`), and that `</a>`. A tag without a
// web address, or never closed, stays as it was.
void anchors_as_links(cmark_node* root) {
  const std::vector<cmark_node*> opening =
      nodes_with_literal(root, CMARK_NODE_HTML_INLINE, [](std::string_view literal) {
        return html_tag_name(literal) == "a" && !is_closing_html_tag(literal);
      });
  for (cmark_node* open : opening) {
    const std::string url = html_attribute(cmark_node_get_literal(open), "href");
    if (url.empty()) continue;
    cmark_node* close = nullptr;
    for (cmark_node* next = cmark_node_next(open); next && !close; next = cmark_node_next(next)) {
      if (cmark_node_get_type(next) != CMARK_NODE_HTML_INLINE) continue;
      const char* literal = cmark_node_get_literal(next);
      if (literal == nullptr || html_tag_name(literal) != "a") continue;
      if (!is_closing_html_tag(literal)) break;  // another anchor opens first
      close = next;
    }
    if (close == nullptr) continue;
    cmark_node* link = cmark_node_new(CMARK_NODE_LINK);
    cmark_node_set_url(link, url.c_str());
    cmark_node_set_title(link, "");
    if (cmark_node_insert_before(open, link) == 0) {
      cmark_node_free(link);
      continue;
    }
    while (cmark_node* inside = cmark_node_next(link)) {
      if (inside == open) {
        cmark_node_free(open);
        continue;
      }
      if (inside == close) break;
      cmark_node_unlink(inside);
      if (cmark_node_append_child(link, inside) == 0) cmark_node_free(inside);
    }
    cmark_node_free(close);
  }
}

// Whether an HTML block holds a list item (`<li>`).
bool holds_list_item(std::string_view html) {
  for (std::size_t at = html.find('<'); at != std::string_view::npos; at = html.find('<', at + 1))
    if (!is_closing_html_tag(html.substr(at)) && html_tag_name(html.substr(at)) == "li") return true;
  return false;
}

// The Markdown a raw HTML list shows as: each `<li>` an item ("- ", indented by how deep
// its list is), `<a href>…</a>` a link, `<strong>`/`<b>` and `<em>`/`<i>` emphasis,
// `<p>`, `<br>`, `<div>` and headings line breaks; other tags, comments, and what
// <script> and <style> hold, nothing. Text is escaped, so that it stays text (HTML shows
// "*" and "[" as they are); character entities are left for cmark to decode. The block's
// own line breaks are kept, so most nodes keep their line.
std::string html_list_markdown(std::string_view html) {
  std::string out;
  unsigned lists = 0;       // <ul>/<ol> open
  bool in_link = false;     // inside an <a href> made "[…](…)"
  std::string link_url;     // its destination
  std::string skip_until;   // "script" or "style": their contents are not shown
  auto line_start = [&] { return out.empty() || out.back() == '\n'; };
  auto new_line = [&] {
    if (!line_start()) out += '\n';
  };
  auto close_link = [&] {
    if (!in_link) return;
    out += "](<" + link_url + ">)";
    in_link = false;
  };
  std::size_t pos = 0;
  while (pos < html.size()) {
    const char c = html[pos];
    if (c == '<' && html.compare(pos, 4, "<!--") == 0) {  // a comment
      const std::size_t end = html.find("-->", pos + 4);
      pos = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    const std::string name = c == '<' ? html_tag_name(html.substr(pos)) : std::string();
    if (!name.empty()) {
      const std::size_t end = html.find('>', pos);
      const std::string_view tag = html.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos + 1);
      pos = end == std::string_view::npos ? html.size() : end + 1;
      const bool closing = is_closing_html_tag(tag);
      if (!skip_until.empty()) {
        if (closing && name == skip_until) skip_until.clear();
        continue;
      }
      if (name == "script" || name == "style") {
        if (!closing) skip_until = name;
      } else if (name == "ul" || name == "ol") {
        close_link();
        if (closing && lists > 0) --lists;
        if (!closing) ++lists;
      } else if (name == "li") {
        close_link();
        if (closing) continue;  // the next item starts its own line
        new_line();
        // Deeper than the tree may nest, the items are written at that depth.
        out += std::string(2 * (std::clamp(lists, 1u, kMaxNesting) - 1), ' ') + "- ";
      } else if (name == "a") {
        if (closing) {
          close_link();
        } else if (!in_link) {
          link_url = html_attribute(tag, "href");
          const bool usable = !link_url.empty() && link_url.find_first_of("<> \t\r\n") == std::string::npos;
          if (usable) out += '[';
          in_link = usable;
        }
      } else if (name == "strong" || name == "b") {
        out += "**";
      } else if (name == "em" || name == "i") {
        out += '*';
      } else if (name == "br" || name == "p" || name == "div" ||
                 (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6')) {
        close_link();
        if (!closing) new_line();
      }
      continue;
    }
    if (!skip_until.empty()) {
      ++pos;
      continue;
    }
    if (c == '\n') {
      close_link();  // a link's text is one line here
      out += '\n';
    } else if ((c == ' ' || c == '\t') && line_start()) {
      // HTML's indentation shows as nothing; in Markdown it could make code.
    } else if (c != '&' && std::ispunct(static_cast<unsigned char>(c)) != 0) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
    ++pos;
  }
  close_link();
  return out;
}

// Raw HTML lists (`<ul><li><a href="…">Title</a> — notes</li></ul>`), which a generator
// that puts raw HTML on the page shows as lists, become the nodes their Markdown would
// have made, so the list rules read them as they read Markdown lists. All the blocks'
// Markdown is parsed as one text, each block's on its own lines (so that the nodes' lines
// are the file's) and closed by a comment that ends any list (and says which block's
// nodes come next): linear in the text however many blocks it has.
void html_lists_as_markdown(cmark_node* root) {
  const std::vector<cmark_node*> blocks = nodes_with_literal(root, CMARK_NODE_HTML_BLOCK, holds_list_item);
  if (blocks.empty()) return;
  constexpr std::string_view kEnd = "<!---->";  // the converted text holds no other HTML
  std::string markdown;
  int line = 1;  // of the next character of `markdown`
  for (cmark_node* block : blocks) {
    for (; line < cmark_node_get_start_line(block); ++line) markdown += '\n';
    const std::string converted = html_list_markdown(cmark_node_get_literal(block));
    markdown += converted;
    line += static_cast<int>(std::count(converted.begin(), converted.end(), '\n'));
    if (!markdown.empty() && markdown.back() != '\n') {
      markdown += '\n';
      ++line;
    }
    markdown += std::string(kEnd) + '\n';
    ++line;
  }
  cmark_node* parsed = cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT);
  if (parsed == nullptr) return;
  std::size_t block = 0;
  while (cmark_node* child = cmark_node_first_child(parsed)) {
    cmark_node_unlink(child);
    const char* literal = cmark_node_get_type(child) == CMARK_NODE_HTML_BLOCK ? cmark_node_get_literal(child) : nullptr;
    if (literal != nullptr && std::string_view(literal).substr(0, kEnd.size()) == kEnd) {
      cmark_node_free(child);
      ++block;
    } else if (block >= blocks.size() || cmark_node_insert_before(blocks[block], child) == 0) {
      cmark_node_free(child);
    }
  }
  cmark_node_free(parsed);
  for (cmark_node* done : blocks) cmark_node_free(done);
}

// Where a bare address starts at `at` of a text (after its start, a space, or one of
// "*_~(" as GFM's autolinks require): the length of the address, 0 when none. It runs to
// the next space or '<'; then trailing punctuation ("?!.,:*_~'\"") is not part of it, nor a
// ')' that closes no '(' within it.
std::size_t bare_url_at(std::string_view text, std::size_t at) {
  if (at > 0 && std::string_view(" \t\n*_~(").find(text[at - 1]) == std::string_view::npos) return 0;
  const std::string_view rest = text.substr(at);
  std::size_t scheme = 0;
  for (std::string_view prefix : {"https://", "http://", "www."})
    if (rest.size() > prefix.size() && rest.substr(0, prefix.size()) == prefix) scheme = prefix.size();
  if (scheme == 0) return 0;
  std::size_t end = scheme;
  while (end < rest.size() && rest[end] != ' ' && rest[end] != '\t' && rest[end] != '\n' && rest[end] != '<') ++end;
  for (bool trimmed = true; trimmed && end > scheme;) {
    trimmed = false;
    const char last = rest[end - 1];
    if (std::string_view("?!.,:*_~'\"").find(last) != std::string_view::npos) {
      --end;
      trimmed = true;
    } else if (last == ')') {
      const std::string_view url = rest.substr(0, end);
      if (std::count(url.begin(), url.end(), ')') > std::count(url.begin(), url.end(), '(')) {
        --end;
        trimmed = true;
      }
    }
  }
  // A domain after the scheme: a label, a dot, a label.
  const std::string_view host = rest.substr(scheme, end - scheme).substr(0, rest.substr(scheme, end - scheme).find('/'));
  if (host.find('.') == std::string_view::npos || host.front() == '.' || host.back() == '.') return 0;
  return end;
}

// Bare addresses in text nodes (not inside links) become link nodes: "see
// https://arxiv.org/abs/2106.09685." → "see [https://…](https://…).", "www.example.org"
// → https://www.example.org, as goldmark's Linkify does.
void bare_urls_as_links(cmark_node* root) {
  cmark_consolidate_text_nodes(root);
  std::vector<cmark_node*> texts;
  cmark_iter* iter = cmark_iter_new(root);
  int in_link = 0;
  for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    const cmark_node_type type = cmark_node_get_type(node);
    if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) in_link += event == CMARK_EVENT_ENTER ? 1 : -1;
    else if (event == CMARK_EVENT_ENTER && type == CMARK_NODE_TEXT && in_link == 0) texts.push_back(node);
  }
  cmark_iter_free(iter);
  for (cmark_node* node : texts) {
    const std::string text = cmark_node_get_literal(node);
    std::size_t done = 0;
    cmark_node* last = node;  // the nodes made so far follow it
    auto add_after = [&](cmark_node* added) {
      if (cmark_node_insert_after(last, added) == 0) {
        cmark_node_free(added);
        return false;
      }
      last = added;
      return true;
    };
    for (std::size_t at = 0; at < text.size(); ++at) {
      const std::size_t length = bare_url_at(text, at);
      if (length == 0) continue;
      const std::string url = text.substr(at, length);
      cmark_node* before = cmark_node_new(CMARK_NODE_TEXT);
      cmark_node_set_literal(before, text.substr(done, at - done).c_str());
      cmark_node* link = cmark_node_new(CMARK_NODE_LINK);
      cmark_node_set_url(link, (url.rfind("www.", 0) == 0 ? "https://" + url : url).c_str());
      cmark_node_set_title(link, "");
      cmark_node* label = cmark_node_new(CMARK_NODE_TEXT);
      cmark_node_set_literal(label, url.c_str());
      if (cmark_node_append_child(link, label) == 0) cmark_node_free(label);
      if (!add_after(before) || !add_after(link)) break;
      done = at + length;
      at = done - 1;
    }
    if (done == 0) continue;
    cmark_node* after = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(after, text.substr(done).c_str());
    add_after(after);
    cmark_node_free(node);  // its text is in the nodes after it now
  }
}

}  // namespace

MarkdownTree parse_markdown(std::string_view markdown, unsigned max_nesting, LinkExtensions links) {
  MarkdownTree tree;
  tree.root.reset(cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT));
  if (!tree.root) return tree;
  if (links.html_links) {
    html_lists_as_markdown(tree.root.get());
    anchors_as_links(tree.root.get());
  }
  if (links.bare_urls) bare_urls_as_links(tree.root.get());
  // The nodes at the deepest level allowed that hold more: their subtrees are disjoint.
  std::vector<cmark_node*> too_deep;
  unsigned depth = 0;
  cmark_iter* iter = cmark_iter_new(tree.root.get());
  for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (event == CMARK_EVENT_EXIT) {
      --depth;
      continue;
    }
    if (is_leaf(cmark_node_get_type(node))) continue;  // entered, never exited
    ++depth;
    if (depth > tree.depth) tree.depth = depth;
    if (depth == max_nesting + 1 && cmark_node_first_child(node) != nullptr) too_deep.push_back(node);
  }
  cmark_iter_free(iter);
  for (cmark_node* node : too_deep) {
    if (tree.flattened_line == 0) tree.flattened_line = static_cast<unsigned>(cmark_node_get_start_line(node));
    flatten(node);
  }
  return tree;
}

}  // namespace clubsearch::indexer
