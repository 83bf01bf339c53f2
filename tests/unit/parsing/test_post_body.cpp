// parse_body cuts a post body into entries, intro and commentary for every layout it knows.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "indexer/post_body.h"
#include "indexer/slug.h"

using namespace clubsearch::indexer;

namespace {

using Strings = std::vector<std::string>;

PostBody parse(const std::string& markdown) { return parse_body(markdown, 1); }

Strings headings_of(const PostBody& body) {
  Strings out;
  for (const BodyEntry& entry : body.entries) out.push_back(entry.heading);
  return out;
}

Strings texts_of(const std::vector<BodyLink>& links) {
  Strings out;
  for (const BodyLink& link : links) out.push_back(link.text);
  return out;
}

Strings urls_of(const std::vector<BodyLink>& links) {
  Strings out;
  for (const BodyLink& link : links) out.push_back(link.url);
  return out;
}

// The commentary of a post holding one heading entry followed by `commentary_markdown`.
std::string commentary_of(const std::string& commentary_markdown) {
  const PostBody body = parse("## [The Paper](https://example.org/paper)\n\n" + commentary_markdown);
  REQUIRE(body.entries.size() == 1);
  return body.entries[0].commentary;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

// ---- Heading entries ------------------------------------------------------------------

TEST_CASE("a heading holding one link is an entry about that link, with the blocks under it as commentary") {
  const PostBody body = parse(
      "## [Refusal is mediated by a single direction](https://arxiv.org/abs/2406.11717)\n"
      "\n"
      "The authors find one direction.\n"
      "\n"
      "Ablating it removes refusal.\n");
  REQUIRE(body.entries.size() == 1);
  const BodyEntry& entry = body.entries[0];
  CHECK(entry.heading == "Refusal is mediated by a single direction");
  CHECK(entry.line == 1);
  CHECK(entry.anchor_heading == 0);
  CHECK(texts_of(entry.items) == Strings{"Refusal is mediated by a single direction"});
  CHECK(urls_of(entry.items) == Strings{"https://arxiv.org/abs/2406.11717"});
  CHECK(entry.commentary == "The authors find one direction.\nAblating it removes refusal.");
  CHECK(entry.mentions.empty());
  CHECK(body.headings == Strings{"Refusal is mediated by a single direction"});
}

TEST_CASE("a heading with two links is one entry with two items") {
  const PostBody body = parse(
      "## [Scaling Policy](https://a.example/rsp) and [Reflections on it](https://b.example/reflections)\n"
      "\n"
      "Both documents together.\n");
  REQUIRE(body.entries.size() == 1);
  const BodyEntry& entry = body.entries[0];
  CHECK(entry.heading == "Scaling Policy and Reflections on it");
  CHECK(texts_of(entry.items) == Strings{"Scaling Policy", "Reflections on it"});
  CHECK(urls_of(entry.items) == Strings{"https://a.example/rsp", "https://b.example/reflections"});
  CHECK(entry.commentary == "Both documents together.");
}

TEST_CASE(
    "a heading followed by its commentary without a blank line is still an entry with that commentary") {
  const PostBody body = parse(
      "## [Tight Heading](https://example.org/tight)\n"
      "Commentary right under it.\n"
      "## [Next One](https://example.org/next)\n"
      "More text.\n");
  REQUIRE(body.entries.size() == 2);
  CHECK(body.entries[0].commentary == "Commentary right under it.");
  CHECK(body.entries[1].heading == "Next One");
  CHECK(body.entries[1].commentary == "More text.");
  CHECK(body.entries[1].line == 3);
}

TEST_CASE("commentary runs to the next heading of the same or a higher level, deeper headings included") {
  const PostBody body = parse(
      "## [First](https://example.org/1)\n"
      "\n"
      "About the first.\n"
      "\n"
      "### Method details\n"
      "\n"
      "Deeper text.\n"
      "\n"
      "#### Even deeper\n"
      "\n"
      "## [Second](https://example.org/2)\n"
      "\n"
      "About the second.\n"
      "\n"
      "# Closing thoughts\n"
      "\n"
      "Outside every entry.\n");
  REQUIRE(body.entries.size() == 2);
  CHECK(body.entries[0].commentary == "About the first.\nMethod details\nDeeper text.\nEven deeper");
  CHECK(body.entries[1].commentary == "About the second.");
  CHECK(body.rest == "Closing thoughts\nOutside every entry.");
  CHECK(body.headings == Strings{"First", "Method details", "Even deeper", "Second", "Closing thoughts"});
  CHECK(body.entries[1].anchor_heading == 3);
}

TEST_CASE("a deeper heading holding a link inside the commentary is a mention, not a new entry") {
  const PostBody body = parse(
      "## [Main Paper](https://example.org/main)\n"
      "\n"
      "### Related: [Side Paper](https://example.org/side)\n"
      "\n"
      "Text.\n");
  REQUIRE(body.entries.size() == 1);
  CHECK(body.entries[0].commentary == "Related: Side Paper\nText.");
  CHECK(texts_of(body.entries[0].mentions) == Strings{"Side Paper"});
  CHECK(urls_of(body.entries[0].mentions) == Strings{"https://example.org/side"});
}

TEST_CASE(
    "a heading without links followed by a block quote holding a link is an entry about the quoted link") {
  const PostBody body = parse(
      "## Why evals are hard\n"
      "\n"
      "> Some Outlet -- [Evaluations are hard](https://outlet.example/evals)\n"
      "\n"
      "My take on it.\n"
      "\n"
      "## Plain section\n"
      "\n"
      "Not an entry.\n");
  REQUIRE(body.entries.size() == 1);
  const BodyEntry& entry = body.entries[0];
  CHECK(entry.heading == "Why evals are hard");
  CHECK(entry.anchor_heading == 0);
  CHECK(texts_of(entry.items) == Strings{"Evaluations are hard"});
  CHECK(urls_of(entry.items) == Strings{"https://outlet.example/evals"});
  CHECK(entry.commentary == "Some Outlet -- Evaluations are hard\nMy take on it.");
  CHECK(entry.mentions.empty());  // the quote's link is the item, not a mention
  CHECK(body.rest == "Plain section\nNot an entry.");
}

TEST_CASE("a heading without links followed by a block quote without links is not an entry") {
  const PostBody body = parse("## Thoughts\n\n> A quote with no link.\n\nText.\n");
  CHECK(body.entries.empty());
  CHECK(body.rest == "Thoughts\nA quote with no link.\nText.");
}

// ---- Paragraph and list layouts -----------------------------------------------------------

TEST_CASE("paragraphs starting with a link are entries when the post has at least two of them") {
  const PostBody body = parse(
      "Some intro.\n"
      "\n"
      "[First Paper](https://example.org/1). What I think of it.\n"
      "\n"
      "A second paragraph about the first.\n"
      "\n"
      "[Second Paper](https://example.org/2): shorter.\n");
  REQUIRE(body.entries.size() == 2);
  CHECK(headings_of(body) == Strings{"First Paper", "Second Paper"});
  CHECK(body.entries[0].commentary == "What I think of it.\nA second paragraph about the first.");
  CHECK(body.entries[1].commentary == "shorter.");
  CHECK(body.entries[0].line == 3);
  CHECK(body.entries[1].line == 7);
  CHECK(body.entries[0].anchor_heading == -1);
  CHECK(body.intro == "Some intro.");
}

TEST_CASE("a single paragraph starting with a link is prose, not an entry") {
  const PostBody body =
      parse("Intro.\n\n[Only Link](https://example.org/only) starts this paragraph.\n\nMore.\n");
  CHECK(body.entries.empty());
  CHECK(body.intro == "Intro.\nOnly Link starts this paragraph.\nMore.");
  CHECK(body.intro == body.rest);
  CHECK(urls_of(body.mentions) == Strings{"https://example.org/only"});
}

TEST_CASE(
    "a link-led paragraph inside a heading entry's commentary does not turn a link-led intro into an entry") {
  // Only one paragraph could become a paragraph entry here (the other is commentary under a
  // heading), so the intro is prose: "one paragraph that happens to open with a link".
  const PostBody body = parse(
      "[Last week](https://example.org/last-week) we read two papers.\n"
      "\n"
      "## [Paper](https://example.org/paper)\n"
      "\n"
      "[Related work](https://example.org/related) is also good.\n");
  CHECK(headings_of(body) == Strings{"Paper"});
  CHECK(body.intro == "Last week we read two papers.");
  CHECK(texts_of(body.entries.back().mentions) == Strings{"Related work"});
}

TEST_CASE("a paragraph starting with a bold link is an entry headed by the link text") {
  const PostBody body = parse(
      "**[Bold One](https://example.org/1)**: first comment.\n"
      "\n"
      "**[Bold Two](https://example.org/2)** -- second comment.\n");
  REQUIRE(body.entries.size() == 2);
  CHECK(headings_of(body) == Strings{"Bold One", "Bold Two"});
  CHECK(texts_of(body.entries[0].items) == Strings{"Bold One"});
  CHECK(body.entries[0].commentary == "first comment.");
  CHECK(body.entries[1].commentary == "second comment.");
}

TEST_CASE("a bold title, a hard line break and an autolink make an entry named by the bold title") {
  const PostBody body = parse(
      "**Sparse Feature Circuits**  \n"
      "<https://example.org/circuits>\n"
      "\n"
      "Comment on circuits.\n"
      "\n"
      "**Another Title**\\\n"
      "<https://example.org/another>\n");
  REQUIRE(body.entries.size() == 2);
  CHECK(headings_of(body) == Strings{"Sparse Feature Circuits", "Another Title"});
  CHECK(texts_of(body.entries[0].items) == Strings{"Sparse Feature Circuits"});  // not the bare URL
  CHECK(urls_of(body.entries[0].items) == Strings{"https://example.org/circuits"});
  CHECK(body.entries[0].commentary == "Comment on circuits.");
  CHECK(body.entries[1].commentary.empty());
}

TEST_CASE("a bold phrase without a line break before its link does not start an entry") {
  const PostBody body = parse(
      "**Note** see <https://example.org/a> for more.\n"
      "\n"
      "**Also** look at <https://example.org/b>.\n");
  CHECK(body.entries.empty());
}

TEST_CASE("a paragraph entry runs until the next start, a heading or a thematic break") {
  const PostBody body = parse(
      "[One](https://example.org/1) first.\n"
      "\n"
      "Still about one.\n"
      "\n"
      "---\n"
      "\n"
      "Outside after the break.\n"
      "\n"
      "[Two](https://example.org/2) second.\n"
      "\n"
      "## A plain heading\n"
      "\n"
      "Outside after the heading.\n");
  REQUIRE(body.entries.size() == 2);
  CHECK(body.entries[0].commentary == "first.\nStill about one.");
  CHECK(body.entries[1].commentary == "second.");
  CHECK(body.rest == "Outside after the break.\nA plain heading\nOutside after the heading.");
}

TEST_CASE("a paragraph entry after a plain heading takes that heading for its anchor") {
  const PostBody body = parse(
      "## Papers\n"
      "\n"
      "[One](https://example.org/1) a.\n"
      "\n"
      "## More papers\n"
      "\n"
      "[Two](https://example.org/2) b.\n");
  REQUIRE(body.entries.size() == 2);
  CHECK(body.entries[0].anchor_heading == 0);
  CHECK(body.entries[1].anchor_heading == 1);
}

TEST_CASE("list items starting with a link are entries, each with the rest of its item as commentary") {
  const PostBody body = parse(
      "Reading list:\n"
      "\n"
      "- [Item One](https://example.org/1) - a nice paper\n"
      "- [Item Two](https://example.org/2): another one\n"
      "\n"
      "  with a second paragraph\n"
      "- a plain item\n"
      "\n"
      "Closing words.\n");
  REQUIRE(body.entries.size() == 2);
  CHECK(headings_of(body) == Strings{"Item One", "Item Two"});
  CHECK(body.entries[0].commentary == "a nice paper");
  CHECK(body.entries[1].commentary == "another one\nwith a second paragraph");
  CHECK(body.entries[0].line == 3);
  CHECK(body.entries[1].line == 4);
  CHECK(body.rest == "Reading list:\na plain item\nClosing words.");
  CHECK(body.intro == "Reading list:");
}

// ---- Intro, rest and mentions ------------------------------------------------------------

TEST_CASE("a post without entries is searchable as a whole: its intro is all its text") {
  const PostBody body =
      parse("# An essay\n\nFirst paragraph with [a link](https://example.org/x).\n\nSecond.\n");
  CHECK(body.entries.empty());
  CHECK(body.rest == "An essay\nFirst paragraph with a link.\nSecond.");
  CHECK(body.intro == body.rest);
  CHECK(texts_of(body.mentions) == Strings{"a link"});
}

TEST_CASE("the intro is the text before the first entry; the rest also holds text after entries") {
  const PostBody body = parse(
      "Welcome to the club.\n"
      "\n"
      "# This week\n"
      "\n"
      "## [A Paper](https://example.org/a)\n"
      "\n"
      "Comment.\n"
      "\n"
      "# Outro\n"
      "\n"
      "Bye, see [my other post](https://example.org/other).\n");
  REQUIRE(body.entries.size() == 1);
  CHECK(body.intro == "Welcome to the club.\nThis week");
  CHECK(body.rest == "Welcome to the club.\nThis week\nOutro\nBye, see my other post.");
  CHECK(texts_of(body.mentions) == Strings{"my other post"});
  CHECK(body.entries[0].anchor_heading == 1);
}

TEST_CASE("links inside the commentary are the entry's mentions, not the post's") {
  const PostBody body = parse(
      "## [Main](https://example.org/main)\n"
      "\n"
      "Compare with [earlier work](https://example.org/earlier) and "
      "*[another](https://example.org/another)*.\n");
  REQUIRE(body.entries.size() == 1);
  CHECK(texts_of(body.entries[0].mentions) == Strings{"earlier work", "another"});
  CHECK(urls_of(body.entries[0].mentions) ==
        Strings{"https://example.org/earlier", "https://example.org/another"});
  CHECK(body.entries[0].commentary == "Compare with earlier work and another.");
  CHECK(body.mentions.empty());
}

// ---- Link titles --------------------------------------------------------------------------

TEST_CASE("a generic link text is replaced by the heading minus that text") {
  const PostBody body = parse(
      "## Some Great Paper ([pdf](https://example.org/great.pdf))\n"
      "\n"
      "c\n"
      "\n"
      "## Attention Is Enough: [Link to the paper](https://example.org/attention)\n");
  REQUIRE(body.entries.size() == 2);
  CHECK(texts_of(body.entries[0].items) == Strings{"Some Great Paper"});
  CHECK(texts_of(body.entries[1].items) == Strings{"Attention Is Enough"});
  CHECK(body.entries[0].heading == "Some Great Paper (pdf)");
}

TEST_CASE("a generic link text in a block quote is replaced by the heading above it") {
  const PostBody body = parse("## A Good Essay\n\n> [here](https://example.org/essay)\n");
  REQUIRE(body.entries.size() == 1);
  CHECK(texts_of(body.entries[0].items) == Strings{"A Good Essay"});
}

TEST_CASE("quoted link titles lose their quotes") {
  const PostBody body = parse(
      "## [\"Straight Quoted\"](https://example.org/q)\n"
      "\n"
      "## [\u201cCurly Quoted\u201d](https://example.org/c)\n");
  REQUIRE(body.entries.size() == 2);
  CHECK(texts_of(body.entries[0].items) == Strings{"Straight Quoted"});
  CHECK(texts_of(body.entries[1].items) == Strings{"Curly Quoted"});
}

// ---- Commentary as plain text -------------------------------------------------------------

TEST_CASE("emphasis, strong and code spans are reduced to their text") {
  CHECK(commentary_of("Some *emphasis*, __strong__ and `a code span`.\n") ==
        "Some emphasis, strong and a code span.");
}

TEST_CASE("a fenced code block keeps its code as text without the fence") {
  CHECK(commentary_of("```python\ndef f(x): return x\n```\n") == "def f(x): return x");
}

TEST_CASE("a pipe table becomes one line per row without the delimiter row") {
  CHECK(commentary_of("| Model | Score |\n|-------|------:|\n| GPT | 1.0 |\n| Claude | 2.0 |\n") ==
        "Model Score\nGPT 1.0\nClaude 2.0");
}

TEST_CASE("block quotes and lists in commentary become their text, one block per line") {
  CHECK(commentary_of("> A quoted line\n> continues here.\n\n- first point\n- second point\n  1. nested\n") ==
        "A quoted line continues here.\nfirst point\nsecond point\nnested");
}

TEST_CASE("dollar math loses its TeX commands and braces") {
  const std::string text = commentary_of("Ratio $\\frac{a}{b}$ and $$\\sqrt{x}$$ here.\n");
  CHECK_FALSE(contains(text, "\\"));
  CHECK_FALSE(contains(text, "{"));
  CHECK_FALSE(contains(text, "}"));
  CHECK_FALSE(contains(text, "frac"));
  CHECK_FALSE(contains(text, "sqrt"));
  CHECK(contains(text, "Ratio"));
  CHECK(contains(text, " a b "));
  CHECK(contains(text, "here."));
}

TEST_CASE("escaped MathJax delimiters and TeX commands leave only the words") {
  CHECK(commentary_of("\\\\(\\sqrt{\\text{x}}\\\\)\n") == "x");
  CHECK(commentary_of("Energy \\\\(\\sqrt{\\text{x}}\\\\) too.\n") == "Energy x too.");
}

TEST_CASE("strike-through markers are removed and the struck words kept") {
  CHECK(commentary_of("This is ~~struck~~ text.\n") == "This is struck text.");
}

TEST_CASE("raw HTML blocks become their text and script content is dropped") {
  CHECK(commentary_of(
            "<div class=\"note\">Raw <b>html</b> &amp; more<script>alert(\"x\")</script> end</div>\n") ==
        "Raw html & more end");
}

TEST_CASE("an inline script element is dropped with its content") {
  CHECK(commentary_of("Before <script>evil()</script> after.\n") == "Before after.");
  CHECK(commentary_of("Before <style>p { color: red }</style> after.\n") == "Before after.");
}

TEST_CASE("character entities in commentary are decoded") {
  CHECK(commentary_of("Caf&eacute; &amp; &#233;t&#xE9; &lt;tag&gt; &#x1F600;\n") ==
        "Caf\u00e9 & \u00e9t\u00e9 <tag> \U0001F600");
}

TEST_CASE("Liquid tags and Hugo shortcodes are removed from the commentary") {
  CHECK(commentary_of("Liquid {{ page.title }} and {% include foo.html %} end.\n") == "Liquid and end.");
  CHECK(commentary_of("A {{< figure src=\"a.png\" >}} shortcode and {{% note %}} another.\n") ==
        "A shortcode and another.");
}

TEST_CASE("kramdown attribute lists after links and blocks are not words") {
  CHECK(commentary_of("See [the code](https://example.org/c){:target=\"_blank\"} now.\n{: .notice}\n") ==
        "See the code now.");
  // Math keeps its braces' contents.
  CHECK(contains(commentary_of("$a_{:b}$\n"), "b"));
}

TEST_CASE("an HTML details block keeps its summary and the Markdown inside it, with its links") {
  const PostBody body = parse(
      "## [P](https://example.org/p)\n"
      "\n"
      "<details>\n"
      "<summary>Click</summary>\n"
      "\n"
      "Hidden [link](https://example.org/hidden) text.\n"
      "\n"
      "</details>\n");
  REQUIRE(body.entries.size() == 1);
  CHECK(body.entries[0].commentary == "Click\nHidden link text.");
  CHECK(urls_of(body.entries[0].mentions) == Strings{"https://example.org/hidden"});
}

TEST_CASE("headings with Markdown are reduced to plain text") {
  const PostBody body = parse("## *Emphasised* `code` [Link **bold**](https://example.org/x)\n\nc\n");
  REQUIRE(body.entries.size() == 1);
  CHECK(body.entries[0].heading == "Emphasised code Link bold");
  CHECK(texts_of(body.entries[0].items) == Strings{"Link bold"});
}

TEST_CASE("non-ASCII text passes through byte for byte") {
  const PostBody body = parse(
      "## [\u7a00\u758f\u81ea\u7f16\u7801\u5668](https://example.org/zh)\n\nCaf\u00e9 \u2014 na\u00efve\n");
  REQUIRE(body.entries.size() == 1);
  CHECK(body.entries[0].heading == "\u7a00\u758f\u81ea\u7f16\u7801\u5668");
  CHECK(body.entries[0].commentary == "Caf\u00e9 \u2014 na\u00efve");
}

// ---- Lines --------------------------------------------------------------------------------

TEST_CASE("entry lines count from first_line so they refer to the file") {
  const std::string markdown =
      "\n"
      "Intro.\n"
      "\n"
      "## [A](https://example.org/a)\n"
      "\n"
      "## [B](https://example.org/b)\n";
  const PostBody from_one = parse_body(markdown, 1);
  const PostBody from_six = parse_body(markdown, 6);
  REQUIRE(from_one.entries.size() == 2);
  REQUIRE(from_six.entries.size() == 2);
  CHECK(from_one.entries[0].line == 4);
  CHECK(from_one.entries[1].line == 6);
  CHECK(from_six.entries[0].line == 9);
  CHECK(from_six.entries[1].line == 11);
}

TEST_CASE("an empty body has no entries and no text") {
  const PostBody body = parse("");
  CHECK(body.entries.empty());
  CHECK(body.headings.empty());
  CHECK(body.intro.empty());
  CHECK(body.rest.empty());
}

// ---- Link texts that name nothing, shares and rules ---------------------------------------

TEST_CASE("link texts that name nothing never open or title an entry") {
  const PostBody body = parse(
      "[Link to the paper](https://arxiv.org/abs/2106.09685).\n"
      "\n"
      "[here](https://example.org/a) is where it started.\n"
      "\n"
      "[1](https://example.org/b) and [2](https://example.org/c).\n");
  CHECK(body.entries.empty());
  CHECK(body.mentions.size() == 4);
}

TEST_CASE("a post whose paper is linked as \"the paper\" is one entry titled by the post") {
  const PostBody body = parse_body(
      "Notes on the paper.\n\n- [pdf](https://arxiv.org/pdf/2106.09685v2)\n- [slides](https://example.org/s.pdf)\n"
      "\nIt cites [Adam](https://arxiv.org/abs/1412.6980).\n",
      1, "LoRA: Low-Rank Adaptation");
  REQUIRE(body.entries.size() == 1);
  CHECK(body.entries[0].heading == "LoRA: Low-Rank Adaptation");
  CHECK(texts_of(body.entries[0].items) == Strings{"LoRA: Low-Rank Adaptation", "LoRA: Low-Rank Adaptation (slides)"});
  CHECK(urls_of(body.entries[0].mentions) == Strings{"https://arxiv.org/abs/1412.6980"});
  CHECK(contains(body.entries[0].commentary, "Notes on the paper."));
  CHECK(body.rest.empty());
  // Without a post title (or without such a link) the post stays a post without entries.
  CHECK(parse("Notes.\n\n[pdf](https://arxiv.org/pdf/2106.09685v2)\n").entries.empty());
  CHECK(parse_body("Notes citing [Adam](https://arxiv.org/abs/1412.6980).\n", 1, "LoRA").entries.empty());
}

TEST_CASE("a post about one paper links one: its abstract and PDF alike, not two papers") {
  // The abstract and the PDF of one arXiv paper are one paper.
  const PostBody one = parse_body(
      "Notes.\n\n[Link to the paper](https://arxiv.org/abs/2106.09685) and its [pdf](https://arxiv.org/pdf/2106.09685v2).\n",
      1, "LoRA");
  REQUIRE(one.entries.size() == 1);
  CHECK(urls_of(one.entries[0].items) ==
        Strings{"https://arxiv.org/abs/2106.09685", "https://arxiv.org/pdf/2106.09685v2"});
  // Two papers linked as "the paper" make no post about one paper.
  CHECK(parse_body("We read two: [arXiv](https://arxiv.org/abs/1706.03762) and then [arXiv](https://arxiv.org/abs/1512.03385).\n",
                   1, "Two papers")
            .entries.empty());
  // A link merely named like the post (the blog's own page on a method its title names)
  // is a mention beside the link said to be the paper.
  const PostBody named = parse_body(
      "Task-conditioned [HyperNetworks](https://blog.example.org/HyperNetworks) for lifelong learning.\n\n"
      "[Link to the paper](https://arxiv.org/abs/1906.00695)\n",
      1, "Continual learning with hypernetworks");
  REQUIRE(named.entries.size() == 1);
  CHECK(urls_of(named.entries[0].items) == Strings{"https://arxiv.org/abs/1906.00695"});
  CHECK(urls_of(named.entries[0].mentions) == Strings{"https://blog.example.org/HyperNetworks"});
}

TEST_CASE("where bare addresses are links (Hugo), a headline over its address and a title before one are entries") {
  const std::string text =
      "Quick links.\n\n### Toy Models of Superposition\nhttps://transformer-circuits.pub/2022/toy_model/index.html\n\n"
      "Features in superposition.\n\n## More\n\n"
      "- Toolformer: Language Models Can Teach Themselves to Use Tools - https://arxiv.org/abs/2302.04761 - API calls.\n"
      "- Gorilla: Large Language Model Connected with Massive APIs - https://arxiv.org/abs/2305.15334 - fine-tuning.\n";
  const PostBody linked = parse_body(text, 1, "Links", {.bare_urls = true});
  CHECK(headings_of(linked) == Strings{"Toy Models of Superposition",
                                      "Toolformer: Language Models Can Teach Themselves to Use Tools",
                                      "Gorilla: Large Language Model Connected with Massive APIs"});
  REQUIRE(linked.entries.size() == 3);
  CHECK(urls_of(linked.entries[1].items) == Strings{"https://arxiv.org/abs/2302.04761"});
  CHECK(linked.entries[1].commentary == "API calls.");
  // Where they are text (CommonMark, Zola, Jekyll), no entry is made of them.
  CHECK(parse_body(text, 1, "Links").entries.empty());
}

TEST_CASE("a tutorial's bold steps that mention named links are prose, not picks") {
  CHECK(parse("Set-up.\n\n**Install the tool.** Get it from [the project's site](https://tool.example/).\n\n"
              "**Configure it next.** Edit [the sample config](https://tool.example/config) to taste.\n")
            .entries.empty());
  // The same bold titles about links that name nothing are picks.
  CHECK(headings_of(parse("Links.\n\n**Install the tool.** ([link](https://tool.example/))\n\n"
                          "**Configure it next.** [Read more](https://tool.example/config)\n")) ==
        Strings{"Install the tool.", "Configure it next."});
}

TEST_CASE("a link whose text is the post's title names the post's paper") {
  const PostBody body =
      parse_body("We read [Attention Is All You Need](https://arxiv.org/abs/1706.03762) today.\n", 1,
                 "Attention Is All You Need");
  REQUIRE(body.entries.size() == 1);
  CHECK(urls_of(body.entries[0].items) == Strings{"https://arxiv.org/abs/1706.03762"});
}

TEST_CASE("an essay with two paragraphs that open with links among many that mention links is prose") {
  std::string essay = "[Alpha](https://a.example/) opens this paragraph.\n\n[Beta](https://b.example/) too.\n\n";
  for (int i = 0; i < 16; ++i)
    essay += "A paragraph that mentions [source " + std::to_string(i) + "](https://s.example/" +
             std::to_string(i) + ") in passing.\n\n";
  CHECK(parse(essay).entries.empty());
  // With fewer such paragraphs the same two openings make a list of picks.
  std::string picks = "[Alpha](https://a.example/) opens this.\n\n[Beta](https://b.example/) too.\n\n"
                      "Then [Gamma Ray Notes](https://g.example/) inside a sentence.\n";
  CHECK(headings_of(parse(picks)) == Strings{"Alpha", "Beta", "Gamma Ray Notes"});
}

TEST_CASE("a thematic break or an <hr> block ends a heading entry") {
  for (const char* rule : {"---", "<hr>", "<hr />"}) {
    CAPTURE(rule);
    const PostBody body = parse(std::string("## [The Paper](https://example.org/p)\n\nAbout it.\n\n") + rule +
                                "\n\nCopyright 2024, all rights reserved.\n");
    REQUIRE(body.entries.size() == 1);
    CHECK(body.entries[0].commentary == "About it.");
    CHECK(contains(body.rest, "all rights reserved"));
  }
}

TEST_CASE("a long pull quote under a heading is not the source of an entry") {
  std::string quote = "> ";
  for (int i = 0; i < 40; ++i) quote += "word ";
  quote += "[a study](https://study.example/)\n";
  const PostBody body = parse("## Quotes\n\n" + quote);
  CHECK(body.entries.empty());
}

TEST_CASE("a post of several papers, each under a heading with its \"paper\" link, has an entry per heading") {
  const PostBody body = parse_body(
      "Three papers this week.\n\n"
      "## Attention Is All You Need\n\n[paper](https://arxiv.org/abs/1706.03762) | [code](https://github.com/t/t)\n\n"
      "Notes on attention, citing [Bahdanau](https://arxiv.org/abs/1409.0473).\n\n"
      "### Details\n\nMore notes.\n\n"
      "## Deep Residual Learning\n\n- [Link to the paper](https://arxiv.org/abs/1512.03385)\n- Skip connections.\n\n"
      "## Closing thoughts\n\nNothing linked here.\n",
      1, "Reading list");
  CHECK(headings_of(body) == Strings{"Attention Is All You Need", "Deep Residual Learning"});
  REQUIRE(body.entries.size() == 2);
  CHECK(urls_of(body.entries[0].items) == Strings{"https://arxiv.org/abs/1706.03762", "https://github.com/t/t"});
  CHECK(texts_of(body.entries[0].items) == Strings{"Attention Is All You Need", "Attention Is All You Need (code)"});
  CHECK(urls_of(body.entries[0].mentions) == Strings{"https://arxiv.org/abs/1409.0473"});
  CHECK(contains(body.entries[0].commentary, "More notes."));
  CHECK(contains(body.rest, "Nothing linked here."));
  // One such section alone is a post about one paper, titled by the post.
  const PostBody one = parse_body("## Introduction\n\n- [Link to the paper](https://arxiv.org/abs/1512.03385)\n", 1,
                                  "Deep Residual Learning");
  CHECK(headings_of(one) == Strings{"Deep Residual Learning"});
  // So is a post that links its one paper again in a later section.
  const PostBody again = parse_body(
      "## Problem\n\n- [Link to the paper](https://arxiv.org/abs/1512.03385)\n\n"
      "## Method\n\nSee section 3 of the [paper](https://arxiv.org/abs/1512.03385).\n",
      1, "Deep Residual Learning");
  CHECK(headings_of(again) == Strings{"Deep Residual Learning"});
}

TEST_CASE("under a bold title, the paragraph's paper and code links are the entry's items") {
  const PostBody body = parse(
      "**Sparse Feature Circuits**: we liked it ([paper](https://arxiv.org/abs/2403.19647), "
      "[code](https://github.com/s/f)), see also [Towards Monosemanticity](https://t.example/m).\n\n"
      "[Scaling Monosemanticity](https://t.example/s). More.\n\n"
      "[Golden Gate Claude](https://g.example/). Fun.\n");
  REQUIRE(body.entries.size() == 3);
  CHECK(body.entries[0].heading == "Sparse Feature Circuits");
  CHECK(urls_of(body.entries[0].items) == Strings{"https://arxiv.org/abs/2403.19647", "https://github.com/s/f"});
  CHECK(texts_of(body.entries[0].items) == Strings{"Sparse Feature Circuits", "Sparse Feature Circuits (code)"});
  CHECK(urls_of(body.entries[0].mentions) == Strings{"https://t.example/m"});
}

TEST_CASE("a link labelled as the paper names the post's paper, keeping its own title") {
  const PostBody body = parse_body(
      "**Paper**: [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n\nMy notes on it.\n", 1,
      "Notes on transformers");
  REQUIRE(body.entries.size() == 1);
  CHECK(body.entries[0].heading == "Notes on transformers");
  CHECK(texts_of(body.entries[0].items) == Strings{"Attention Is All You Need"});
  CHECK(body.entries[0].items[0].label.empty());
  // A link the prose merely leads into labels nothing.
  CHECK(parse_body("We read [Attention Is All You Need](https://arxiv.org/abs/1706.03762) today.\n", 1,
                   "Notes on transformers")
            .entries.empty());
  CHECK(parse("Code: [repo](https://github.com/a/b)\n").mentions.at(0).label == "Code:");
}

TEST_CASE("each row of a table of papers is an entry, titled by the row's first link that names something") {
  const PostBody body = parse(
      "Papers we covered:\n\n"
      "| Paper | Venue | Notes |\n"
      "|---|---|---|\n"
      "| [Attention Is All You Need](https://arxiv.org/abs/1706.03762) | NeurIPS | The transformer. |\n"
      "| [Deep Residual Learning](https://arxiv.org/abs/1512.03385) | CVPR | Skip connections; [code](https://github.com/r/r). |\n"
      "| Batch norm, [here](https://example.org/bn) | ICML | No named link. |\n");
  CHECK(headings_of(body) == Strings{"Attention Is All You Need", "Deep Residual Learning"});
  REQUIRE(body.entries.size() == 2);
  CHECK(body.entries[0].commentary == "Attention Is All You Need NeurIPS The transformer.");
  CHECK(body.entries[0].line == 5);
  CHECK(body.entries[1].line == 6);
  CHECK(urls_of(body.entries[1].mentions) == Strings{"https://github.com/r/r"});
  // The header and the row without a named link stay the post's text.
  CHECK(contains(body.rest, "Paper Venue Notes"));
  CHECK(contains(body.rest, "No named link."));
  CHECK(urls_of(body.mentions) == Strings{"https://example.org/bn"});
  // One linked row is a table, not a list of papers.
  CHECK(parse("| a | b |\n|---|---|\n| [Attention Is All You Need](https://arxiv.org/abs/1706.03762) | x |\n")
            .entries.empty());
}

TEST_CASE("a list of titles each followed by its \"pdf\" or \"code\" link is a list of picks") {
  const PostBody body = parse(
      "Reading list:\n\n"
      "- Scaling Laws for Neural Language Models ([pdf](https://arxiv.org/pdf/2001.08361)) - the first one.\n"
      "- Training Compute-Optimal LLMs: [arXiv](https://arxiv.org/abs/2203.15556), [code](https://github.com/c/c)\n"
      "- As the [paper](https://example.org/p) says, more data helps.\n");
  CHECK(headings_of(body) == Strings{"Scaling Laws for Neural Language Models", "Training Compute-Optimal LLMs"});
  REQUIRE(body.entries.size() == 2);
  CHECK(contains(body.rest, "As the paper says"));  // a sentence running into its link names nothing
  CHECK(texts_of(body.entries[0].items) == Strings{"Scaling Laws for Neural Language Models"});
  CHECK(urls_of(body.entries[1].items) == Strings{"https://arxiv.org/abs/2203.15556", "https://github.com/c/c"});
  CHECK(contains(body.entries[0].commentary, "the first one"));
  // In prose, a sentence that leads into "the paper" once is no list.
  CHECK(parse("As the [paper](https://example.org/p) says, more data helps.\n").entries.empty());
}

TEST_CASE("a tutorial with a list of links keeps the prose around the list as its own text") {
  const PostBody body = parse(
      "## Tools\n\nThree sites already do this:\n\n"
      "1. [VaccineFinder](https://a.example/)\n2. [SlotWatch](https://b.example/)\n\n"
      "## Code\n\nThe date must be given as DD-MM-YYYY; I prefer [ISO 8601](https://iso.example/8601) myself.\n\n"
      "**Step two**\n\nWe send an [HTTP GET](https://mdn.example/get) request.\n");
  CHECK(headings_of(body) == Strings{"VaccineFinder", "SlotWatch"});
  CHECK(contains(body.rest, "I prefer ISO 8601 myself."));
  CHECK(contains(body.rest, "Step two"));
}

TEST_CASE("each heading is also kept as written, whose ids are those Hugo before 0.144 gave") {
  // The ids are what Debian's hugo 0.111.3 wrote for these headings.
  const std::vector<std::pair<std::string, std::string>> headings{
      {"## Example [hyperlink](https://example.com/) in a header", "example-hyperlinkhttpsexamplecom-in-a-header"},
      {"## [With title](https://example.com/a-b_c \"The Title\")", "with-titlehttpsexamplecoma-b_c-the-title"},
      {"## <https://auto.example.org/x>", "httpsautoexampleorgx"},
      {"## [*Emph* and `code`](https://e.example/p?q=1#frag)", "emph-and-codehttpseexamplepq1frag"},
      {"## ![alt text](img.png) image", "alt-textimgpng-image"},
      {"## [Ref link][r1] and [collapsed][]", "ref-linkr1-and-collapsed"},
      {"## [Über Straße](https://de.example/ü)", "über-straßehttpsdeexampleü"},
      {"## Plain: Heading — with dash", "plain-heading--with-dash"},
      {"## [Link A](https://a.example) [Link B](https://b.example)", "link-ahttpsaexample-link-bhttpsbexample"},
  };
  std::string markdown;
  for (const auto& [heading, id] : headings) markdown += heading + "\n\nSome words.\n\n";
  markdown += "[r1]: https://ref.example/one\n[collapsed]: https://ref.example/two\n";
  const PostBody body = parse_body(markdown, 1);
  REQUIRE(body.heading_sources.size() == headings.size());
  REQUIRE(body.headings.size() == headings.size());
  for (std::size_t i = 0; i < headings.size(); ++i) {
    CAPTURE(headings[i].first);
    CHECK(heading_anchor(body.heading_sources[i], AnchorStyle::goldmark_source) == headings[i].second);
  }
  // What each heading is as written: no #s (opening or closing), no setext underline.
  const PostBody forms = parse_body("### Closed ##   \n\n  # [A](https://a.example) #\n\nSetext *one*\n===\n\n##\n", 1);
  const std::vector<std::string> written{"Closed", "[A](https://a.example)", "Setext *one*", ""};
  REQUIRE(forms.heading_sources.size() == written.size());
  for (std::size_t i = 0; i < written.size(); ++i) CHECK(forms.heading_sources[i] == written[i]);
  CHECK(forms.headings.size() == forms.heading_sources.size());
}
