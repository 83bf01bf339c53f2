// Path slugs and heading anchors match what Zola, Hugo and Jekyll (kramdown) generate, ASCII
// and Unicode alike.
#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "indexer/slug.h"

using namespace clubsearch::indexer;

namespace {

std::string zola(std::string_view text) { return heading_anchor(text, SiteGenerator::zola); }
std::string hugo(std::string_view text) { return heading_anchor(text, SiteGenerator::hugo); }
std::string gfm(std::string_view text) { return heading_anchor(text, AnchorStyle::kramdown_gfm); }
std::string kramdown(std::string_view text) { return heading_anchor(text, AnchorStyle::kramdown); }

}  // namespace

TEST_CASE("Zola anchors for the Journal Club headings of the real blog") {
  CHECK(zola("Approaching Human Level Forecasting with LLMs") ==
        "approaching-human-level-forecasting-with-llms");
  CHECK(zola("Refusal in LLMs is mediated by a single direction") ==
        "refusal-in-llms-is-mediated-by-a-single-direction");
  CHECK(zola("Extrinsic Hallucinations in LLMs") == "extrinsic-hallucinations-in-llms");
  CHECK(zola("Differentiable Sparse Solvers ") == "differentiable-sparse-solvers");
  CHECK(zola("ReFT: Representation Finetuning for Language Models") ==
        "reft-representation-finetuning-for-language-models");
  CHECK(zola("JAX FDM: A differentiable solver for inverse form-finding") ==
        "jax-fdm-a-differentiable-solver-for-inverse-form-finding");
  CHECK(zola("200 Concrete Open Problems in Mech Interp") == "200-concrete-open-problems-in-mech-interp");
  CHECK(zola("Fine-tuning is not sufficient for capability elicitation") ==
        "fine-tuning-is-not-sufficient-for-capability-elicitation");
  CHECK(zola("Understanding Addition in Transformers") == "understanding-addition-in-transformers");
  CHECK(zola("Contra: Bottleneck T5 Text Autoencoder.ipynb") ==
        "contra-bottleneck-t5-text-autoencoder-ipynb");
  CHECK(zola("AI Sandbagging: Language Models can Strategically Underperform on Evaluations") ==
        "ai-sandbagging-language-models-can-strategically-underperform-on-evaluations");
  // Two links in one heading; with smart_punctuation the apostrophe is a curly one.
  const std::string two_links =
      "-responsible-scaling-policy-and-reflections-on-our-responsible-scaling-policy";
  CHECK(zola("Anthropic's Responsible Scaling Policy and Reflections on our Responsible Scaling Policy") ==
        "anthropic-s" + two_links);
  CHECK(
      zola("Anthropic\u2019s Responsible Scaling Policy and Reflections on our Responsible Scaling Policy") ==
      "anthropic-s" + two_links);
  CHECK(zola("Does Refusal Training in LLMs Generalize to the Past Tense?") ==
        "does-refusal-training-in-llms-generalize-to-the-past-tense");
}

TEST_CASE("Zola follows the slug crate: runs of other characters become one '-', none at the ends") {
  CHECK(zola("My Test String!!!1!1") == "my-test-string-1-1");
  CHECK(zola("test\nit   now!") == "test-it-now");
  CHECK(zola("  --test_-_cool") == "test-cool");
  CHECK(zola("You & Me") == "you-me");
  CHECK(zola("user@example.com") == "user-example-com");
  CHECK(zola("test (hey)") == "test-hey");
  CHECK(zola("dot. ") == "dot");
  CHECK(zola("") == "");
  CHECK(zola("?!") == "");
}

TEST_CASE("Zola transliterates Unicode to ASCII") {
  CHECK(zola("h\u00e9h\u00e9") == "hehe");
  CHECK(zola("\u00c6\u00fa\u0171--cool?") == "aeuu-cool");
  CHECK(zola("e\u0301tude") == "etude");  // decomposed accent
  CHECK(zola("Stra\u00dfe \u00c6r\u00f8") == "strasse-aero");
  CHECK(zola("AI just solved an 80-year-old \u2018Erd\u0151s problem,\u2019 and mathematicians are amazed") ==
        "ai-just-solved-an-80-year-old-erdos-problem-and-mathematicians-are-amazed");
  CHECK(zola("\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440") == "privet-mir");
}

TEST_CASE("Zola gives each Chinese character its reading as a word") {
  CHECK(zola("\u65e5\u672c") == "ri-ben");
  CHECK(zola("\u5317\u4eb0city") == "bei-jing-city");
  CHECK(zola("\u524d\u7aef\u6280\u672f") == "qian-duan-ji-shu");
  CHECK(zola("\u770b\u770b AI") == "kan-kan-ai");
}

