// Plain text from the markup that survives inside Markdown: raw HTML, TeX math and
// template tags (Liquid, Hugo shortcodes). What is left is what a reader sees as words.
#pragma once

#include <string>
#include <string_view>

namespace clubsearch::indexer {

// Text content of an HTML fragment: tags and comments dropped, the contents of
// <script> and <style> dropped, the common character entities decoded.
std::string html_to_text(std::string_view html);

// Prose cleaned of template tags ({{ … }}, {% … %}), kramdown attribute lists
// ({:target="_blank"}) and ~~ markers, and inside math
// ($…$, $$…$$, \( … \), \[ … \]) of TeX commands (\sqrt, \text), braces and sub- and
// superscript marks; the \( \) \[ \] delimiters themselves go, dollar signs stay (they
// may be prices). Backslashes outside math are text (C:\Users). Runs of spaces are
// collapsed; lines are kept.
std::string clean_prose(std::string_view text);

// The name of the HTML element an opening or closing tag is for ("script" for
// "<script src=x>" and "</SCRIPT>"), lowercased; empty when `tag` is not a tag.
std::string html_tag_name(std::string_view tag);
bool is_closing_html_tag(std::string_view tag);

// The value of attribute `name` (lowercase) of an opening tag (`<a href="…" target=_blank>`),
// quoted or not, its character entities decoded; empty when the tag has none.
std::string html_attribute(std::string_view tag, std::string_view name);

}  // namespace clubsearch::indexer
