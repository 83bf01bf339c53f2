// Walks cmark's syntax tree of a post body and cuts it into entries (see post_body.h).
#include "indexer/post_body.h"

#include <cmark.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>

#include "index/ascii.h"
#include "indexer/plain_text.h"

namespace clubsearch::indexer {

namespace {

struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
using Document = std::unique_ptr<cmark_node, NodeDeleter>;

cmark_node_type type_of(cmark_node* node) { return cmark_node_get_type(node); }

std::string_view literal_of(cmark_node* node) {
  const char* literal = cmark_node_get_literal(node);
  return literal == nullptr ? std::string_view() : std::string_view(literal);
}

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n'; });
}

std::string_view trim(std::string_view text, std::string_view characters = " \t\n") {
  const auto begin = text.find_first_not_of(characters);
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(characters) - begin + 1);
}

// Strips ASCII separator characters and the en and em dashes from both ends (or only
// the front); multi-byte dashes are matched whole so no UTF-8 sequence is ever split.
std::string_view trim_separators(std::string_view text, std::string_view ascii, bool back_too = true) {
  static constexpr std::array<std::string_view, 2> dashes{"\u2013", "\u2014"};
  for (bool changed = true; changed && !text.empty();) {
    changed = false;
    if (ascii.find(text.front()) != std::string_view::npos) {
      text.remove_prefix(1);
      changed = true;
    } else if (back_too && ascii.find(text.back()) != std::string_view::npos) {
      text.remove_suffix(1);
      changed = true;
    }
    for (std::string_view dash : dashes) {
      if (text.substr(0, dash.size()) == dash) {
        text.remove_prefix(dash.size());
        changed = true;
      } else if (back_too && text.size() >= dash.size() && text.substr(text.size() - dash.size()) == dash) {
        text.remove_suffix(dash.size());
        changed = true;
      }
    }
  }
  return text;
}

// Collects the plain text of inline nodes, and the links among them.
class InlineText {
 public:
  explicit InlineText(std::vector<BodyLink>* links) : links_(links) {}

  void add_children(cmark_node* parent) {
    for (cmark_node* child = cmark_node_first_child(parent); child; child = cmark_node_next(child))
      add(child);
  }

  void add_siblings_from(cmark_node* first) {
    for (cmark_node* node = first; node; node = cmark_node_next(node)) add(node);
  }

  void add(cmark_node* node) {
    switch (type_of(node)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        if (!in_script_) text_ += literal_of(node);
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        text_ += '\n';  // kept as a line break until the block decides (tables need lines)
        break;
      case CMARK_NODE_HTML_INLINE: {
        const std::string_view tag = literal_of(node);
        const std::string name = html_tag_name(tag);
        if (name == "script" || name == "style") in_script_ = !is_closing_html_tag(tag);
        text_ += ' ';
        break;
      }
      case CMARK_NODE_LINK: {
        InlineText link_text(nullptr);
        link_text.add_children(node);
        std::string title = link_text.finish_line();
        text_ += title;
        const char* url = cmark_node_get_url(node);
        if (links_ != nullptr && url != nullptr && *url != '\0') links_->push_back({std::move(title), url});
        break;
      }
      default:  // emphasis, strong, image (its alt text), custom inlines
        add_children(node);
    }
  }

  // The text as one line.
  std::string finish_line() {
    std::string out = text_;
    std::replace(out.begin(), out.end(), '\n', ' ');
    return clean_prose(out);
  }

  // The text of a paragraph: a pipe table (which plain CommonMark leaves as a
  // paragraph) keeps one row per line without its delimiter row; prose is one line.
  std::string finish_paragraph() {
    std::vector<std::string_view> lines;
    std::string_view rest = text_;
    while (!rest.empty()) {
      const auto end = rest.find('\n');
      lines.push_back(trim(rest.substr(0, end)));
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    }
    const bool table =
        lines.size() >= 2 && std::all_of(lines.begin(), lines.end(), [](std::string_view line) {
          return !line.empty() && line.front() == '|';
        });
    if (!table) return finish_line();
    std::string out;
    for (std::string_view line : lines) {
      if (line.find_first_not_of("|-: ") == std::string_view::npos) continue;
      std::string row(line);
      std::replace(row.begin(), row.end(), '|', ' ');
      out += row;
      out += '\n';
    }
    return clean_prose(out);
  }

 private:
  std::vector<BodyLink>* links_;
  std::string text_;
  bool in_script_ = false;
};

