// Reduction of HTML, TeX and template markup to the words a reader sees.
#include "indexer/plain_text.h"

#include <array>
#include <cstring>
#include <utility>

#include "index/ascii.h"
#include "index/utf8.h"

namespace clubsearch::indexer {

namespace {

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool starts_with_ci(std::string_view text, std::size_t pos, std::string_view prefix) {
  if (text.size() - pos < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (index::ascii_lower(text[pos + i]) != prefix[i]) return false;
  return true;
}

// Position after the end of `closing` ("</script") from `pos`, case-insensitively.
std::size_t skip_past(std::string_view html, std::size_t pos, std::string_view closing) {
  for (; pos < html.size(); ++pos)
    if (html[pos] == '<' && starts_with_ci(html, pos, closing)) {
      const auto end = html.find('>', pos);
      return end == std::string_view::npos ? html.size() : end + 1;
    }
  return html.size();
}

// Position just after the '>' that closes the tag starting at `pos` (a '>' inside a
// quoted attribute value, <a title="a > b">, does not close it); npos when none does.
std::size_t tag_end(std::string_view html, std::size_t pos) {
  char quote = 0;
  for (std::size_t i = pos + 1; i < html.size(); ++i) {
    const char c = html[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// A character reference's code point, unless it is NUL, a surrogate or past U+10FFFF.
void append_utf8(std::string& out, unsigned long code_point) {
  if (code_point == 0 || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) return;
  index::append_utf8(out, static_cast<char32_t>(code_point));
}

// Decodes the entity at `pos` (which holds '&') into `out`; returns the length consumed,
// or 0 when it is not an entity we know (the '&' is then kept as text).
std::size_t decode_entity(std::string_view html, std::size_t pos, std::string& out) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> named{
      {{"&amp;", "&"},
       {"&lt;", "<"},
       {"&gt;", ">"},
       {"&quot;", "\""},
       {"&apos;", "'"},
       {"&nbsp;", " "},
       {"&mdash;", "\u2014"},
       {"&ndash;", "\u2013"},
       {"&hellip;", "\u2026"}}};
  for (const auto& [entity, text] : named)
    if (html.substr(pos, entity.size()) == entity) {
      out += text;
      return entity.size();
    }
  if (html.substr(pos, 2) != "&#") return 0;
  const bool hex = pos + 2 < html.size() && (html[pos + 2] == 'x' || html[pos + 2] == 'X');
  std::size_t end = pos + (hex ? 3 : 2);
  unsigned long code_point = 0;
  const std::size_t digits_start = end;
  for (; end < html.size() && end - digits_start < 7; ++end) {
    const char c = html[end];
    int digit = -1;
    if (c >= '0' && c <= '9')
      digit = c - '0';
    else if (hex && c >= 'a' && c <= 'f')
      digit = c - 'a' + 10;
    else if (hex && c >= 'A' && c <= 'F')
      digit = c - 'A' + 10;
    if (digit < 0) break;
    code_point = code_point * (hex ? 16u : 10u) + static_cast<unsigned long>(digit);
  }
  if (end == digits_start || end >= html.size() || html[end] != ';') return 0;
  append_utf8(out, code_point);
  return end + 1 - pos;
}

void collapse_spaces(std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ' && out.back() != '\n') out += ' ';
    } else if (c == '\n') {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      if (!out.empty() && out.back() != '\n') out += '\n';
    } else {
      out += c;
    }
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  text = std::move(out);
}

}  // namespace

std::string html_tag_name(std::string_view tag) {
  if (tag.size() < 3 || tag.front() != '<') return {};
  std::size_t pos = 1;
  if (tag[pos] == '/') ++pos;
  if (pos >= tag.size() || !is_ascii_alpha(tag[pos])) return {};  // "<3", "< b": text, not a tag
  std::string name;
  while (pos < tag.size() && (is_ascii_alpha(tag[pos]) || (tag[pos] >= '0' && tag[pos] <= '9')))
    name += index::ascii_lower(tag[pos++]);
  return name;
}

bool is_closing_html_tag(std::string_view tag) { return tag.size() > 1 && tag[0] == '<' && tag[1] == '/'; }

std::string html_attribute(std::string_view tag, std::string_view name) {
  if (html_tag_name(tag).empty() || is_closing_html_tag(tag)) return {};
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  std::size_t pos = 1;
  while (pos < tag.size() && !is_space(tag[pos]) && tag[pos] != '>') ++pos;  // the element's name
  while (pos < tag.size()) {
    while (pos < tag.size() && (is_space(tag[pos]) || tag[pos] == '/')) ++pos;
    if (pos >= tag.size() || tag[pos] == '>') break;
    const std::size_t name_start = pos;
    while (pos < tag.size() && !is_space(tag[pos]) && tag[pos] != '=' && tag[pos] != '>') ++pos;
    const std::string attribute = index::ascii_lowercase(tag.substr(name_start, pos - name_start));
    while (pos < tag.size() && is_space(tag[pos])) ++pos;
    std::string_view value;
    if (pos < tag.size() && tag[pos] == '=') {
      ++pos;
      while (pos < tag.size() && is_space(tag[pos])) ++pos;
      if (pos < tag.size() && (tag[pos] == '"' || tag[pos] == '\'')) {
        const char quote = tag[pos++];
        const std::size_t end = tag.find(quote, pos);
        if (end == std::string_view::npos) return {};
        value = tag.substr(pos, end - pos);
        pos = end + 1;
      } else {
        const std::size_t start = pos;
        while (pos < tag.size() && !is_space(tag[pos]) && tag[pos] != '>') ++pos;
        value = tag.substr(start, pos - start);
      }
    }
    if (attribute == name) {
      std::string out;
      for (std::size_t at = 0; at < value.size();) {
        const std::size_t used = value[at] == '&' ? decode_entity(value, at, out) : 0;
        if (used == 0) out += value[at++];
        else at += used;
      }
      return out;
    }
  }
  return {};
}

std::string html_to_text(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  std::size_t pos = 0;
  while (pos < html.size()) {
    const char c = html[pos];
    if (c == '<') {
      if (html.substr(pos, 4) == "<!--") {
        const auto end = html.find("-->", pos + 4);
        pos = end == std::string_view::npos ? html.size() : end + 3;
        continue;
      }
      const std::size_t end = tag_end(html, pos);
      const std::string_view tag = html.substr(pos, end == std::string_view::npos ? 0 : end - pos);
      const std::string name = html_tag_name(tag);
      if (name.empty()) {
        out += c;  // a '<' that opens no tag: "a < b", "a </ b", "<3", "<b never closed"
        ++pos;
        continue;
      }
      pos = end;
      if (!is_closing_html_tag(tag) && (name == "script" || name == "style"))
        pos = skip_past(html, pos, "</" + name);
      out += ' ';  // tags separate words ("<td>a</td><td>b</td>")
    } else if (c == '&') {
      const std::size_t used = decode_entity(html, pos, out);
      if (used == 0) out += c;
      pos += used == 0 ? 1 : used;
    } else {
      out += c;
      ++pos;
    }
  }
  collapse_spaces(out);
  return out;
}

std::string clean_prose(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool math = false;  // inside $…$, $$…$$, \(…\) or \[…\]
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char c = text[pos];
    const char next = pos + 1 < text.size() ? text[pos + 1] : '\0';
    if (c == '{' && (next == '{' || next == '%')) {  // a template tag on one line
      const auto end = text.find(next == '{' ? "}}" : "%}", pos + 2);
      if (end != std::string_view::npos && text.substr(pos, end - pos).find('\n') == std::string_view::npos) {
        pos = end + 2;
        out += ' ';
        continue;
      }
    }
    if (c == '{' && next == ':' && !math) {  // a kramdown attribute list: {:target="_blank"}, {: .note}
      const auto end = text.find('}', pos + 2);
      if (end != std::string_view::npos && text.substr(pos, end - pos).find('\n') == std::string_view::npos) {
        pos = end + 1;
        continue;
      }
    }
    if (c == '[' && next == '^' && !math) {  // a footnote's mark ("[^1]", "[^note]"), which generators render as a number
      std::size_t end = pos + 2;
      while (end < text.size() && end - pos <= 32 &&
             (is_ascii_alpha(text[end]) || (text[end] >= '0' && text[end] <= '9') || text[end] == '_'))
        ++end;
      if (end > pos + 2 && end < text.size() && text[end] == ']') {
        pos = end + 1;
        if (pos < text.size() && text[pos] == ':') ++pos;  // the footnote's own line: "[^1]: text"
        // "Duplex [^1], it…" reads "Duplex, it…".
        if (!out.empty() && out.back() == ' ' && pos < text.size() && std::strchr(",.;:!?)", text[pos]) != nullptr)
          out.pop_back();
        continue;
      }
    }
    if (c == '~' && next == '~') {  // ~~strike-through~~ markers
      pos += 2;
      continue;
    }
    if (c == '$') {
      math = !math;
      out += c;
      pos += next == '$' ? 2 : 1;
      if (next == '$') out += '$';
      continue;
    }
    if (c == '\\' && (next == '(' || next == '[' || next == ')' || next == ']')) {
      math = next == '(' || next == '[';
      out += ' ';
      pos += 2;
      continue;
    }
    if (math && c == '\\' && is_ascii_alpha(next)) {  // a TeX command: \sqrt, \text, \alpha
      pos += 2;
      while (pos < text.size() && is_ascii_alpha(text[pos])) ++pos;
      out += ' ';
      continue;
    }
    out += math && (c == '{' || c == '}' || c == '_' || c == '^' || c == '\\') ? ' ' : c;
    ++pos;
  }
  collapse_spaces(out);
  return out;
}

}  // namespace clubsearch::indexer
