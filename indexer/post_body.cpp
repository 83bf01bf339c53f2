// Walks cmark's syntax tree of a post body and cuts it into entries (see post_body.h).
#include "indexer/post_body.h"

#include <cmark.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <optional>
#include <utility>

#include "index/ascii.h"
#include "index/link_keys.h"
#include "indexer/markdown_tree.h"
#include "indexer/plain_text.h"

namespace clubsearch::indexer {

namespace {

cmark_node_type type_of(cmark_node* node) { return cmark_node_get_type(node); }

std::string_view literal_of(cmark_node* node) {
  const char* literal = cmark_node_get_literal(node);
  return literal == nullptr ? std::string_view() : std::string_view(literal);
}

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n'; });
}

// A letter or a number of any script; not the marks Xapian also counts in words (an
// emoji's variation selector, as in "⭐️", is one).
bool is_letter_or_number(unsigned ch) {
  const Xapian::Unicode::category category = Xapian::Unicode::get_category(ch);
  return (category >= Xapian::Unicode::UPPERCASE_LETTER && category <= Xapian::Unicode::OTHER_LETTER) ||
         (category >= Xapian::Unicode::DECIMAL_DIGIT_NUMBER && category <= Xapian::Unicode::OTHER_NUMBER);
}

// How many characters of words a text holds, of any script (CJK text has no spaces to
// count words by); punctuation and symbols ("·", "→") are none.
std::size_t word_characters(std::string_view text) {
  std::size_t count = 0;
  for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it)
    if (is_letter_or_number(*it)) ++count;
  return count;
}

bool has_word_characters(std::string_view text) { return word_characters(text) > 0; }

