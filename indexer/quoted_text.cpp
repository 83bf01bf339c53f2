// Finds a post's block quotes with cmark and removes them, and inline quotations, from
// plain text made of the post.
#include "indexer/quoted_text.h"

#include <cmark.h>

#include <array>
#include <memory>
#include <utility>

#include "index/words.h"
#include "indexer/markdown_tree.h"

namespace clubsearch::indexer {

namespace {

// Whether some line starts (after indentation) with '>': only then can there be a quote.
bool has_quote_line(std::string_view markdown) {
  bool line_start = true;
  for (const char c : markdown) {
    if (line_start && c == '>') return true;
    if (c == '\n')
      line_start = true;
    else if (c != ' ' && c != '\t')
      line_start = false;
  }
  return false;
}

// The words a reader sees in an inline node: text, code and link texts (not URLs).
void collect_text(cmark_node* node, std::string& out) {
  switch (cmark_node_get_type(node)) {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
      if (const char* literal = cmark_node_get_literal(node)) out += literal;
      break;
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
    case CMARK_NODE_HTML_INLINE:
      out += ' ';
      break;
    default:
      for (cmark_node* child = cmark_node_first_child(node); child; child = cmark_node_next(child))
        collect_text(child, out);
  }
}

void collect_quotes(cmark_node* node, bool inside, std::vector<std::vector<std::string>>& quotes) {
  const cmark_node_type type = cmark_node_get_type(node);
  inside = inside || type == CMARK_NODE_BLOCK_QUOTE;
  if (inside && (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING)) {
    std::string text;
    collect_text(node, text);
    std::vector<std::string> words;
    for (std::string_view word : index::words_of(text)) words.emplace_back(word);
    if (!words.empty()) quotes.push_back(std::move(words));
    return;
  }
  for (cmark_node* child = cmark_node_first_child(node); child; child = cmark_node_next(child))
    collect_quotes(child, inside, quotes);
}

// Replaces [begin, end) of `text` by a line break and spaces (the same length, so offsets
// into it stay valid).
void blank(std::string& text, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end; ++i) text[i] = ' ';
  if (begin < end) text[begin] = '\n';
}

struct QuoteMarks {
  std::string_view open, close;
  std::size_t min_words;
};

// Opening and closing marks of quotations, and how many words a quotation needs: a
// shorter span in straight or single quotes is a term the author uses, not a quotation.
constexpr std::array<QuoteMarks, 7> kQuoteMarks{{
    {"\u201c", "\u201d", 4},  // “…”
    {"\u2018", "\u2019", 4},  // ‘…’ (’ is also an apostrophe: see closes_at)
    {"\u00ab", "\u00bb", 4},  // «…»
    {"\u2039", "\u203a", 4},  // ‹…›
    {"\u300c", "\u300d", 1},  // 「…」
    {"\u300e", "\u300f", 1},  // 『…』
    {"\"", "\"", 4},
}};

bool is_letter_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         (static_cast<unsigned char>(c) & 0x80) != 0;
}

// The offset of the mark that closes a quotation opened before `from` on the same line, or
// npos. A closing ’ followed by a letter is an apostrophe ("don’t"), not the end.
std::size_t closes_at(std::string_view text, std::size_t from, const QuoteMarks& marks) {
  const std::size_t line_end = std::min(text.find('\n', from), text.size());
  for (std::size_t at = text.find(marks.close, from); at != std::string_view::npos && at < line_end;
       at = text.find(marks.close, at + 1)) {
    const std::size_t after = at + marks.close.size();
    if (marks.close == "\u2019" && after < text.size() && is_letter_byte(text[after])) continue;
    return at;
  }
  return std::string_view::npos;
}

void blank_inline_quotations(std::string& text) {
  for (const QuoteMarks& marks : kQuoteMarks) {
    std::size_t from = 0;
    while (true) {
      const std::size_t open = text.find(marks.open, from);
      if (open == std::string::npos) break;
      const std::size_t inner = open + marks.open.size();
      const std::size_t close = closes_at(text, inner, marks);
      if (close == std::string_view::npos) {
        from = inner;
        continue;
      }
      const std::size_t end = close + marks.close.size();
      if (index::words_of(std::string_view(text).substr(inner, close - inner)).size() >= marks.min_words) {
        blank(text, open, end);
        from = end;
      } else {
        from = close + marks.close.size();  // a short quoted term: the next quotation starts after it
      }
    }
  }
}

}  // namespace

QuotedText::QuotedText(std::string_view markdown) {
  if (!has_quote_line(markdown)) return;
  const MarkdownTree tree = parse_markdown(markdown);
  if (tree.root) collect_quotes(tree.root.get(), false, quotes_);
}

std::string QuotedText::own_words(std::string_view text) const {
  std::string out(text);
  if (!quotes_.empty()) {
    const std::vector<std::string_view> words = index::words_of(out);
    std::vector<std::pair<std::size_t, std::size_t>> quoted;  // byte ranges of `out`
    for (const std::vector<std::string>& quote : quotes_) {
      for (std::size_t i = 0; i + quote.size() <= words.size(); ++i) {
        std::size_t k = 0;
        while (k < quote.size() && words[i + k] == quote[k]) ++k;
        if (k < quote.size()) continue;
        const std::size_t begin = static_cast<std::size_t>(words[i].data() - out.data());
        const std::string_view last = words[i + quote.size() - 1];
        quoted.emplace_back(begin, static_cast<std::size_t>(last.data() - out.data()) + last.size());
        i += quote.size() - 1;
      }
    }
    for (const auto& [begin, end] : quoted) blank(out, begin, end);
  }
  blank_inline_quotations(out);
  return out;
}

}  // namespace clubsearch::indexer
