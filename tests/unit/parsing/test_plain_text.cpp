// html_to_text and clean_prose reduce HTML, TeX and template markup to the words a reader sees.
#include <doctest/doctest.h>

#include <string>

#include "indexer/plain_text.h"

using namespace clubsearch::indexer;

// ---- html_to_text -------------------------------------------------------------------------

TEST_CASE("html_to_text drops tags and keeps the words they separate apart") {
  CHECK(html_to_text("<p>Hello <b>bold</b> world</p>") == "Hello bold world");
  CHECK(html_to_text("<td>a</td><td>b</td>") == "a b");
  CHECK(html_to_text("a<br/>b") == "a b");
}

TEST_CASE("html_to_text keeps a lone '<' that opens no tag") {
  CHECK(html_to_text("a < b and c > d") == "a < b and c > d");
  CHECK(html_to_text("<3 love") == "<3 love");
  CHECK(html_to_text("x <= y") == "x <= y");
}

TEST_CASE("html_to_text keeps the text of a tag that is never closed by '>'") {
  CHECK(html_to_text("text <b unterminated") == "text <b unterminated");
}

TEST_CASE("html_to_text drops a tag whose quoted attribute holds '>'") {
  CHECK(html_to_text("<a href=\"x>y\">link text</a>") == "link text");
  CHECK(html_to_text("<img alt='a > b'> after") == "after");
}

TEST_CASE("html_to_text drops comments, terminated or not") {
  CHECK(html_to_text("x<!-- a comment --> y") == "x y");
  CHECK(html_to_text("x <!-- <b>never closed</b>") == "x");
}

TEST_CASE("html_to_text drops script and style content in any case, also when never closed") {
  CHECK(html_to_text("<SCRIPT type=\"x\">bad()</SCRIPT>ok <style>p { color: red }</Style>fine") == "ok fine");
  CHECK(html_to_text("before<script>if (a < b) run();</script>after") == "before after");
  CHECK(html_to_text("kept <script>never closed") == "kept");
}

TEST_CASE("html_to_text keeps the text after a stray closing script or style tag") {
  CHECK(html_to_text("a</style>b c") == "a b c");
  CHECK(html_to_text("<div>x</div></script><p>kept</p>") == "x kept");
}

TEST_CASE("html_to_text decodes the common named entities") {
  CHECK(html_to_text("&amp; &lt; &gt; &quot; &apos;") == "& < > \" '");
  CHECK(html_to_text("a&nbsp;b &mdash; &ndash; &hellip;") == "a b \u2014 \u2013 \u2026");
}

TEST_CASE("html_to_text decodes decimal and hexadecimal numeric entities") {
  CHECK(html_to_text("&#233; &#xE9; &#XE9; &#x1F600;") == "\u00e9 \u00e9 \u00e9 \U0001F600");
  CHECK(html_to_text("&#65;&#x42;") == "AB");
}

TEST_CASE("html_to_text leaves unknown and malformed entities as written") {
  CHECK(html_to_text("&bogus; & alone &amp") == "&bogus; & alone &amp");
  CHECK(html_to_text("&#; &#x; &#12a;") == "&#; &#x; &#12a;");
  CHECK(html_to_text("&#12345678;") == "&#12345678;");
}

TEST_CASE("html_to_text never produces invalid UTF-8 from invalid code points") {
  CHECK(html_to_text("a&#0;b") == "ab");
  CHECK(html_to_text("a&#xD800;b") == "ab");
  CHECK(html_to_text("a&#x110000;b") == "ab");
}

TEST_CASE("html_to_text keeps UTF-8 text byte for byte") {
  const std::string text = "\u00dcn\u00efc\u00f6d\u00e9 \u4e2d\u6587 \u2014 \u2013 \u2026 \U0001F600";
  CHECK(html_to_text("<p>" + text + "</p>") == text);
}

TEST_CASE("html_to_text collapses spaces but keeps line breaks") {
  CHECK(html_to_text("  a   b \n\n  c  ") == "a b\nc");
}

// ---- clean_prose --------------------------------------------------------------------------