std::size_t word_count(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\n';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
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

  // Collects only the text before `node` (the words leading up to a link).
  void stop_at(cmark_node* node) { stop_at_ = node; }

  void add(cmark_node* node) {
    if (node == stop_at_) stopped_ = true;
    if (stopped_) return;
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
        const std::size_t link_start = text_.size();
        text_ += title;
        const char* url = cmark_node_get_url(node);
        if (links_ != nullptr && url != nullptr && *url != '\0')
          links_->push_back({std::move(title), url, label_before(link_start)});
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
  // The few words of the current line before offset `end` of the text: a link's label.
  std::string label_before(std::size_t end) const {
    constexpr std::size_t kLabelBytes = 24;
    std::size_t begin = text_.rfind('\n', end == 0 ? 0 : end - 1);
    begin = begin == std::string::npos || begin >= end ? 0 : begin + 1;
    if (end - begin > kLabelBytes) begin = end - kLabelBytes;
    while (begin < end && (static_cast<unsigned char>(text_[begin]) & 0xC0) == 0x80) ++begin;  // whole characters
    return std::string(trim(std::string_view(text_).substr(begin, end - begin)));
  }

  std::vector<BodyLink>* links_;
  std::string text_;
  bool in_script_ = false;
  cmark_node* stop_at_ = nullptr;
  bool stopped_ = false;
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

// ---- What a link's text says ----------------------------------------------------------

// What a link text says about the thing linked when it is not a title: a reference to a
// post's paper ("Link to the paper", "pdf", "arXiv"), to something beside it ("code",
// "slides"), or nothing at all ("here", "link", "[1]").
enum class GenericText { none, paper, companion, filler };

// A link text without the punctuation, and the symbols of any script ("Read more →",
// "» Source", "🔗"), at either end.
std::string_view without_end_symbols(std::string_view text) {
  constexpr std::string_view kAscii = " \t\n.:;,!?()[]{}\"'*_";
  for (bool changed = true; changed;) {
    changed = false;
    text = trim(text, kAscii);
    if (text.empty()) break;
    if (static_cast<unsigned char>(text.front()) >= 0x80) {
      Xapian::Utf8Iterator first(text.data(), text.size());
      if (!is_letter_or_number(*first)) {
        text.remove_prefix(text.size() - (++first).left());
        changed = true;
        continue;
      }
    }
    std::size_t last = text.size() - 1;
    while (last > 0 && (static_cast<unsigned char>(text[last]) & 0xC0) == 0x80) --last;  // a character's first byte
    if (static_cast<unsigned char>(text[last]) >= 0x80 &&
        !is_letter_or_number(*Xapian::Utf8Iterator(text.data() + last, text.size() - last))) {
      text.remove_suffix(text.size() - last);
      changed = true;
    }
  }
  return text;
}

std::string normalised_link_text(std::string_view text) {
  std::string lowered = index::ascii_lowercase(without_end_symbols(text));
  static constexpr std::array<std::string_view, 14> prefixes{
      "link to the ", "link to ", "click ", "see the ", "see ",      "read the ", "the ",
      "this ",        "our ",     "a ",     "an ",      "official ", "original ", "full "};
  for (bool changed = true; changed;) {
    changed = false;
    for (std::string_view prefix : prefixes)
      if (lowered.size() > prefix.size() && lowered.compare(0, prefix.size(), prefix) == 0) {
        lowered.erase(0, prefix.size());
        changed = true;
      }
  }
  for (std::string_view suffix : {std::string_view(" link"), std::string_view(" here")})
    if (lowered.size() > suffix.size() && lowered.compare(lowered.size() - suffix.size(), suffix.size(), suffix) == 0)
      lowered.erase(lowered.size() - suffix.size());
  return lowered;
}

// A call to action in a newsletter's outro ("subscribe via RSS", "share this with a friend").
// `lowered`: the text as normalised_link_text gives it.
bool is_normalised_call_to_action(std::string_view lowered) {
  static constexpr std::array<std::string_view, 7> calls{"subscribe",    "sign up", "share this", "follow me",
                                                         "buy me a coffee", "unsubscribe", "reply to this"};
  return std::any_of(calls.begin(), calls.end(), [&](std::string_view call) {
    return lowered.compare(0, call.size(), call) == 0 && (lowered.size() == call.size() || lowered[call.size()] == ' ');
  });
}

bool is_call_to_action(std::string_view text) { return is_normalised_call_to_action(normalised_link_text(text)); }

GenericText generic_text(std::string_view text) {
  static constexpr std::array<std::string_view, 20> paper{
      "paper",      "pdf",          "arxiv",         "preprint",     "paper (pdf)",
      "paper pdf",  "arxiv paper",  "paper on arxiv", "abstract",    "abs",
      "doi",        "publication",  "manuscript",    "full text",    "technical report",
      "tech report", "openreview",  "paper page",    "paper website", "pre-print"};
  static constexpr std::array<std::string_view, 30> companion{
      "code",       "source code",   "implementation", "github",         "github repo",
      "repo",       "repository",    "code and data",  "code & data",    "slides",
      "video",      "talk",          "poster",         "project page",   "project website",
      "project",    "website",       "blog post",      "blog",           "demo",
      "dataset",    "data",          "colab",          "notebook",       "jupyter notebook",
      "weights",    "model",         "supplementary",  "supplementary material", "appendix"};
  static constexpr std::array<std::string_view, 22> filler{
      "link",  "here",    "this",     "that",    "it",       "post",  "read more", "more",
      "source", "via",    "article",  "a link",  "this link", "page", "website here", "tweet",
      "thread", "twitter", "x",       "details", "more info", "announcement"};
  const std::string lowered = normalised_link_text(text);
  // No words ("[1]", "[→](…)"), or a call to action.
  if (!has_word_characters(lowered) || index::all_digits(lowered) || is_normalised_call_to_action(lowered))
    return GenericText::filler;
  auto in = [&](const auto& list) { return std::find(list.begin(), list.end(), lowered) != list.end(); };
  if (in(paper)) return GenericText::paper;
  if (in(companion)) return GenericText::companion;
  if (in(filler)) return GenericText::filler;
  return GenericText::none;
}

// Link texts that say nothing about what is linked.
bool is_generic_title(std::string_view title) { return generic_text(title) != GenericText::none; }

bool is_web_link(cmark_node* link) {
  const char* url = cmark_node_get_url(link);
  return url != nullptr && *url != '\0' && *url != '#';
}

std::string text_of(cmark_node* node) {
  InlineText text(nullptr);
  text.add(node);
  return text.finish_line();
}

// ---- Where an entry starts --------------------------------------------------------------

// A paragraph that opens with the thing it is about.
struct LeadingLink {
  cmark_node* link = nullptr;  // the LINK node
  cmark_node* lead = nullptr;  // the top-level inline that holds it (the link or its bold)
  std::string heading;         // what a reader sees as the entry's title line
  std::string label;           // the words before the link ("Font in the wild:"), if any
};

// What a label before a link says it is: "Paper: [Title](…)", "**arXiv** – [Title](…)"
// say the paper, "Code: […](…)" its code; none when there is no label ("we read [X]").
GenericText label_kind(std::string_view label) {
  const std::string_view trimmed = trim(label);
  const std::string_view bare = trim_separators(trimmed, " \t:-*_", true);
  if (bare.size() == trimmed.size()) return GenericText::none;  // no separator: labels nothing
  const auto space = bare.find_last_of(' ');
  return generic_text(space == std::string_view::npos ? bare : bare.substr(space + 1));
}

bool labelled_as_paper(std::string_view label) { return label_kind(label) == GenericText::paper; }

// Whether a link's text is its address, whole or without its scheme ("<https://…>",
// "[arxiv.org/abs/2210.03629](https://arxiv.org/abs/2210.03629)").
bool text_is_address(const BodyLink& link) {
  const std::string_view text = trim(link.text);
  if (text.empty() || text.find_first_of(" \t\n") != std::string_view::npos) return false;
  if (text == link.url || text.starts_with("http://") || text.starts_with("https://")) return true;
  const auto scheme = link.url.find("://");
  const std::string_view rest =
      scheme == std::string::npos ? std::string_view(link.url) : std::string_view(link.url).substr(scheme + 3);
  return text.find('.') != std::string_view::npos && rest.find(text) != std::string_view::npos;
}

// The link right after a short label that opens a paragraph and ends with a colon or a
// dash ("The Verge: [Title](…)", "Reuters – [Title](…)", "来源：[标题](…)"), a few words
// of plain text with or without emphasis, or after a mark of symbols ("📄 [Title](…)");
// else null.
cmark_node* link_after_label(cmark_node* first) {
  constexpr std::size_t kMaxLabelCharacters = 24, kMaxLabelWords = 4;
  std::string label;
  cmark_node* node = first;
  for (; node && type_of(node) != CMARK_NODE_LINK; node = cmark_node_next(node)) {
    bool text = type_of(node) == CMARK_NODE_TEXT;
    if (type_of(node) == CMARK_NODE_STRONG || type_of(node) == CMARK_NODE_EMPH) {  // of text alone
      text = true;
      for (cmark_node* child = cmark_node_first_child(node); child; child = cmark_node_next(child))
        text = text && type_of(child) == CMARK_NODE_TEXT;
    }
    if (!text) return nullptr;
    label += type_of(node) == CMARK_NODE_TEXT ? std::string(literal_of(node)) : text_of(node);
  }
  if (node == nullptr) return nullptr;
  const std::string_view trimmed = trim(label);
  // A mark of symbols alone ("📄 [Title](…)", "→ [Title](…)") is a label too.
  if (!trimmed.empty() && word_characters(trimmed) == 0 && trimmed.size() <= kMaxLabelCharacters) return node;
  const bool ends = trimmed.ends_with(":") || trimmed.ends_with(" -") || trimmed.ends_with("\u2013") ||
                    trimmed.ends_with("\u2014") || trimmed.ends_with("\uff1a");
  if (!ends || word_characters(trimmed) == 0) return nullptr;
  // Before a bare address, the "label" is the title ("Toolformer: Language Models Can Teach
  // Themselves to Use Tools - https://…"): a name's length, not a label's.
  const char* url = cmark_node_get_url(node);
  constexpr std::size_t kMaxTitle = 200;  // bytes
  if (url != nullptr && text_is_address({text_of(node), url, {}}))
    return trimmed.size() <= kMaxTitle && trimmed.find_first_of("[]()<>") == std::string_view::npos ? node : nullptr;
  if (word_characters(trimmed) > kMaxLabelCharacters || word_count(trimmed) > kMaxLabelWords) return nullptr;
  return node;
}

// A paragraph's link after its label (from `first` on); nothing when the link is no web
// link or names nothing.
std::optional<LeadingLink> labelled_lead(cmark_node* first, cmark_node* link) {
  if (!is_web_link(link)) return std::nullopt;
  LeadingLink lead;
  lead.link = link;
  lead.lead = link;
  lead.heading = text_of(link);
  if (is_generic_title(lead.heading)) return std::nullopt;
  InlineText label(nullptr);
  label.stop_at(link);
  label.add_siblings_from(first);
  lead.label = label.finish_line();
  if (!has_word_characters(lead.label)) lead.label.clear();  // a mark ("📄") says nothing
  // "Toolformer - https://arxiv.org/abs/…": a bare address is no title; the label is.
  const char* url = cmark_node_get_url(link);
  if (!lead.label.empty() && url != nullptr && text_is_address({lead.heading, url, {}})) {
    lead.heading = std::string(trim_separators(lead.label, " \t\n:-", true));
    lead.label.clear();
  }
  return lead;
}

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
      if (!is_break(after)) {
        // "**TechCrunch**: [Title](…)": a bold label, then the link.
        cmark_node* labelled = link_after_label(first);
        if (labelled == nullptr) return std::nullopt;
        return labelled_lead(first, labelled);
      }
      while (is_break(after)) after = first_non_blank(cmark_node_next(after));
      if (!after || type_of(after) != CMARK_NODE_LINK || !is_web_link(after)) return std::nullopt;
      lead.link = after;
      lead.lead = after;
      lead.heading = text_of(first);
      if (lead.heading.empty()) return std::nullopt;
      return lead;
    }
  } else if (cmark_node* labelled = link_after_label(first)) {
    // "The Verge: [Title](…)", "Reuters – [Title](…)": a short label, then the link.
    return labelled_lead(first, labelled);
  } else {
    return std::nullopt;
  }
  if (!is_web_link(lead.link)) return std::nullopt;
  lead.heading = text_of(lead.lead);
  // "[Link to the paper](…)" opens nothing: it names no entry.
  if (is_generic_title(lead.heading)) return std::nullopt;
  return lead;
}

std::optional<LeadingLink> leading_link_of_item(cmark_node* item) {
  return leading_link(cmark_node_first_child(item));
}

// A paragraph led by a bold title line with no link: "**Title**" alone, or followed by a
// line break and the text about it.
std::optional<std::string> bold_title_line(cmark_node* paragraph) {
  if (paragraph == nullptr || type_of(paragraph) != CMARK_NODE_PARAGRAPH) return std::nullopt;
  cmark_node* first = first_non_blank(cmark_node_first_child(paragraph));
  if (first == nullptr || type_of(first) != CMARK_NODE_STRONG) return std::nullopt;
  cmark_node* after = first_non_blank(cmark_node_next(first));
  if (after != nullptr && !is_break(after)) return std::nullopt;
  std::string title = text_of(first);
  if (title.empty()) return std::nullopt;
  return title;
}