// Plain text of a whole block (paragraph, list, quote, code, HTML), one line per block.
void append_block(cmark_node* block, std::string& out, std::vector<BodyLink>& links) {
  switch (type_of(block)) {
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING: {
      InlineText text(&links);
      text.add_children(block);
      const std::string paragraph = text.finish_paragraph();
      if (!paragraph.empty()) out += paragraph + "\n";
      break;
    }
    case CMARK_NODE_CODE_BLOCK: {
      const std::string code = clean_prose(literal_of(block));
      if (!code.empty()) out += code + "\n";
      break;
    }
    case CMARK_NODE_HTML_BLOCK: {
      const std::string html = clean_prose(html_to_text(literal_of(block)));
      if (!html.empty()) out += html + "\n";
      break;
    }
    case CMARK_NODE_THEMATIC_BREAK:
      break;
    default:  // block quote, list, item, custom block: their children
      for (cmark_node* child = cmark_node_first_child(block); child; child = cmark_node_next(child))
        append_block(child, out, links);
  }
}

std::vector<BodyLink> links_in(cmark_node* block) {
  std::vector<BodyLink> links;
  std::string ignored;
  append_block(block, ignored, links);
  return links;
}

cmark_node* first_non_blank(cmark_node* node) {
  while (node && type_of(node) == CMARK_NODE_TEXT && is_blank(literal_of(node))) node = cmark_node_next(node);
  return node;
}

bool is_break(cmark_node* node) {
  return node && (type_of(node) == CMARK_NODE_SOFTBREAK || type_of(node) == CMARK_NODE_LINEBREAK);
}

// A paragraph that opens with the thing it is about.
struct LeadingLink {
  cmark_node* link = nullptr;  // the LINK node
  cmark_node* lead = nullptr;  // the top-level inline that holds it (the link or its bold)
  std::string heading;         // what a reader sees as the entry's title line
};

std::optional<LeadingLink> leading_link(cmark_node* paragraph) {
  if (paragraph == nullptr || type_of(paragraph) != CMARK_NODE_PARAGRAPH) return std::nullopt;
  cmark_node* first = first_non_blank(cmark_node_first_child(paragraph));
  if (first == nullptr) return std::nullopt;
  LeadingLink lead;
  lead.lead = first;
  if (type_of(first) == CMARK_NODE_LINK) {
    lead.link = first;
  } else if (type_of(first) == CMARK_NODE_STRONG || type_of(first) == CMARK_NODE_EMPH) {
    cmark_node* inner = first_non_blank(cmark_node_first_child(first));
    if (inner && type_of(inner) == CMARK_NODE_LINK) {
      lead.link = inner;
    } else {
      // "**Title**" then a line break then a bare link: the bold line names the link.
      cmark_node* after = first_non_blank(cmark_node_next(first));
      if (!is_break(after)) return std::nullopt;
      while (is_break(after)) after = first_non_blank(cmark_node_next(after));
      if (!after || type_of(after) != CMARK_NODE_LINK) return std::nullopt;
      lead.link = after;
      lead.lead = after;
      InlineText bold(nullptr);
      bold.add(first);
      lead.heading = bold.finish_line();
      return lead;
    }
  } else {
    return std::nullopt;
  }
  const char* url = cmark_node_get_url(lead.link);
  if (url == nullptr || *url == '\0' || *url == '#') return std::nullopt;
  InlineText heading(nullptr);
  heading.add(lead.lead);
  lead.heading = heading.finish_line();
  return lead;
}

std::optional<LeadingLink> leading_link_of_item(cmark_node* item) {
  return leading_link(cmark_node_first_child(item));
}

// Link texts that say nothing about what is linked.
bool is_generic_title(std::string_view title) {
  static constexpr std::array<std::string_view, 14> generic{
      "link", "here",  "this",   "paper",   "the paper", "this paper", "link to the paper",
      "pdf",  "arxiv", "source", "article", "post",      "blog post",  "read more"};
  const std::string lowered = index::ascii_lowercase(trim(title, " \t\n.:()[]"));
  return lowered.empty() || std::find(generic.begin(), generic.end(), lowered) != generic.end();
}