TEST_CASE("Hugo heading ids follow goldmark's github style") {
  CHECK(hugo("ReFT: Representation Finetuning for Language Models") ==
        "reft-representation-finetuning-for-language-models");
  CHECK(hugo("Anthropic's Responsible Scaling Policy and Reflections on our Responsible Scaling Policy") ==
        "anthropics-responsible-scaling-policy-and-reflections-on-our-responsible-scaling-policy");
  CHECK(hugo("Contra: Bottleneck T5 Text Autoencoder.ipynb") == "contra-bottleneck-t5-text-autoencoderipynb");
  CHECK(hugo("Does Refusal Training in LLMs Generalize to the Past Tense?") ==
        "does-refusal-training-in-llms-generalize-to-the-past-tense");
  CHECK(hugo("A B C") == "a-b-c");
  CHECK(hugo("a b   c") == "a-b---c");
  CHECK(hugo("< a, b, & c >") == "-a-b--c-");
  CHECK(hugo("main.go") == "maingo");
  CHECK(hugo("  snake_case & more\t") == "snake_case--more");
  CHECK(hugo("!!!") == "heading");
  CHECK(hugo("") == "heading");
}

TEST_CASE("Hugo heading ids keep Unicode letters, lowercased") {
  CHECK(hugo("Hug\u00f6") == "hug\u00f6");
  CHECK(hugo("\u00c4rger \u00fcber \u00d6l") == "\u00e4rger-\u00fcber-\u00f6l");
  CHECK(hugo("AI just solved an 80-year-old \u2018Erd\u0151s problem,\u2019 and mathematicians are amazed") ==
        "ai-just-solved-an-80-year-old-erd\u0151s-problem-and-mathematicians-are-amazed");
  CHECK(hugo("\u524d\u7aef\u6280\u672f") == "\u524d\u7aef\u6280\u672f");
  CHECK(hugo("\u770b\u770b AI") == "\u770b\u770b-ai");
  // The ideographic space is trimmed like any Unicode space; a full-width '!' is dropped.
  CHECK(hugo("\u3000\u770b\u770b\uff01") == "\u770b\u770b");
}

TEST_CASE("path slugs for the real blog's file names") {
  CHECK(slugify_path("journal_club_1", SiteGenerator::zola) == "journal-club-1");
  CHECK(slugify_path("i just need to make it to friday ;-;", SiteGenerator::zola) ==
        "i-just-need-to-make-it-to-friday");
  CHECK(slugify_path("cool_proofs_from_ma55.md", SiteGenerator::zola) == "cool-proofs-from-ma55-md");
  CHECK(slugify_path("HSThingsThatWorked", SiteGenerator::zola) == "hsthingsthatworked");
  CHECK(slugify_path("dabney-hovse-geocaching-service", SiteGenerator::zola) ==
        "dabney-hovse-geocaching-service");

  CHECK(slugify_path("journal_club_1", SiteGenerator::hugo) == "journal_club_1");
  CHECK(slugify_path("i just need to make it to friday ;-;", SiteGenerator::hugo) ==
        "i-just-need-to-make-it-to-friday-");
  CHECK(slugify_path("cool_proofs_from_ma55.md", SiteGenerator::hugo) == "cool_proofs_from_ma55.md");
  CHECK(slugify_path("HSThingsThatWorked", SiteGenerator::hugo) == "hsthingsthatworked");
}

TEST_CASE("Hugo path slugs: spaces become one '-', disallowed characters are dropped") {
  CHECK(slugify_path("Vim (text editor)", SiteGenerator::hugo) == "vim-text-editor");
  CHECK(slugify_path("< a, b, & c >", SiteGenerator::hugo) == "a-b-c");
  CHECK(slugify_path("a b   c", SiteGenerator::hugo) == "a-b-c");
  CHECK(slugify_path("  Social Media  ", SiteGenerator::hugo) == "social-media");
  CHECK(slugify_path("a - b", SiteGenerator::hugo) == "a-b");
  CHECK(slugify_path("a--b", SiteGenerator::hugo) == "a--b");
  CHECK(slugify_path("C++ & C#", SiteGenerator::hugo) == "c++-c#");
  CHECK(slugify_path("100%25 sure, 50% off", SiteGenerator::hugo) == "100%25-sure-50-off");
  CHECK(slugify_path("Hug\u00f6 \u00c4rger", SiteGenerator::hugo) == "hug\u00f6-\u00e4rger");
  CHECK(slugify_path("\u4e2d\u6587 \u6807\u9898", SiteGenerator::hugo) == "\u4e2d\u6587-\u6807\u9898");
  CHECK(slugify_path("\u4e2d\u6587 \u6807\u9898", SiteGenerator::zola) == "zhong-wen-biao-ti");
}