// The first link among the inline nodes from `first` up to `end` (not included; null:
// to the last sibling), and inside them, that names what it links to.
cmark_node* first_named_link_among(cmark_node* first, cmark_node* end, bool generic_ok) {
  for (cmark_node* node = first; node != end; node = cmark_node_next(node)) {
    if (type_of(node) == CMARK_NODE_LINK) {
      // An address written out ("https://…") names nothing either.
      const std::string text = text_of(node);
      const bool address = text.starts_with("http://") || text.starts_with("https://") || text.starts_with("www.");
      if (is_web_link(node) && (generic_ok || (!is_generic_title(text) && !address))) return node;
      continue;
    }
    if (cmark_node* inner = first_named_link_among(cmark_node_first_child(node), nullptr, generic_ok)) return inner;
  }
  return nullptr;
}

// The first link of an inline tree that names what it links to.
cmark_node* first_named_link(cmark_node* parent, bool generic_ok) {
  return first_named_link_among(cmark_node_first_child(parent), nullptr, generic_ok);
}

// A paragraph about a link that is not at its start: "A narrow sans serif, [FUD
// Grotesk](…), inspired by…", or a quote with its source at the end ("“…” Jane Doe in
// [Title](…)"). A bold lead names it ("**Title**: text ([paper](…))"); else the link does.
struct InnerLink {
  cmark_node* link = nullptr;
  std::string heading;
  bool bold_lead = false;  // titled by the paragraph's bold lead
};

// The first web link of an inline tree that stands for a paper or its code by a word
// ("pdf", "code"), not by a name.
cmark_node* first_reference_link(cmark_node* parent) {
  for (cmark_node* child = cmark_node_first_child(parent); child; child = cmark_node_next(child)) {
    if (type_of(child) == CMARK_NODE_LINK) {
      if (!is_web_link(child)) continue;
      const GenericText kind = generic_text(text_of(child));
      if (kind == GenericText::paper || kind == GenericText::companion) return child;
      return nullptr;  // the first link names something else, or nothing
    }
    if (cmark_node* inner = first_reference_link(child)) return inner;
  }
  return nullptr;
}

// Whether a link's text (`text`, text_of(link)) is the name of the site it links to, as a
// news item names its outlet: "[The Verge](https://www.theverge.com/…)", "[MIT Technology
// Review](https://www.technologyreview.com/…)". The name's letters and digits, lowercased
// (with or without a leading "the"), are a label of the host, or hold one of five letters
// or more.
bool names_its_site(std::string_view text, cmark_node* link) {
  const auto url = index::parse_web_url(cmark_node_get_url(link));
  if (!url) return false;
  std::string name;
  for (const char c : text)
    if (std::isalnum(static_cast<unsigned char>(c))) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name.size() < 3) return false;
  const std::string_view bare = std::string_view(name).starts_with("the") ? std::string_view(name).substr(3) : name;
  std::string_view host = url->host;
  host = host.substr(0, host.rfind('.'));  // not the top-level domain
  for (std::size_t start = 0; start <= host.size();) {
    const std::size_t dot = std::min(host.find('.', start), host.size());
    const std::string_view label = host.substr(start, dot - start);
    if (label == name || label == bare || (label.size() >= 5 && name.find(label) != std::string::npos)) return true;
    start = dot + 1;
  }
  return false;
}

// A list item's one link, when it names nothing (or only its outlet) and ends the item:
// "- Grokking: generalization beyond overfitting. Networks generalize long after.
// ([source](…))", "- A visual guide to quantization. [→](…)", "- OpenAI ships a model —
// [The Verge](…)". (In a paragraph of an essay, "… ([here](…))." is a citation, not what
// the paragraph is about.)
cmark_node* closing_filler_link(cmark_node* paragraph) {
  if (type_of(cmark_node_parent(paragraph)) != CMARK_NODE_ITEM) return nullptr;
  cmark_node* link = nullptr;
  for (cmark_node* child = cmark_node_first_child(paragraph); child; child = cmark_node_next(child)) {
    if (type_of(child) == CMARK_NODE_LINK && is_web_link(child)) {
      if (link != nullptr) return nullptr;
      const std::string text = text_of(child);
      if (generic_text(text) != GenericText::filler && !names_its_site(text, child)) return nullptr;
      link = child;
    } else if (link != nullptr && (type_of(child) != CMARK_NODE_TEXT || has_word_characters(literal_of(child)))) {
      return nullptr;  // words after the link
    } else if (link == nullptr && type_of(child) != CMARK_NODE_TEXT && first_named_link(child, true) != nullptr) {
      return nullptr;  // a link inside emphasis before it
    }
  }
  return link;
}

// A title without the citation that closes it: "Attention Is All You Need (Vaswani et al.,
// 2017)" → "Attention Is All You Need". A closing parenthesis that holds a year or "et al."
// is a citation; empty when there is nothing else before it, or no such parenthesis.
std::string_view without_citation(std::string_view title) {
  if (title.empty() || title.back() != ')') return {};
  const std::size_t open = title.rfind('(');
  if (open == std::string_view::npos || open == 0) return {};
  const std::string_view inside = title.substr(open + 1, title.size() - open - 2);
  bool year = false;
  for (std::size_t at = 0; at + 4 <= inside.size() && !year; ++at)
    year = (inside.substr(at, 2) == "19" || inside.substr(at, 2) == "20") &&
           std::all_of(inside.begin() + static_cast<std::ptrdiff_t>(at), inside.begin() + static_cast<std::ptrdiff_t>(at + 4),
                       [](char c) { return c >= '0' && c <= '9'; }) &&
           (at + 4 == inside.size() || !std::isdigit(static_cast<unsigned char>(inside[at + 4]))) &&
           (at == 0 || !std::isdigit(static_cast<unsigned char>(inside[at - 1])));
  if (!year && inside.find("et al") == std::string_view::npos) return {};
  return trim(trim_separators(title.substr(0, open), " \t\n,:;-", true));
}

// The first sentence of a text of several ("Grokking: beyond overfitting. Networks…" →
// "Grokking: beyond overfitting"); a period after one word is an abbreviation ("Dr. ").
std::string_view first_sentence(std::string_view text) {
  for (std::size_t at = text.find_first_of(".?!"); at != std::string_view::npos; at = text.find_first_of(".?!", at + 1))
    if (at + 1 < text.size() && text[at + 1] == ' ' && word_count(text.substr(0, at)) >= 2)
      return text.substr(0, text[at] == '.' ? at : at + 1);  // a question keeps its mark
  return text;
}

// "Scaling Laws for Neural Language Models ([pdf](…))": a title, then the link to what it
// names by a word, set off by punctuation. The title is the text before the link (its first
// sentence, when it has several).
std::optional<InnerLink> titled_reference_link(cmark_node* paragraph) {
  if (paragraph == nullptr || type_of(paragraph) != CMARK_NODE_PARAGRAPH) return std::nullopt;
  cmark_node* link = first_reference_link(paragraph);
  const bool closing = link == nullptr;
  if (closing) link = closing_filler_link(paragraph);
  if (link == nullptr) return std::nullopt;
  InlineText before(nullptr);
  before.stop_at(link);
  before.add_children(paragraph);
  const std::string lead = before.finish_line();
  // The link is set off from the title ("Title ([pdf](…))", "Title: [arXiv](…)", "Title –
  // [code](…)"); a sentence running into it ("as the [paper](…) says") names nothing. A
  // closing link may be set off by "via" ("Title via [TechCrunch](…)").
  std::string_view ending = trim(lead);
  bool via = false;
  if (closing && ending.size() > 4 && index::ascii_lowercase(ending.substr(ending.size() - 4)) == " via") {
    ending = trim(ending.substr(0, ending.size() - 4));
    via = true;
  }
  // A citation's closing parenthesis sets it off too ("Title (Vaswani et al., 2017) [arXiv](…)").
  const bool set_off =
      !ending.empty() && (via || std::string_view(closing ? "([{|,:;-.!?" : "([{|,:;-").find(ending.back()) !=
                                     std::string_view::npos ||
                          ending.ends_with("\u2013") || ending.ends_with("\u2014") ||
                          (ending.back() == ')' && !without_citation(ending).empty()));
  if (!set_off) return std::nullopt;
  const std::string_view text = trim_separators(first_sentence(via ? ending : std::string_view(lead)), " \t\n([{|,:;-.");
  const std::string_view cited = without_citation(text);
  std::string title(cited.empty() ? text : cited);
  constexpr std::size_t kMinTitle = 3, kMaxTitle = 200;  // bytes: a name, not a paragraph
  if (title.size() < kMinTitle || title.size() > kMaxTitle || is_generic_title(title)) return std::nullopt;
  return InnerLink{link, std::move(title), true};
}