// Titles lose wrapping quotes ("\"Title\"" as written in some link texts); a generic
// or bare-URL title is replaced by the context's own title line when there is one.
void tidy_item_titles(std::vector<BodyLink>& items, std::string_view context_title) {
  for (BodyLink& item : items) {
    std::string_view title = trim(item.text);
    for (auto [open, close] :
         std::array<std::pair<std::string_view, std::string_view>, 2>{{{"\"", "\""}, {"\u201c", "\u201d"}}})
      if (title.size() > open.size() + close.size() && title.substr(0, open.size()) == open &&
          title.substr(title.size() - close.size()) == close)
        title = trim(title.substr(open.size(), title.size() - open.size() - close.size()));
    std::string tidy(title);
    const bool bare_url = tidy == item.url || tidy.rfind("http://", 0) == 0 || tidy.rfind("https://", 0) == 0;
    if ((bare_url || is_generic_title(tidy)) && !context_title.empty() && context_title != tidy) {
      std::string context(context_title);
      if (!bare_url && items.size() == 1) {
        // "Some Paper ([pdf](u))": the heading minus the generic link text.
        const auto at = context.find(tidy);
        if (at != std::string::npos) context.erase(at, tidy.size());
        context = std::string(trim_separators(context, " \t\n.:-()[]|"));
      }
      if (!context.empty()) tidy = context;
    }
    item.text = std::move(tidy);
  }
}

// A link to a place on the same page (#section) is navigation, not something read.
void drop_fragment_links(std::vector<BodyLink>& links) {
  std::erase_if(links, [](const BodyLink& link) { return link.url.front() == '#'; });
}

// What a heading opens: an entry about the links it holds or, when it holds none, about
// those of the block quote right after it ("### Headline" then "> Outlet -- [Title](url)").
// No links: no entry.
struct HeadingLinks {
  std::vector<BodyLink> links;
  cmark_node* quote = nullptr;  // the block quote the links came from, if any
};

HeadingLinks heading_links(cmark_node* heading) {
  HeadingLinks found;
  InlineText text(&found.links);
  text.add_children(heading);
  drop_fragment_links(found.links);
  cmark_node* next = cmark_node_next(heading);
  if (found.links.empty() && next && type_of(next) == CMARK_NODE_BLOCK_QUOTE) {
    found.links = links_in(next);
    drop_fragment_links(found.links);
    if (!found.links.empty()) found.quote = next;
  }
  return found;
}

class BodyWalker {
 public:
  BodyWalker(unsigned first_line, bool link_lists) : first_line_(first_line), link_lists_(link_lists) {}

  PostBody walk(cmark_node* document) {
    for (cmark_node* node = cmark_node_first_child(document); node; node = cmark_node_next(node)) {
      if (type_of(node) == CMARK_NODE_HEADING) {
        node = heading(node);
      } else if (scope_ == Scope::heading_entry) {
        append_block(node, current_.commentary, current_.mentions);
      } else if (type_of(node) == CMARK_NODE_THEMATIC_BREAK) {
        close();
      } else if (link_lists_ && leading_link(node)) {
        close();
        open_from_paragraph(node, node);
      } else if (link_lists_ && type_of(node) == CMARK_NODE_LIST && list_has_leading_link(node)) {
        list(node);
      } else if (scope_ == Scope::paragraph_entry) {
        append_block(node, current_.commentary, current_.mentions);
      } else {
        outside(node);
      }
    }
    close();
    if (body_.entries.empty()) body_.intro = body_.rest;
    return std::move(body_);
  }

 private:
  enum class Scope { none, heading_entry, paragraph_entry };

  unsigned line_of(cmark_node* node) const {
    return static_cast<unsigned>(std::max(cmark_node_get_start_line(node), 1)) + first_line_ - 1;
  }

  // Handles a heading; returns the last node consumed (the heading, or the quote after it).
  cmark_node* heading(cmark_node* node) {
    std::vector<BodyLink> inline_links;
    InlineText text(&inline_links);
    text.add_children(node);
    const std::string title = text.finish_line();
    const int level = cmark_node_get_heading_level(node);
    const int index = static_cast<int>(body_.headings.size());
    body_.headings.push_back(title);
    if (scope_ == Scope::heading_entry && level > level_) {
      if (!title.empty()) current_.commentary += title + "\n";
      current_.mentions.insert(current_.mentions.end(), inline_links.begin(), inline_links.end());
      return node;
    }
    close();
    HeadingLinks found = heading_links(node);
    if (found.links.empty()) {
      last_heading_ = index;
      add_outside(title.empty() ? title : title + "\n", {});
      return node;
    }
    open(Scope::heading_entry, title, index, node, std::move(found.links));
    level_ = level;
    if (found.quote == nullptr) return node;
    std::vector<BodyLink> ignored;  // the quote's links are the entry's items
    append_block(found.quote, current_.commentary, ignored);
    return found.quote;
  }