TEST_CASE("duplicate anchors get -1, -2, ... skipping ids already on the page") {
  AnchorSet zola_page;
  CHECK(zola_page.unique(zola("Something exciting!")) == "something-exciting");
  CHECK(zola_page.unique(zola("Example code")) == "example-code");
  CHECK(zola_page.unique(zola("Something else")) == "something-else");
  CHECK(zola_page.unique(zola("Example code")) == "example-code-1");
  CHECK(zola_page.unique(zola("Example code")) == "example-code-2");

  AnchorSet page;
  CHECK(page.unique("intro") == "intro");
  CHECK(page.unique("intro-1") == "intro-1");
  CHECK(page.unique("intro") == "intro-2");
  CHECK(page.unique("intro-1") == "intro-1-1");
  CHECK(page.unique("intro-3") == "intro-3");
  CHECK(page.unique("intro") == "intro-4");

  AnchorSet hugo_page;
  CHECK(hugo_page.unique(hugo("???")) == "heading");
  CHECK(hugo_page.unique(hugo("")) == "heading-1");
}

// ---- Zola's [slugify] strategies --------------------------------------------------------------

// The table of Zola's own tests (components/utils/src/slugs.rs): input → on, safe, off.
TEST_CASE("Zola's path strategies: on slugifies, safe removes what paths cannot hold, off keeps all") {
  struct Row {
    const char* input;
    const char* on;
    const char* safe;
    const char* off;
  };
  for (const Row& row : {Row{"input", "input", "input", "input"}, Row{"test ", "test", "test", "test "},
                         Row{"tes t", "tes-t", "tes t", "tes t"}, Row{"dot. ", "dot", "dot", "dot. "},
                         Row{"\u65e5\u672c", "ri-ben", "\u65e5\u672c", "\u65e5\u672c"},
                         Row{"h\u00e9h\u00e9", "hehe", "h\u00e9h\u00e9", "h\u00e9h\u00e9"},
                         Row{"test (hey)", "test-hey", "test (hey)", "test (hey)"}}) {
    CAPTURE(row.input);
    CHECK(zola_slugify_path(row.input, SlugStrategy::on) == row.on);
    CHECK(zola_slugify_path(row.input, SlugStrategy::safe) == row.safe);
    CHECK(zola_slugify_path(row.input, SlugStrategy::off) == row.off);
  }
  CHECK(zola_slugify_path("a<b>c:d\"e/f\\g|h?i*j", SlugStrategy::safe) == "abcdefghij");
  CHECK(zola_slugify_path("\u8bba\u6587\u7b14\u8bb0", SlugStrategy::safe) == "\u8bba\u6587\u7b14\u8bb0");
}

TEST_CASE("Zola's anchor strategies: safe and off only turn ASCII whitespace into '_'") {
  struct Row {
    const char* input;
    const char* on;
    const char* safe;
  };
  for (const Row& row :
       {Row{"input", "input", "input"}, Row{"test ", "test", "test_"}, Row{"tes t", "tes-t", "tes_t"},
        Row{"dot. ", "dot", "dot._"}, Row{"\u65e5\u672c", "ri-ben", "\u65e5\u672c"},
        Row{"h\u00e9h\u00e9", "hehe", "h\u00e9h\u00e9"}, Row{"test (hey)", "test-hey", "test_(hey)"}}) {
    CAPTURE(row.input);
    CHECK(heading_anchor(row.input, AnchorStyle::zola_on) == row.on);
    CHECK(heading_anchor(row.input, AnchorStyle::zola_safe) == row.safe);
  }
  CHECK(heading_anchor("a\tb\u3000c", AnchorStyle::zola_safe) == "a_b\u3000c");  // only ASCII whitespace
}

// ---- Jekyll ------------------------------------------------------------------------------------

TEST_CASE("Jekyll's slugify, as its documentation's examples give it") {
  CHECK(jekyll_slugify("The _config.yml file", JekyllSlugMode::default_mode) == "the-config-yml-file");
  CHECK(jekyll_slugify("The _config.yml file", JekyllSlugMode::pretty) == "the-_config.yml-file");
  CHECK(jekyll_slugify("The _config.yml file", JekyllSlugMode::pretty, true) == "The-_config.yml-file");
  // Runs become one '-', one '-' is trimmed from each end, letters of any script are kept.
  CHECK(jekyll_slugify("  VQA: Visual Question Answering!! ", JekyllSlugMode::default_mode) ==
        "vqa-visual-question-answering");
  CHECK(jekyll_slugify("VQA Visual Question Answering", JekyllSlugMode::pretty, true) ==
        "VQA-Visual-Question-Answering");
  CHECK(jekyll_slugify("Making the V in VQA Matter - Elevating", JekyllSlugMode::pretty, true) ==
        "Making-the-V-in-VQA-Matter-Elevating");
  CHECK(jekyll_slugify("Don\u2019t Need To Be Recurrent", JekyllSlugMode::pretty, true) ==
        "Don-t-Need-To-Be-Recurrent");
  CHECK(jekyll_slugify("\u5c71\u9876\u5496\u5561 \u00c9t\u00e9", JekyllSlugMode::default_mode) ==
        "\u5c71\u9876\u5496\u5561-\u00e9t\u00e9");
  CHECK(jekyll_slugify("C++ & Rust (2024)", JekyllSlugMode::pretty) == "c++-&-rust-(2024)");
  CHECK(jekyll_slugify("---", JekyllSlugMode::default_mode).empty());
}