// "**Scaling Monosemanticity** ([link](…)). Text…", "**The Bitter Lesson** - [source](…)",
// "**Title**: text. [Read more](…)": a paragraph led by a bold title, a name of two words or
// more and not a label ("**Note:**"), about a link further in whose text names nothing (or
// is its address). The title is the bold text.
std::optional<InnerLink> bold_lead_link(cmark_node* paragraph) {
  if (paragraph == nullptr || type_of(paragraph) != CMARK_NODE_PARAGRAPH) return std::nullopt;
  cmark_node* first = first_non_blank(cmark_node_first_child(paragraph));
  if (first == nullptr || type_of(first) != CMARK_NODE_STRONG || first_named_link(first, true) != nullptr)
    return std::nullopt;
  std::string bold = text_of(first);
  constexpr std::size_t kMaxTitle = 200;  // bytes: a name, not a paragraph
  const std::string_view title = trim(bold);
  if (title.empty() || title.size() > kMaxTitle || title.back() == ':' || word_count(title) < 2 ||
      is_generic_title(title))
    return std::nullopt;
  cmark_node* link = first_named_link_among(cmark_node_next(first), nullptr, true);
  // A link that names something is a subject of its own ("**Install it.** From [the
  // project's site](…)", a tutorial's step): the bold text titles only a link that does not.
  if (link == nullptr) return std::nullopt;
  const std::string text = text_of(link);
  const char* url = cmark_node_get_url(link);
  if (!is_generic_title(text) && !(url != nullptr && text_is_address({text, url, {}}))) return std::nullopt;
  return InnerLink{link, std::move(bold), true};
}

std::optional<InnerLink> inner_link(cmark_node* paragraph) {
  if (paragraph == nullptr || type_of(paragraph) != CMARK_NODE_PARAGRAPH) return std::nullopt;
  cmark_node* first = first_non_blank(cmark_node_first_child(paragraph));
  if (first != nullptr && type_of(first) == CMARK_NODE_STRONG) {
    std::string bold = text_of(first);
    // A bold label ("**Note:**", "**Update:**") titles nothing.
    if (!bold.empty() && bold.back() != ':' && !is_generic_title(bold))
      if (cmark_node* link = first_named_link(paragraph, true)) return InnerLink{link, std::move(bold), true};
  }
  cmark_node* link = first_named_link(paragraph, false);
  if (link == nullptr) return titled_reference_link(paragraph);
  std::string text = text_of(link);
  // A link named after its outlet, closing a list item, leaves the title to the item's
  // words ("- OpenAI ships a model — [The Verge](…)").
  if (names_its_site(text, link))
    if (std::optional<InnerLink> titled = titled_reference_link(paragraph)) return titled;
  return InnerLink{link, std::move(text), false};
}

bool is_hr_html(cmark_node* node) {
  if (type_of(node) != CMARK_NODE_HTML_BLOCK) return false;
  const std::string tag = index::ascii_lowercase(trim(literal_of(node)));
  return html_tag_name(tag) == "hr" && tag.find('>') == tag.size() - 1;
}

bool is_break_block(cmark_node* node) { return type_of(node) == CMARK_NODE_THEMATIC_BREAK || is_hr_html(node); }

bool opens_item(cmark_node* item) {
  return leading_link_of_item(item) || titled_reference_link(cmark_node_first_child(item));
}

bool list_has_leading_link(cmark_node* list_node);

// An item that names a category and lists its links below ("- **Agents**" then "  -
// [ReAct](…): …"): a short name, then lists.
bool is_category(cmark_node* item) {
  constexpr std::size_t kMaxNameWords = 6;
  cmark_node* name = cmark_node_first_child(item);
  if (name == nullptr || type_of(name) != CMARK_NODE_PARAGRAPH || opens_item(item)) return false;
  std::vector<BodyLink> links;
  std::string text;
  append_block(name, text, links);
  if (!links.empty() || word_count(text) > kMaxNameWords) return false;
  bool listed = false;
  for (cmark_node* child = cmark_node_next(name); child; child = cmark_node_next(child)) {
    if (type_of(child) != CMARK_NODE_LIST) return false;
    listed = listed || list_has_leading_link(child);
  }
  return listed;
}

// A list of categories: each item a category or an item of its own, one a category at
// least. (A list of notes whose "Baselines:" item lists links is not one.)
bool is_category_list(cmark_node* list_node) {
  bool category = false;
  for (cmark_node* item = cmark_node_first_child(list_node); item; item = cmark_node_next(item)) {
    if (opens_item(item)) continue;
    if (!is_category(item)) return false;
    category = true;
  }
  return category;
}

// The lists an item of a list of categories (`categories`: is_category_list of its list,
// found once per list) lists its links in; none for another item.
std::vector<cmark_node*> category_lists(bool categories, cmark_node* item) {
  std::vector<cmark_node*> lists;
  if (!categories || !is_category(item)) return lists;
  for (cmark_node* child = cmark_node_first_child(item); child; child = cmark_node_next(child))
    if (type_of(child) == CMARK_NODE_LIST) lists.push_back(child);
  return lists;
}

// Whether a list has an item that opens with a link, or is a list of categories.
bool list_has_leading_link(cmark_node* list_node) {
  for (cmark_node* item = cmark_node_first_child(list_node); item; item = cmark_node_next(item))
    if (opens_item(item)) return true;
  return is_category_list(list_node);
}

// A block that opens a link-list entry by its first words.
bool opens_list_entry(cmark_node* node) {
  return leading_link(node) || (type_of(node) == CMARK_NODE_LIST && list_has_leading_link(node));
}