  void list(cmark_node* list_node) {
    close();
    for (cmark_node* item = cmark_node_first_child(list_node); item; item = cmark_node_next(item)) {
      if (leading_link_of_item(item)) {
        open_from_paragraph(cmark_node_first_child(item), item);
        close();
      } else {
        outside(item);
      }
    }
  }

  // Opens an entry at a paragraph that starts with a link; `block` is the paragraph or
  // the list item holding it, whose remaining blocks are commentary too.
  void open_from_paragraph(cmark_node* paragraph, cmark_node* block) {
    const LeadingLink lead = *leading_link(paragraph);
    std::vector<BodyLink> items;
    InlineText item_text(&items);
    item_text.add(lead.link);
    open(Scope::paragraph_entry, lead.heading, last_heading_, block, std::move(items));
    InlineText rest(&current_.mentions);
    rest.add_siblings_from(cmark_node_next(lead.lead));
    // What follows the title, without the separator that joins them ("[T](u). Text", "**…**: text").
    const std::string after(trim_separators(rest.finish_paragraph(), " \t\n.,:;-", false));
    if (!after.empty()) current_.commentary += after + "\n";
    if (block != paragraph)
      for (cmark_node* child = cmark_node_next(paragraph); child; child = cmark_node_next(child))
        append_block(child, current_.commentary, current_.mentions);
  }

  void open(Scope scope, const std::string& heading, int anchor, cmark_node* node,
            std::vector<BodyLink> items) {
    scope_ = scope;
    current_ = BodyEntry{};
    current_.heading = heading;
    current_.anchor_heading = anchor;
    current_.line = line_of(node);
    tidy_item_titles(items, heading);
    current_.items = std::move(items);
  }

  void close() {
    if (scope_ == Scope::none) return;
    while (!current_.commentary.empty() && current_.commentary.back() == '\n') current_.commentary.pop_back();
    body_.entries.push_back(std::move(current_));
    current_ = BodyEntry{};
    scope_ = Scope::none;
  }

  void outside(cmark_node* block) {
    std::string text;
    std::vector<BodyLink> links;
    append_block(block, text, links);
    add_outside(text, std::move(links));
  }

  void add_outside(const std::string& text, std::vector<BodyLink> links) {
    body_.rest += text;
    if (body_.entries.empty() && scope_ == Scope::none) body_.intro += text;
    body_.mentions.insert(body_.mentions.end(), links.begin(), links.end());
  }

  static bool list_has_leading_link(cmark_node* list_node) {
    for (cmark_node* item = cmark_node_first_child(list_node); item; item = cmark_node_next(item))
      if (leading_link_of_item(item)) return true;
    return false;
  }

  unsigned first_line_;
  bool link_lists_;
  PostBody body_;
  Scope scope_ = Scope::none;
  int level_ = 0;
  int last_heading_ = -1;
  BodyEntry current_;
};

// Link-list layouts only count when a post has at least two entries in them: one
// paragraph that happens to open with a link is prose, not a list.
bool has_link_list(cmark_node* document) {
  int candidates = 0;
  int entry_level = 0;  // level of the heading entry being passed over; 0 outside one
  for (cmark_node* node = cmark_node_first_child(document); node && candidates < 2;
       node = cmark_node_next(node)) {
    if (type_of(node) == CMARK_NODE_HEADING) {
      const int level = cmark_node_get_heading_level(node);
      if (entry_level != 0 && level > entry_level) continue;
      entry_level = heading_links(node).links.empty() ? 0 : level;
      continue;
    }
    if (entry_level != 0) continue;  // commentary of a heading entry, not a list entry
    if (leading_link(node)) ++candidates;
    if (type_of(node) == CMARK_NODE_LIST)
      for (cmark_node* item = cmark_node_first_child(node); item; item = cmark_node_next(item))
        if (leading_link_of_item(item)) ++candidates;
  }
  return candidates >= 2;
}

void trim_trailing_newlines(std::string& text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
}

}  // namespace

PostBody parse_body(std::string_view markdown, unsigned first_line) {
  const Document document(cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT));
  PostBody body = BodyWalker(first_line, has_link_list(document.get())).walk(document.get());
  trim_trailing_newlines(body.intro);
  trim_trailing_newlines(body.rest);
  return body;
}

}  // namespace clubsearch::indexer