TEST_CASE("kramdown's GFM ids: lowercased, non-word characters dropped, each space a '-'") {
  CHECK(gfm("Attention Is All You Need") == "attention-is-all-you-need");
  CHECK(gfm("ReFT: Representation Finetuning for Language Models") ==
        "reft-representation-finetuning-for-language-models");
  CHECK(gfm("Contra: Bottleneck T5 Text Autoencoder.ipynb") == "contra-bottleneck-t5-text-autoencoderipynb");
  CHECK(gfm("snake_case & more") == "snake_case--more");  // '&' dropped, both spaces kept
  CHECK(gfm("a\tb") == "a-b");
  CHECK(gfm(" padded ") == "-padded-");  // kramdown does not trim
  CHECK(gfm("Elon Musk Loses $150 Billion Suit Against OpenAI and Sam Altman - The New York Times") ==
        "elon-musk-loses-150-billion-suit-against-openai-and-sam-altman---the-new-york-times");
  CHECK(gfm("\U0001F680 Launch") == "-launch");  // an emoji is no word character
  CHECK(gfm("\u00c4rger \u00fcber \u00d6l") == "\u00e4rger-\u00fcber-\u00f6l");
  CHECK(gfm("\u6f6e\u6d41\u5de5\u5177") == "\u6f6e\u6d41\u5de5\u5177");
  CHECK(gfm("???").empty());
}

TEST_CASE("kramdown's dashes: '--' and '---' become dashes, which ids drop") {
  CHECK(gfm("Scaling Laws -- revisited") == "scaling-laws--revisited");
  CHECK(gfm("Gemini 1.5 is Google\u2019s next-gen AI model \u2014 and it\u2019s already almost ready") ==
        "gemini-15-is-googles-next-gen-ai-model--and-its-already-almost-ready");
  CHECK(gfm("a---b") == "ab");
  CHECK(gfm("a----b") == "a-b");  // "---" then "-"
  CHECK(gfm("a-----b") == "ab");  // "---" then "--"
  CHECK(gfm("well-known") == "well-known");
}

TEST_CASE("kramdown's own ids (input: kramdown): ASCII only, from the first letter, else 'section'") {
  CHECK(kramdown("Attention Is All You Need") == "attention-is-all-you-need");
  CHECK(kramdown("1. Introduction: why?") == "introduction-why");
  CHECK(kramdown("\u00c4rger \u00fcber") == "rger-ber");
  CHECK(kramdown("Scaling Laws -- revisited") == "scaling-laws--revisited");
  CHECK(kramdown("123") == "section");
  CHECK(kramdown("") == "section");
}

TEST_CASE("kramdown numbers repeated ids by count, whatever else is on the page") {
  AnchorSet page(AnchorStyle::kramdown_gfm);
  CHECK(page.unique("intro") == "intro");
  CHECK(page.unique("intro-1") == "intro-1");
  CHECK(page.unique("intro") == "intro-1");  // kramdown does not look: two ids are "intro-1"
  CHECK(page.unique("intro") == "intro-2");
  CHECK(page.unique("") == "");
  CHECK(page.unique("") == "-1");
  AnchorSet off(AnchorStyle::none);
  CHECK(off.unique("intro").empty());
  CHECK(heading_anchor("Intro", AnchorStyle::none).empty());
}

TEST_CASE("Unicode slugs from several threads at once agree with one thread") {
  const std::vector<std::string> headings = {"\u524d\u7aef\u6280\u672f", "h\u00e9h\u00e9", "Stra\u00dfe",
                                             "\u770b\u770b AI", "plain ascii"};
  std::vector<std::string> expected;
  for (const auto& heading : headings) expected.push_back(zola(heading));
  std::vector<std::vector<std::string>> results(4);
  std::vector<std::thread> threads;
  for (auto& result : results)
    threads.emplace_back([&headings, &result] {
      for (int round = 0; round < 50; ++round)
        for (const auto& heading : headings) result.push_back(zola(heading));
    });
  for (auto& thread : threads) thread.join();
  for (const auto& result : results) {
    REQUIRE(result.size() == 50 * headings.size());
    for (std::size_t i = 0; i < result.size(); ++i) CHECK(result[i] == expected[i % headings.size()]);
  }
}