// A heading without links followed by a block quote naming the source ("### Headline",
// "> Outlet, [Article](url)") is an entry about the quote's links. A long quote with a
// link inside is a pull quote, and a section that goes on with link-list entries is a
// section of picks, whose quote belongs to them.
bool quote_names_source(cmark_node* heading, cmark_node* quote, const std::vector<BodyLink>& links) {
  std::string text;
  std::vector<BodyLink> ignored;
  append_block(quote, text, ignored);
  std::size_t link_words = 0;
  for (const BodyLink& link : links) link_words += word_count(link.text);
  constexpr std::size_t kSourceLineWords = 30;
  const std::size_t words = word_count(text);
  if (words > kSourceLineWords && link_words * 2 < words) return false;
  const int level = cmark_node_get_heading_level(heading);
  for (cmark_node* node = cmark_node_next(quote); node; node = cmark_node_next(node)) {
    if (type_of(node) == CMARK_NODE_HEADING && cmark_node_get_heading_level(node) <= level) break;
    if (opens_list_entry(node)) return false;
  }
  return true;
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
    const bool bare_url = text_is_address({tidy, item.url, {}});
    // An empty text (a link around an image) keeps its URL as its title, further on.
    // "Code: [github.com/…](…)": what the label says, when the text says nothing.
    const bool labelled_companion =
        label_kind(item.label) == GenericText::companion && (bare_url || is_generic_title(tidy));
    if (!tidy.empty() && !context_title.empty() && (generic_text(tidy) == GenericText::companion || labelled_companion)) {
      // "[code](…)" beside a paper: "Paper title (code)".
      const std::string_view says = labelled_companion ? trim(trim_separators(item.label, " \t:-*_", true)) : tidy;
      tidy = std::string(context_title) + " (" + normalised_link_text(says) + ")";
    } else if (!tidy.empty() && (bare_url || is_generic_title(tidy)) && !context_title.empty() &&
               context_title != tidy) {
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
// those of the block quote right after it that names their source. No links: no entry.
struct HeadingLinks {
  std::vector<BodyLink> links;
  cmark_node* quote = nullptr;      // the block quote the links came from, if any
  cmark_node* link_line = nullptr;  // or the paragraph of links they came from
};

// A paragraph that is nothing but a line of at most three links: the address itself
// ("<https://…>", "[arxiv.org/abs/…](…)"), links that name nothing ("[pdf](…) ·
// [code](…)", "[Read more](…)"), or, where `labels` allows, any link after a label that
// says what it is ("Link: […](…)", "Source: [The Verge](…)"). Its links; nothing when the
// paragraph says more, or is a call to action ("[Buy me a coffee](…)").
std::vector<BodyLink> bare_link_line(cmark_node* paragraph, bool labels) {
  constexpr std::size_t kMaxLinks = 3;
  if (paragraph == nullptr || type_of(paragraph) != CMARK_NODE_PARAGRAPH) return {};
  std::string text;
  std::vector<BodyLink> links;
  append_block(paragraph, text, links);
  drop_fragment_links(links);
  if (links.empty() || links.size() > kMaxLinks) return {};
  // Outside the links, a label and separators at most.
  constexpr std::size_t kMaxLabelCharacters = 24;
  std::size_t from = 0;
  for (const BodyLink& link : links)
    if (const std::size_t at = text.find(link.text, from); at != std::string::npos && !link.text.empty()) {
      text.erase(at, link.text.size());
      from = at;
    }
  const std::size_t outside = word_characters(text);
  if (outside > kMaxLabelCharacters) return {};
  // A label that says what the link is, and no words after it but the links.
  const std::string_view label = trim(links.front().label);
  const std::string_view label_word = trim(trim_separators(label, " \t:-*_", true));
  const bool labelled = labels && !label.empty() && label.back() == ':' && outside == word_characters(label) &&
                        (generic_text(label_word) != GenericText::none || index::ascii_lowercase(label_word) == "url");
  if (!labelled && outside > 0) return {};  // "First paragraph with [a link](…)" is prose
  for (const BodyLink& link : links) {
    if (is_call_to_action(link.text)) return {};
    if (!labelled && !text_is_address(link) && !is_generic_title(link.text)) return {};
  }
  return links;
}

// A heading without links followed by a line of its links alone ("### Headline" then
// "<https://…>" or "Link: […](…)"): the links of that line, which the heading is an entry
// about. A link that names something counts only after a label: a named link alone opens
// a pick of its own. Nothing when the section goes on with picks (the links are theirs).
std::vector<BodyLink> link_line(cmark_node* heading, cmark_node* paragraph) {
  std::vector<BodyLink> links = bare_link_line(paragraph, true);
  if (links.empty()) return {};
  const int level = cmark_node_get_heading_level(heading);
  for (cmark_node* node = cmark_node_next(paragraph); node; node = cmark_node_next(node)) {
    if (type_of(node) == CMARK_NODE_HEADING && cmark_node_get_heading_level(node) <= level) break;
    if (opens_list_entry(node)) return {};
  }
  return links;
}

HeadingLinks heading_links(cmark_node* heading) {
  HeadingLinks found;
  InlineText text(&found.links);
  text.add_children(heading);
  drop_fragment_links(found.links);
  cmark_node* next = cmark_node_next(heading);
  if (found.links.empty() && next && type_of(next) == CMARK_NODE_BLOCK_QUOTE) {
    std::vector<BodyLink> quoted = links_in(next);
    drop_fragment_links(quoted);
    if (!quoted.empty() && quote_names_source(heading, next, quoted)) {
      found.links = std::move(quoted);
      found.quote = next;
    }
  }
  if (found.links.empty() && next && type_of(next) == CMARK_NODE_PARAGRAPH) {
    found.links = link_line(heading, next);
    if (!found.links.empty()) found.link_line = next;
  }
  return found;
}

// Links that stand for the post's own subject in a post about one paper: "[Link to the
// paper](…)", "[pdf](…)", or a link whose text is the post's title; "[code](…)" and
// "[slides](…)" are further items about the same work.
struct SubjectLinks {
  std::vector<BodyLink> items;
  std::vector<BodyLink> others;
};

std::string comparable_title(std::string_view title) {
  std::string out;
  for (char c : index::ascii_lowercase(title))
    if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) out += c;
  return out;
}

// "Paper: [Title](…)", "**arXiv** – [Title](…)": a label that says the link is the paper.

SubjectLinks subject_links(const std::vector<BodyLink>& links, std::string_view post_title) {
  SubjectLinks found;
  const std::string title = comparable_title(post_title);
  constexpr std::size_t kMinTitleMatch = 12;  // characters, so a one-word title names nothing
  auto names_post = [&](const BodyLink& link) {
    const std::string text = comparable_title(link.text);
    return text.size() >= kMinTitleMatch && title.size() >= kMinTitleMatch &&
           (text.find(title) != std::string::npos || title.find(text) != std::string::npos);
  };
  std::vector<BodyLink> companions;
  // The candidates for the paper: said to be it ("[Link to the paper](…)", "Paper: […](…)")
  // or merely named like the post.
  std::vector<std::pair<BodyLink, bool>> candidates;  // the link, said to be the paper
  for (const BodyLink& link : links) {
    const GenericText kind = generic_text(link.text);
    const bool seen = std::any_of(candidates.begin(), candidates.end(),
                                  [&](const auto& candidate) { return candidate.first.url == link.url; }) ||
                      std::any_of(companions.begin(), companions.end(),
                                  [&](const BodyLink& item) { return item.url == link.url; });
    const bool said = kind == GenericText::paper || labelled_as_paper(link.label);
    if (said || names_post(link)) {
      // The paper keeps its own title ("Paper: [Title](…)"); "the paper" takes the post's.
      if (!seen) candidates.push_back({{kind == GenericText::none ? link.text : std::string(post_title), link.url, {}}, said});
    } else if (kind == GenericText::companion) {
      if (!seen)
        companions.push_back({std::string(post_title) + " (" + normalised_link_text(link.text) + ")", link.url, {}});
    } else {
      found.others.push_back(link);
    }
  }
  // One paper, its abstract and PDF alike. Where some links say they are the paper, one
  // merely named like the post is about something else (the blog's own page on a method
  // the title names) and a mention; links that say they are two different papers ("[arXiv](a)
  // … [arXiv](b)") make a post about papers, not about one: a list no other layout read,
  // left as the post's text.
  const auto paper_of = [](const BodyLink& link) {
    std::string id = index::arxiv_id(link.url);
    return id.empty() ? index::url_key(link.url) : "arxiv:" + id;
  };
  const bool any_said = std::any_of(candidates.begin(), candidates.end(), [](const auto& c) { return c.second; });
  std::optional<std::string> paper;
  bool several = false;
  for (const auto& [link, said] : candidates) {
    if (any_said && !said) continue;
    if (!paper) paper = paper_of(link);
    several = several || paper_of(link) != *paper;
  }
  if (!paper || several) {
    found.items.clear();
    found.others = links;
    return found;
  }
  for (auto& [link, said] : candidates)
    (paper_of(link) == *paper ? found.items : found.others).push_back(std::move(link));
  found.items.insert(found.items.end(), companions.begin(), companions.end());
  return found;
}

// In a post of several papers, each under its own heading ("## Attention Is All You
// Need", then "[paper](…) · [code](…)" and notes), a heading without links is an entry
// about the paper its section links as "the paper". Returns those links (the paper and
// its code, slides…), empty when the section links no paper that way.
std::vector<BodyLink> section_paper_links(cmark_node* heading) {
  const int level = cmark_node_get_heading_level(heading);
  std::vector<BodyLink> links;
  std::vector<std::string> lines;  // links on a line of their own ("[Read more](…)"): the paper's
  for (cmark_node* node = cmark_node_next(heading); node; node = cmark_node_next(node)) {
    if (type_of(node) == CMARK_NODE_HEADING && cmark_node_get_heading_level(node) <= level) break;
    if (type_of(node) == CMARK_NODE_PARAGRAPH || type_of(node) == CMARK_NODE_LIST) {
      std::vector<BodyLink> found = links_in(node);
      // A section of picks: the links are theirs. ("Paper: [Title](…)" is the section's.)
      const bool labelled = !found.empty() && label_kind(found.front().label) != GenericText::none;
      if (opens_list_entry(node) && !labelled) return {};
      for (const BodyLink& link : bare_link_line(node, false)) lines.push_back(link.url);
      links.insert(links.end(), found.begin(), found.end());
    }
  }
  std::vector<BodyLink> items;
  bool paper = false;
  for (const BodyLink& link : links) {
    GenericText kind = generic_text(link.text);
    // "Paper: [Title](…)", "Code: […](…)": what the label says.
    if (const GenericText labelled = label_kind(link.label);
        labelled == GenericText::paper || labelled == GenericText::companion)
      kind = labelled;
    if (kind != GenericText::companion && std::find(lines.begin(), lines.end(), link.url) != lines.end())
      kind = GenericText::paper;
    if (kind != GenericText::paper && kind != GenericText::companion) continue;
    if (link.url.empty() || link.url.front() == '#') continue;
    if (std::any_of(items.begin(), items.end(), [&](const BodyLink& item) { return item.url == link.url; }))
      continue;
    paper = paper || kind == GenericText::paper;
    items.push_back(link);
  }
  if (!paper) items.clear();
  return items;
}

// Whether at least two headings of the post open sections that link different papers
// that way (a post about one paper may link it again further down).
bool has_paper_sections(cmark_node* document) {
  std::vector<std::string> papers;
  for (cmark_node* node = cmark_node_first_child(document); node && papers.size() < 2; node = cmark_node_next(node)) {
    if (type_of(node) != CMARK_NODE_HEADING) continue;
    // A heading holding its links is no plain heading; one whose links are on the line
    // below ("[paper](…) · [code](…)") still is.
    if (const HeadingLinks own = heading_links(node); !own.links.empty() && own.link_line == nullptr) continue;
    const std::vector<BodyLink> links = section_paper_links(node);
    if (!links.empty() && std::find(papers.begin(), papers.end(), links.front().url) == papers.end())
      papers.push_back(links.front().url);
  }
  return papers.size() >= 2;
}

// A pipe table (plain CommonMark leaves it a paragraph) whose rows link papers, one per
// row ("| [Title](url) | venue | notes |"): its rows, each as the inline nodes between
// line breaks (without the delimiter row), when at least two rows link something by
// name; else nothing.
struct TableRow {
  std::vector<cmark_node*> nodes;
  unsigned line = 0;  // 0-based line of the row within its paragraph
};

std::string row_text(const TableRow& row, std::vector<BodyLink>* links) {
  InlineText text(links);
  for (cmark_node* node : row.nodes) text.add(node);
  return text.finish_line();
}

// A row's nodes are consecutive siblings of the table's paragraph.
cmark_node* first_named_link_in(const TableRow& row) {
  if (row.nodes.empty()) return nullptr;
  return first_named_link_among(row.nodes.front(), cmark_node_next(row.nodes.back()), false);
}

std::vector<TableRow> linked_table_rows(cmark_node* paragraph) {
  if (type_of(paragraph) != CMARK_NODE_PARAGRAPH) return {};
  std::vector<TableRow> rows(1);
  for (cmark_node* child = cmark_node_first_child(paragraph); child; child = cmark_node_next(child)) {
    if (is_break(child))
      rows.push_back({{}, static_cast<unsigned>(rows.size())});
    else
      rows.back().nodes.push_back(child);
  }
  constexpr std::size_t kMinRows = 3;  // header, delimiter, a row
  if (rows.size() < kMinRows) return {};
  std::vector<TableRow> kept;
  bool delimiter = false;
  std::size_t linked = 0;
  for (const TableRow& row : rows) {
    const std::string text = row_text(row, nullptr);
    if (text.empty() || text.front() != '|') return {};
    if (text.find_first_not_of("|-: ") == std::string::npos) {
      delimiter = true;
      continue;
    }
    if (first_named_link_in(row) != nullptr) ++linked;
    kept.push_back(row);
  }
  if (!delimiter || linked < 2) return {};
  return kept;
}

// Which link-list layouts a post has (see link_lists below).
struct LinkLists {
  bool picks = false;            // paragraphs or list items opening with links are entries
  bool paragraph_picks = false;  // so are paragraphs that hold a link, or a bold title
};

class BodyWalker {
 public:
  BodyWalker(std::string_view markdown, unsigned first_line, LinkLists lists, bool paper_sections,
             std::string_view post_title)
      : markdown_(markdown),
        first_line_(first_line),
        link_lists_(lists.picks),
        paragraph_picks_(lists.paragraph_picks),
        paper_sections_(paper_sections),
        post_title_(post_title) {}

  PostBody walk(cmark_node* document) {
    for (cmark_node* node = cmark_node_first_child(document); node; node = cmark_node_next(node)) {
      if (type_of(node) == CMARK_NODE_HEADING) {
        node = heading(node);
      } else if (is_break_block(node)) {
        close();  // a rule ends an entry: what follows it is the post's (a footer, an outro)
      } else if (scope_ == Scope::heading_entry) {
        append_block(node, current_.commentary, current_.mentions);
      } else if (scope_ == Scope::paragraph_entry && current_.items.empty() &&
                 !(current_.items = bare_link_line(node, false)).empty()) {
        // A bold title's own link, on a line of its own below its text: its item.
        tidy_item_titles(current_.items, current_.heading);
      } else if (std::vector<TableRow> rows = linked_table_rows(node); !rows.empty()) {
        table(node, rows);
      } else if (link_lists_ && type_of(node) == CMARK_NODE_PARAGRAPH && opens_entry(node)) {
        close();
        open_from_paragraph(node, node);
      } else if (link_lists_ && type_of(node) == CMARK_NODE_LIST && list_has_leading_link(node)) {
        list(node);
      } else if (link_lists_ && scope_ == Scope::none && type_of(node) == CMARK_NODE_BLOCK_QUOTE &&
                 leads_into_entry(node)) {
        pending_quote_ = node;  // a quote introducing the pick after it
      } else if (scope_ == Scope::paragraph_entry) {
        append_block(node, current_.commentary, current_.mentions);
      } else {
        outside(node);
      }
    }
    close();
    if (pending_quote_ != nullptr) outside(std::exchange(pending_quote_, nullptr));
    if (body_.entries.empty()) one_paper_post();
    if (body_.entries.empty()) body_.intro = body_.rest;
    return std::move(body_);
  }

 private:
  enum class Scope { none, heading_entry, paragraph_entry };

  unsigned line_of(cmark_node* node) const {
    return static_cast<unsigned>(std::max(cmark_node_get_start_line(node), 1)) + first_line_ - 1;
  }

  // Whether a paragraph opens a pick. One that merely holds a link in its prose opens one
  // only past the post's opening (after a heading or a first pick): the welcome paragraph
  // of a newsletter ("since starting [this May](…), …") is its intro, not a pick.
  bool opens_entry(cmark_node* paragraph) const {
    if (leading_link(paragraph)) return true;
    if (!paragraph_picks_) return false;
    if (bold_title_line(paragraph)) return true;
    const std::optional<InnerLink> inner = inner_link(paragraph);
    if (!inner) return false;
    const bool opening = body_.headings.empty() && body_.entries.empty() && scope_ == Scope::none;
    return inner->bold_lead || !opening;
  }

  bool leads_into_entry(cmark_node* quote) const {
    cmark_node* next = cmark_node_next(quote);
    return next != nullptr && type_of(next) == CMARK_NODE_PARAGRAPH && opens_entry(next);
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
    body_.heading_sources.push_back(heading_source(node));
    if (scope_ == Scope::heading_entry && level > level_) {
      if (!title.empty()) current_.commentary += title + "\n";
      current_.mentions.insert(current_.mentions.end(), inline_links.begin(), inline_links.end());
      return node;
    }
    close();
    HeadingLinks found = heading_links(node);
    if (found.links.empty() && paper_sections_) {
      std::vector<BodyLink> papers = section_paper_links(node);
      if (!papers.empty()) {
        open(Scope::heading_entry, title, index, node, std::move(papers));
        level_ = level;
        return node;
      }
    }
    if (found.links.empty()) {
      last_heading_ = index;
      add_outside(title.empty() ? title : title + "\n", {});
      return node;
    }
    open(Scope::heading_entry, title, index, node, std::move(found.links));
    level_ = level;
    if (found.link_line != nullptr) return found.link_line;  // its links are the items; no words of its own
    if (found.quote == nullptr) return node;
    std::vector<BodyLink> ignored;  // the quote's links are the entry's items
    append_block(found.quote, current_.commentary, ignored);
    return found.quote;
  }

  // Each row of a table of papers is an entry titled by its first link that names something.
  void table(cmark_node* paragraph, const std::vector<TableRow>& rows) {
    close();
    for (const TableRow& row : rows) {
      cmark_node* link = first_named_link_in(row);
      if (link == nullptr) {  // the header, or a row about nothing linked: the post's text
        std::vector<BodyLink> links;
        std::string text = row_text(row, &links);
        std::replace(text.begin(), text.end(), '|', ' ');
        add_outside(clean_prose(text) + "\n", std::move(links));
        continue;
      }
      std::vector<BodyLink> items;
      InlineText item_text(&items);
      item_text.add(link);
      open(Scope::paragraph_entry, text_of(link), last_heading_, paragraph, std::move(items));
      current_.line = line_of(paragraph) + row.line;
      std::vector<BodyLink> links;
      std::string text = row_text(row, &links);
      std::replace(text.begin(), text.end(), '|', ' ');
      current_.commentary = clean_prose(text);
      for (BodyLink& other : links)
        if (other.url != current_.items.front().url) current_.mentions.push_back(std::move(other));
      close();
    }
  }

  void list(cmark_node* list_node) {
    close();
    const bool categories = is_category_list(list_node);
    for (cmark_node* item = cmark_node_first_child(list_node); item; item = cmark_node_next(item)) {
      cmark_node* first = cmark_node_first_child(item);
      if (first != nullptr && (leading_link(first) || inner_link(first))) {
        open_from_paragraph(first, item);
        close();
      } else if (!category_lists(categories, item).empty()) {
        // A category: its name is the post's text, its lists' items are entries.
        for (cmark_node* child = cmark_node_first_child(item); child; child = cmark_node_next(child))
          if (type_of(child) == CMARK_NODE_LIST)
            list(child);
          else
            outside(child);
      } else {
        outside(item);
      }
    }
  }

  // Opens an entry at a paragraph that starts one; `block` is the paragraph or the list
  // item holding it, whose remaining blocks are commentary too.
  void open_from_paragraph(cmark_node* paragraph, cmark_node* block) {
    if (const std::optional<LeadingLink> lead = leading_link(paragraph)) {
      std::vector<BodyLink> items;
      InlineText item_text(&items);
      item_text.add(lead->link);
      open(Scope::paragraph_entry, lead->heading, last_heading_, block, std::move(items));
      InlineText rest(&current_.mentions);
      rest.add_siblings_from(cmark_node_next(lead->lead));
      // What follows the title, without the separator that joins them ("[T](u). Text", "**…**: text").
      const std::string after(trim_separators(rest.finish_paragraph(), " \t\n.,:;-", false));
      // A label before the link says what it is ("Font in the wild:"): it is commentary too.
      const std::string text = lead->label.empty() ? after : lead->label + (after.empty() ? "" : " " + after);
      if (!text.empty()) current_.commentary += text + "\n";
    } else if (const std::optional<std::string> bold = bold_title_line(paragraph)) {
      open(Scope::paragraph_entry, *bold, last_heading_, block, {});
      InlineText rest(&current_.mentions);
      rest.add_siblings_from(cmark_node_next(first_non_blank(cmark_node_first_child(paragraph))));
      const std::string after(trim(rest.finish_paragraph()));
      if (!after.empty()) current_.commentary += after + "\n";
    } else {
      const InnerLink inner = *inner_link(paragraph);
      std::vector<BodyLink> items;
      InlineText item_text(&items);
      item_text.add(inner.link);
      open(Scope::paragraph_entry, inner.heading, last_heading_, block, std::move(items));
      std::vector<BodyLink> links;
      InlineText whole(&links);
      whole.add_children(paragraph);
      const std::string text = whole.finish_paragraph();
      if (!text.empty()) current_.commentary += text + "\n";
      // The item is the paragraph's link; the others are mentions, except, under a bold
      // title ("**Title** ([paper](…), [code](…))"), the links that name that title's paper
      // or its code.
      std::vector<BodyLink> companions;
      for (BodyLink& link : links) {
        if (link.url == current_.items.front().url) continue;
        const GenericText kind = generic_text(link.text);
        if (inner.bold_lead && (kind == GenericText::paper || kind == GenericText::companion))
          companions.push_back(std::move(link));
        else
          current_.mentions.push_back(std::move(link));
      }
      tidy_item_titles(companions, current_.heading);
      current_.items.insert(current_.items.end(), companions.begin(), companions.end());
    }
    if (block != paragraph)
      for (cmark_node* child = cmark_node_next(paragraph); child; child = cmark_node_next(child))
        append_block(child, current_.commentary, current_.mentions);
  }

  void open(Scope scope, const std::string& heading, int anchor, cmark_node* node,
            std::vector<BodyLink> items) {
    scope_ = scope;
    current_ = BodyEntry{};
    current_.heading = heading;
    // "## [Paper](…)": a generic link text is no title; the post's title is. (A heading with
    // no text at all, a link around an image, is shown by its link's address instead.)
    if (!heading.empty() && is_generic_title(heading) && !post_title_.empty()) current_.heading = std::string(post_title_);
    current_.anchor_heading = anchor;
    current_.line = line_of(node);
    tidy_item_titles(items, current_.heading);
    current_.items = std::move(items);
    if (pending_quote_ != nullptr) {
      append_block(pending_quote_, current_.commentary, current_.mentions);
      current_.line = line_of(pending_quote_);
      pending_quote_ = nullptr;
    }
  }

  void close() {
    if (scope_ == Scope::none) return;
    std::erase_if(current_.mentions, [&](const BodyLink& mention) {
      return std::any_of(current_.items.begin(), current_.items.end(),
                         [&](const BodyLink& item) { return item.url == mention.url; });
    });
    while (!current_.commentary.empty() && current_.commentary.back() == '\n') current_.commentary.pop_back();
    body_.entries.push_back(std::move(current_));
    current_ = BodyEntry{};
    scope_ = Scope::none;
  }

  // A post about one paper, whose links name it only as "the paper" (or by the post's own
  // title), is one entry: titled by the post, about that link, with all its text.
  void one_paper_post() {
    if (post_title_.empty()) return;
    SubjectLinks subject = subject_links(body_.mentions, post_title_);
    if (subject.items.empty()) return;
    BodyEntry entry;
    entry.heading = std::string(post_title_);
    entry.line = first_line_;
    entry.items = std::move(subject.items);
    entry.mentions = std::move(subject.others);
    entry.commentary = body_.rest;
    while (!entry.commentary.empty() && entry.commentary.back() == '\n') entry.commentary.pop_back();
    body_.entries.push_back(std::move(entry));
    body_.mentions.clear();
    body_.rest.clear();
    body_.intro.clear();
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

  // The heading `node` as written: its lines of the Markdown, without an ATX heading's
  // opening and closing #s or a setext heading's underline, each line trimmed.
  std::string heading_source(cmark_node* node) {
    if (line_starts_.empty()) {
      line_starts_.push_back(0);
      for (std::size_t at = 0; at < markdown_.size(); ++at)
        if (markdown_[at] == '\n') line_starts_.push_back(at + 1);
    }
    const auto line = [&](int number) -> std::string_view {
      if (number < 1 || static_cast<std::size_t>(number) > line_starts_.size()) return {};
      const std::size_t start = line_starts_[static_cast<std::size_t>(number) - 1];
      const std::size_t end = static_cast<std::size_t>(number) < line_starts_.size()
                                  ? line_starts_[static_cast<std::size_t>(number)] - 1
                                  : markdown_.size();
      return markdown_.substr(start, end - start);
    };
    const auto trimmed = [](std::string_view text) {
      while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
      while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
      return text;
    };
    const int first = cmark_node_get_start_line(node);
    const int last = cmark_node_get_end_line(node);
    std::string_view opening = trimmed(line(first));
    if (!opening.empty() && opening.front() == '#') {
      while (!opening.empty() && opening.front() == '#') opening.remove_prefix(1);
      opening = trimmed(opening);
      // A closing sequence: #s alone, or after a space.
      std::size_t hashes = opening.size();
      while (hashes > 0 && opening[hashes - 1] == '#') --hashes;
      if (hashes == 0) return {};
      if (hashes < opening.size() && (opening[hashes - 1] == ' ' || opening[hashes - 1] == '\t'))
        opening = trimmed(opening.substr(0, hashes));
      return std::string(opening);
    }
    // Setext: every line but the underline (=== or ---).
    std::vector<std::string_view> lines;
    for (int number = first; number <= last; ++number) lines.push_back(trimmed(line(number)));
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    if (!lines.empty() && lines.back().find_first_not_of(lines.back().front()) == std::string_view::npos &&
        (lines.back().front() == '=' || lines.back().front() == '-'))
      lines.pop_back();
    std::string text;
    for (const std::string_view part : lines) {
      if (!text.empty()) text += '\n';
      text += part;
    }
    return text;
  }

  std::string_view markdown_;
  std::vector<std::size_t> line_starts_;  // where each line of the Markdown starts
  unsigned first_line_;
  bool link_lists_;
  bool paragraph_picks_;
  bool paper_sections_;
  std::string_view post_title_;
  PostBody body_;
  Scope scope_ = Scope::none;
  int level_ = 0;
  int last_heading_ = -1;
  cmark_node* pending_quote_ = nullptr;
  BodyEntry current_;
};

// Which link-list layouts a post has. Picks only count when at least two paragraphs or
// list items open with a link, and they make up a good share of the paragraphs holding
// links: one paragraph that happens to open with a link is prose, and so are a few among
// many paragraphs that mention links in passing (an essay). Paragraphs that merely hold a
// link, or a bold title, are picks only in a post whose picks are paragraphs (at least
// two open with a link); a tutorial with a list of links has prose around its list.
// "**Title**" on a line of its own, its text, then its link alone on a line ("[Link](…)"),
// before the next such title, heading or rule: a newsletter's item.
bool bold_title_over_link_line(cmark_node* paragraph) {
  if (!bold_title_line(paragraph)) return false;
  for (cmark_node* node = cmark_node_next(paragraph); node; node = cmark_node_next(node)) {
    if (type_of(node) == CMARK_NODE_HEADING || is_break_block(node) || bold_title_line(node)) return false;
    if (!bare_link_line(node, false).empty()) return true;
  }
  return false;
}

LinkLists link_lists(cmark_node* document) {
  int candidates = 0;
  int paragraph_candidates = 0;
  int link_blocks = 0;
  int entry_level = 0;  // level of the heading entry being passed over; 0 outside one
  for (cmark_node* node = cmark_node_first_child(document); node; node = cmark_node_next(node)) {
    if (type_of(node) == CMARK_NODE_HEADING) {
      const int level = cmark_node_get_heading_level(node);
      if (entry_level != 0 && level > entry_level) continue;
      entry_level = heading_links(node).links.empty() ? 0 : level;
      continue;
    }
    if (is_break_block(node)) entry_level = 0;
    if (entry_level != 0) continue;  // commentary of a heading entry, not a list entry
    auto count = [&](cmark_node* paragraph) {
      const bool leads = leading_link(paragraph).has_value();
      const bool opens = leads || titled_reference_link(paragraph) || bold_lead_link(paragraph) ||
                         bold_title_over_link_line(paragraph);
      if (opens) ++candidates;
      if (opens && paragraph != nullptr && cmark_node_parent(paragraph) == document) ++paragraph_candidates;
      if (leads || inner_link(paragraph)) ++link_blocks;
    };
    if (type_of(node) == CMARK_NODE_PARAGRAPH) count(node);
    // A list's items, and those of the lists its categories hold.
    std::vector<cmark_node*> lists;
    if (type_of(node) == CMARK_NODE_LIST) lists.push_back(node);
    while (!lists.empty()) {
      cmark_node* list = lists.back();
      lists.pop_back();
      const bool categories = is_category_list(list);
      for (cmark_node* item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
        count(cmark_node_first_child(item));
        for (cmark_node* nested : category_lists(categories, item)) lists.push_back(nested);
      }
    }
  }
  constexpr int kMinShare = 8;  // at least one in eight of the paragraphs with links
  LinkLists lists;
  lists.picks = candidates >= 2 && candidates * kMinShare >= link_blocks;
  constexpr int kMinParagraphPicks = 2;
  lists.paragraph_picks = lists.picks && paragraph_candidates >= kMinParagraphPicks;
  return lists;
}

void trim_trailing_newlines(std::string& text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
}

}  // namespace

PostBody parse_body(std::string_view markdown, unsigned first_line, std::string_view post_title, LinkExtensions links) {
  const MarkdownTree tree = parse_markdown(markdown, kMaxNesting, links);
  cmark_node* document = tree.root.get();
  PostBody body =
      BodyWalker(markdown, first_line, link_lists(document), has_paper_sections(document), post_title).walk(document);
  body.depth = tree.depth;
  if (tree.flattened_line > 0) body.flattened_line = first_line + tree.flattened_line - 1;
  trim_trailing_newlines(body.intro);
  trim_trailing_newlines(body.rest);
  return body;
}

}  // namespace clubsearch::indexer