TEST_CASE("clean_prose removes TeX commands, braces and delimiters inside math, keeping the words") {
  CHECK(clean_prose("\\(\\sqrt{\\text{x}}\\)") == "x");
  CHECK(clean_prose("\\[ y \\]") == "y");
  CHECK(clean_prose("a $\\alpha$ b") == "a $ $ b");
  CHECK(clean_prose("sum $\\sum_{i}^{n} x_i$ done") == "sum $ i n x i$ done");
  CHECK(clean_prose("$$\\frac{a}{b}$$ then") == "$$ a b $$ then");
}

TEST_CASE("clean_prose leaves backslashes and braces outside math alone") {
  CHECK(clean_prose("C:\\Users\\x") == "C:\\Users\\x");
  CHECK(clean_prose("a \\alpha b") == "a \\alpha b");
  CHECK(clean_prose("a{b}c") == "a{b}c");
}

TEST_CASE("clean_prose keeps prices: a dollar sign stays, and so do the words after it") {
  CHECK(clean_prose("It costs $199 and $6.6 billion") == "It costs $199 and $6.6 billion");
}

TEST_CASE("clean_prose removes single-line Liquid tags and Hugo shortcodes") {
  CHECK(clean_prose("a {{ page.title }} b {% include x.html %} c") == "a b c");
  CHECK(clean_prose("{{< figure src=\"a.png\" >}}{{% note %}}") == "");
}

TEST_CASE("clean_prose keeps a template tag that spans lines or is never closed as text") {
  CHECK(clean_prose("{{ multi\nline }}") == "{{ multi\nline }}");
  CHECK(clean_prose("open {{ never") == "open {{ never");
}

TEST_CASE("clean_prose removes footnote marks and the mark of a footnote's own line, not a regex's class") {
  CHECK(clean_prose("the proposal[^1] for a pause [^note2]") == "the proposal for a pause");
  CHECK(clean_prose("Google's Duplex [^duplex], it was") == "Google's Duplex, it was");
  CHECK(clean_prose("[^1]: Their proposal is online.") == "Their proposal is online.");
  CHECK(clean_prose("match [^a-z] and [^] and [^ x]") == "match [^a-z] and [^] and [^ x]");
}

TEST_CASE("clean_prose removes strike-through markers") {
  CHECK(clean_prose("~~gone~~ kept") == "gone kept");
  CHECK(clean_prose("a ~ b") == "a ~ b");
}

TEST_CASE("clean_prose collapses runs of spaces and tabs and drops blank lines") {
  CHECK(clean_prose("  many \t   spaces  \n\n\n  here ") == "many spaces\nhere");
}

TEST_CASE("clean_prose keeps a lone '<' and ASCII and Unicode dashes") {
  CHECK(clean_prose("a < b -- c \u2014 d \u2013 e") == "a < b -- c \u2014 d \u2013 e");
}

TEST_CASE("clean_prose keeps UTF-8 text byte for byte") {
  const std::string text =
      "\u00dcn\u00efc\u00f6d\u00e9 \u4e2d\u6587 \u0645\u0631\u062d\u0628\u0627 \U0001F600";
  CHECK(clean_prose(text) == text);
}

// ---- tag names --------------------------------------------------------------------------

TEST_CASE("html_attribute reads an attribute quoted either way or not at all, entities decoded") {
  CHECK(html_attribute("<a href=\"https://e.org/?a=1&amp;b=2\" target=_blank>", "href") == "https://e.org/?a=1&b=2");
  CHECK(html_attribute("<A HREF='https://e.org/x'>", "href") == "https://e.org/x");
  CHECK(html_attribute("<a target=_blank href=https://e.org/y>", "href") == "https://e.org/y");
  CHECK(html_attribute("<a download href = \"z\">", "href") == "z");
  CHECK(html_attribute("<a name=\"x\">", "href").empty());
  CHECK(html_attribute("</a>", "href").empty());
  CHECK(html_attribute("<a href=\"unclosed>", "href").empty());
}

TEST_CASE("html_tag_name names the element of an opening or closing tag, lowercased") {
  CHECK(html_tag_name("<script src=x>") == "script");
  CHECK(html_tag_name("</SCRIPT>") == "script");
  CHECK(html_tag_name("<h2 id=a>") == "h2");
  CHECK(html_tag_name("< b>") == "");
  CHECK(html_tag_name("a<b>") == "");
  CHECK(is_closing_html_tag("</b>"));
  CHECK_FALSE(is_closing_html_tag("<b>"));
}
