// Every entry layout in tests/fixtures/layouts/, parsed from its file: the entries, their
// headings and the links they are about, as a reader of each post would list them.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "indexer/link_classifier.h"
#include "indexer/post_parser.h"
#include "indexer/site.h"
#include "indexer/topic_matcher.h"
#include "schemas/source_table.h"
#include "schemas/topic_taxonomy.h"
#include "tests/support/temp_dir.h"

using namespace clubsearch;
using namespace clubsearch::indexer;

namespace {

struct ExpectedEntry {
  std::string heading;
  std::vector<std::string> urls;
};

Post parse_fixture(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(CLUBSEARCH_FIXTURES_DIR) / "layouts";
  static const Site site(dir);
  static const LinkClassifier links(schemas::SourceTable::builtin());
  static const TopicMatcher topics(schemas::TopicTaxonomy::builtin());
  const PostParser parser(site, links, topics);
  return parser.parse(name, test::read_file(dir / name));
}

void check_layout(const std::string& name, const std::vector<ExpectedEntry>& expected) {
  CAPTURE(name);
  const Post post = parse_fixture(name);
  REQUIRE(post.entries.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    CHECK(post.entries[i].heading == expected[i].heading);
    std::vector<std::string> urls;
    for (const LinkedItem& item : post.entries[i].items) urls.push_back(item.url);
    CHECK(urls == expected[i].urls);
    CHECK_FALSE(post.entries[i].commentary.empty());
  }
}

}  // namespace

TEST_CASE("headings holding links, one of them holding two, one with its commentary on the next line") {
  check_layout("heading-links.md",
               {{"LoRA: Low-Rank Adaptation of Large Language Models", {"https://arxiv.org/abs/2106.09685"}},
                {"Mapping the Mind of a Large Language Model and Scaling Monosemanticity",
                 {"https://www.anthropic.com/research/mapping-mind-language-model",
                  "https://transformer-circuits.pub/2024/scaling-monosemanticity/index.html"}},
                {"Simulators", {"https://www.lesswrong.com/posts/vJFdjigzmcXMhNTsx/simulators"}}});
}

TEST_CASE("headlines whose source is a block quote with the link") {
  const Post post = parse_fixture("heading-blockquote.md");
  REQUIRE(post.entries.size() == 3);
  CHECK(post.entries[0].heading == "Governments sign a joint statement on frontier AI");
  CHECK(post.entries[0].items.at(0).host == "gov.uk");
  CHECK(post.entries[2].items.at(0).title ==
        "ChatGPT broke the Turing test \u2014 the race is on for new ways to assess AI");
}

TEST_CASE("headlines whose link is alone on the line below: an address, a labelled link, or links that name nothing") {
  check_layout("heading-link-line.md",
               {{"Toy Models of Superposition", {"https://transformer-circuits.pub/2022/toy_model/index.html"}},
                {"ReAct: Synergizing Reasoning and Acting in Language Models", {"https://arxiv.org/abs/2210.03629"}},
                {"Chatbots in the classroom", {"https://www.theverge.com/2023/1/5/chatgpt-schools"}},
                {"Direct Preference Optimization",
                 {"https://arxiv.org/pdf/2305.18290", "https://github.com/eric-mitchell/direct-preference-optimization"}}});
  const Post post = parse_fixture("heading-link-line.md");
  // An address or a generic text titles nothing: the items take the headline.
  CHECK(post.entries[0].items[0].title == "Toy Models of Superposition");
  CHECK(post.entries[1].items[0].title == "ReAct: Synergizing Reasoning and Acting in Language Models");
  CHECK(post.entries[1].items[0].arxiv_id == "2210.03629");
  CHECK(post.entries[3].items[1].title == "Direct Preference Optimization (code)");
  // The link line is not commentary; the paragraph after it is.
  CHECK(post.entries[1].commentary.find("arxiv.org") == std::string::npos);
  CHECK(post.entries[1].commentary.find("tool calls") != std::string::npos);
  // A line that says more than a label ("Font in the wild: …, seen on …") is prose, and a
  // call to action under a heading is the post's own text.
  CHECK(post.body.find("Font in the wild") != std::string::npos);
  CHECK(post.body.find("Buy me a coffee") != std::string::npos);
}

TEST_CASE("bold titles about a link further on whose text names nothing; a bold label is no title") {
  check_layout("bold-lead-links.md",
               {{"Scaling Monosemanticity", {"https://transformer-circuits.pub/2024/scaling-monosemanticity/index.html"}},
                {"The Bitter Lesson", {"http://www.incompleteideas.net/IncIdeas/BitterLesson.html"}},
                {"Chinchilla scaling laws", {"https://arxiv.org/abs/2203.15556"}}});
  const Post post = parse_fixture("bold-lead-links.md");
  CHECK(post.entries[0].items[0].title == "Scaling Monosemanticity");  // not "link"
  CHECK(post.entries[2].items[0].title == "Chinchilla scaling laws");  // not "Read more"
  // "**Note:**" opens nothing: a pick runs on to the next one.
  CHECK(post.entries[2].commentary.find("skips next week") != std::string::npos);
}

TEST_CASE("headlines whose section closes with its link on a line of its own") {
  check_layout("read-more-sections.md", {{"Sleeper agents", {"https://arxiv.org/abs/2401.05566"}},
                                         {"Representation engineering", {"https://arxiv.org/abs/2310.01405"}},
                                         {"Weak-to-strong generalization", {"https://arxiv.org/abs/2312.09390"}}});
  const Post post = parse_fixture("read-more-sections.md");
  CHECK(post.entries[2].items[0].title == "Weak-to-strong generalization");
  CHECK(post.entries[0].commentary.find("backdoor") != std::string::npos);
  // A "[here](…)" inside a sentence of a section is not its subject.
  CHECK(post.body.find("The archive moved") != std::string::npos);
}

TEST_CASE("list items about the one link that closes them, titled by their first sentence") {
  check_layout("closing-links.md",
               {{"Grokking: generalization beyond overfitting on small algorithmic datasets", {"https://arxiv.org/abs/2201.02177"}},
                {"Are emergent abilities of large language models a mirage?", {"https://arxiv.org/abs/2304.15004"}},
                {"A visual guide to quantization", {"https://example.com/quantization-guide"}}});
  const Post post = parse_fixture("closing-links.md");
  CHECK(post.entries[0].commentary.find("long after they memorize") != std::string::npos);
  // A link with words after it does not close its item, and an essay's citation is no entry.
  CHECK(post.body.find("tokenizers are still the best") != std::string::npos);
  CHECK(post.body.find("cites its claim") != std::string::npos);
}

TEST_CASE("items closed by a link named after its outlet are titled by their own words") {
  check_layout("outlet-links.md",
               {{"OpenAI ships a reasoning model to every user", {"https://www.theverge.com/2025/3/4/openai-reasoning-everyone"}},
                {"A chip maker's results beat expectations again", {"https://www.reuters.com/technology/chip-results-2025-03-05/"}},
                {"Why sparse autoencoders find features, in one picture", {"https://www.lesswrong.com/posts/abc123/why-saes-find-features"}},
                {"The lab that wants to build a scientist raises its first round", {"https://techcrunch.com/2025/03/06/lab-scientist-round/"}},
                {"Robots learn to fold laundry from video", {"https://www.technologyreview.com/2025/03/07/robots-fold-laundry/"}}});
  const Post post = parse_fixture("outlet-links.md");
  // The outlet stays in the commentary, where a search for it finds the entry.
  CHECK(post.entries[0].commentary.find("The Verge") != std::string::npos);
  // An outlet a sentence runs on after, and a link that names more than its site, are left
  // to the other rules.
  CHECK(post.body.find("I loved the piece on chips from Reuters this week.") != std::string::npos);
  CHECK(post.body.find("Attention Is All You Need") != std::string::npos);
}

TEST_CASE("items that name their outlet or say what the link is before it, with a colon, a dash or a mark") {
  check_layout("labelled-links.md",
               {{"OpenAI launches a model for Pro users", {"https://www.theverge.com/2025/2/27/openai-model-pro"}},
                {"Chip maker's results beat expectations again", {"https://www.reuters.com/technology/chip-results-2025-02-26/"}},
                {"A lab raises $3.5 billion", {"https://techcrunch.com/2025/03/03/lab-raises/"}},
                {"Flying Lotus \u2014 Coronus, The Terminator", {"https://www.youtube.com/watch?v=Ak4vLEBxIo4"}},
                {"Toy Models of Superposition", {"https://transformer-circuits.pub/2022/toy_model/index.html"}},
                {"Scaling Monosemanticity", {"https://transformer-circuits.pub/2024/scaling-monosemanticity/index.html"}}});
  const Post post = parse_fixture("labelled-links.md");
  // A mark of symbols ("📄", "⭐️") is a label that says nothing.
  CHECK(post.entries[4].commentary == "features in superposition.");
  // The label is commentary: it says what the link is.
  CHECK(post.entries[2].commentary == "TechCrunch: its largest round.");
  CHECK(post.entries[0].commentary == "The Verge:");
  CHECK(post.entries[3].commentary.find("For your ears") != std::string::npos);
  // A sentence that runs into a link, or a label of many words, labels nothing.
  CHECK(post.body.find("Note that the archive moved") != std::string::npos);
}

TEST_CASE("links written as HTML anchors are links, where the generator puts raw HTML on the page") {
  check_layout("html-links.md",
               {{"LoRA: Low-Rank Adaptation of Large Language Models", {"https://arxiv.org/abs/2106.09685"}},
                {"QLoRA: Efficient Finetuning of Quantized LLMs", {"https://arxiv.org/abs/2305.14314"}},
                {"Direct Preference Optimization", {"https://arxiv.org/abs/2305.18290?a=1&b=2"}}});
  const Post post = parse_fixture("html-links.md");
  REQUIRE(post.entries[1].mentions.size() == 1);
  CHECK(post.entries[1].mentions[0].url == "https://github.com/artidoro/qlora");
  CHECK(post.entries[2].commentary.find("one never closed") != std::string::npos);
}

TEST_CASE("lists written as HTML are lists, where the generator puts raw HTML on the page") {
  check_layout("html-lists.md",
               {{"Discovering Latent Knowledge in Language Models Without Supervision", {"https://arxiv.org/abs/2212.03827"}},
                {"Sparse Autoencoders Find Highly Interpretable Features", {"https://arxiv.org/abs/2309.08600"}},
                {"Toy Models of Superposition", {"https://transformer-circuits.pub/2022/toy_model/index.html"}},
                {"Towards Monosemanticity", {"https://transformer-circuits.pub/2023/monosemantic-features/index.html"}},
                {"Refusal in Language Models Is Mediated by a Single Direction", {"https://arxiv.org/abs/2406.11717"}}});
  const Post post = parse_fixture("html-lists.md");
  // The text as the page shows it: no tag, no Markdown read into it, no commented-out pick.
  CHECK(post.entries[0].commentary == "truth directions found without labels.");
  CHECK(post.entries[1].commentary.find("SAEs * on [residual] streams") != std::string::npos);
  REQUIRE(post.entries[1].mentions.size() == 1);
  CHECK(post.entries[1].mentions[0].url == "https://github.com/HoagyC/sparse_coding");
  CHECK(post.entries[2].topics == std::vector<std::string>{"Interpretability"});
  for (const Entry& entry : post.entries) CHECK(entry.commentary.find("commented-out") == std::string::npos);
  // Each entry's line is its link's in the file.
  CHECK(post.entries[0].line == 11);
  CHECK(post.entries[3].line == 23);
  // The note without a link, and the block without a list, are the post's own text.
  CHECK(post.body.find("A note with no link at all.") != std::string::npos);
  CHECK(post.body.find("About this page") != std::string::npos);
}

TEST_CASE("cited papers, each a title and its authors and year before a link to it, are an entry each") {
  // Not one entry about three papers, titled by the post.
  check_layout("cited-papers.md", {{"Attention Is All You Need", {"https://arxiv.org/abs/1706.03762"}},
                                   {"Deep Residual Learning for Image Recognition", {"https://arxiv.org/pdf/1512.03385"}},
                                   {"Layer Normalization", {"https://arxiv.org/abs/1607.06450"}}});
}

TEST_CASE("a list of categories, each naming the links listed under it, has an entry per link") {
  check_layout("category-lists.md",
               {{"Toy Models of Superposition", {"https://transformer-circuits.pub/2022/toy_model/index.html"}},
                {"Sparse Feature Circuits", {"https://arxiv.org/abs/2403.19647"}},
                {"ReAct: Synergizing Reasoning and Acting", {"https://arxiv.org/abs/2210.03629"}},
                {"Voyager", {"https://arxiv.org/abs/2305.16291"}}});
  const Post post = parse_fixture("category-lists.md");
  // The categories' names are the post's text; a list of notes whose item lists links
  // (its "Baselines:") is no list of categories.
  CHECK(post.body.find("Interpretability") != std::string::npos);
  CHECK(post.body.find("SAC-AE") != std::string::npos);
}

TEST_CASE("plain headlines whose section labels its paper (\"Paper: [Title](…)\") are entries about it") {
  check_layout("labelled-paper-sections.md",
               {{"Sleeper agents", {"https://arxiv.org/abs/2401.05566"}},
                {"Representation engineering",
                 {"https://arxiv.org/abs/2310.01405", "https://github.com/andyzoujm/representation-engineering"}}});
  const Post post = parse_fixture("labelled-paper-sections.md");
  // The notes are the entry's, the paper keeps its own title, the code takes the headline's.
  CHECK(post.entries[0].commentary.find("backdoors") != std::string::npos);
  CHECK(post.entries[0].items[0].title == "Sleeper Agents: Training Deceptive LLMs that Persist Through Safety Training");
  CHECK(post.entries[1].items[1].title == "Representation engineering (code)");
}

TEST_CASE("a newsletter's items: a bold title, its text, and its link alone on a line below") {
  check_layout("bold-title-link-line.md", {{"Sleeper agents persist through safety training", {"https://arxiv.org/abs/2401.05566"}},
                                           {"Representation engineering", {"https://arxiv.org/abs/2310.01405"}},
                                           {"A note on the schedule", {}}});
  const Post post = parse_fixture("bold-title-link-line.md");
  CHECK(post.entries[0].items[0].title == "Sleeper agents persist through safety training");  // not "Link"
  CHECK(post.entries[0].commentary.find("[Link]") == std::string::npos);
  CHECK(post.body.find("Thanks for reading") != std::string::npos);
}

TEST_CASE("paragraphs that start with a link or a bold link") {
  check_layout("link-paragraphs.md",
               {{"Many-shot jailbreaking", {"https://www.anthropic.com/research/many-shot-jailbreaking"}},
                {"The Scaling Hypothesis by Gwern", {"https://gwern.net/scaling-hypothesis"}},
                {"Neuronpedia", {"https://www.neuronpedia.org/"}}});
}

TEST_CASE("bullet items that start with or name a link; a bullet whose link names nothing is not an entry") {
  check_layout("bullet-links.md",
               {{"SAELens", {"https://github.com/jbloomAus/SAELens"}},
                {"nnsight", {"https://github.com/ndif-team/nnsight"}},
                {"TransformerLens", {"https://github.com/TransformerLensOrg/TransformerLens"}},
                {"Understanding LSTM Networks", {"https://colah.github.io/posts/2015-08-Understanding-LSTMs/"}}});
  const Post post = parse_fixture("bullet-links.md");
  CHECK(post.body.find("only says here") != std::string::npos);  // the "[here]" bullet is the post's text
}

TEST_CASE("bold titles followed by a line break and a bare link") {
  check_layout("bold-autolink.md",
               {{"Sparse Autoencoders Find Highly Interpretable Features in Language Models",
                 {"https://arxiv.org/abs/2309.08600"}},
                {"Scaling and evaluating sparse autoencoders", {"https://arxiv.org/pdf/2406.04093v1"}}});
  CHECK(parse_fixture("bold-autolink.md").entries[1].items[0].arxiv_id == "2406.04093");
}

TEST_CASE("a post with no recognisable entry is searchable as a whole") {
  const Post post = parse_fixture("no-entries.md");
  CHECK(post.entries.empty());
  CHECK_FALSE(post.body.empty());
  CHECK(post.intro == post.body);
}

TEST_CASE("a post about one paper, linked as \"the paper\", is one entry titled by the post") {
  const std::string title = "Tree of Thoughts - Deliberate Problem Solving with Large Language Models";
  check_layout("one-paper-post.md", {{title, {"https://arxiv.org/abs/2305.10601",
                                              "https://github.com/princeton-nlp/tree-of-thought-llm"}}});
  const Post post = parse_fixture("one-paper-post.md");
  const Entry& entry = post.entries[0];
  CHECK(entry.items[0].title == title);
  CHECK(entry.items[0].arxiv_id == "2305.10601");
  CHECK(entry.items[1].title == title + " (code)");
  CHECK(entry.anchor.empty());
  CHECK(entry.url == post.permalink);
  // All the post's notes are the entry's commentary, and its other links are mentions.
  CHECK(entry.commentary.find("Game of 24") != std::string::npos);
  REQUIRE(entry.mentions.size() == 1);
  CHECK(entry.mentions[0].title == "Self-Consistency");
  // The post's tags are the entry's topics.
  CHECK(std::find(entry.topics.begin(), entry.topics.end(), "Reasoning") != entry.topics.end());
}

TEST_CASE("picks whose link is inside the paragraph, quotes with their source, and a pull quote before a pick") {
  check_layout("picks-inner-links.md",
               {{"The Quiet Interface", {"https://quiet.example.org/essays/quiet-interface"}},
                {"Boring Technology, Revisited", {"https://boring.example.com/revisited"}},
                {"Plain Mono", {"https://type.example.net/plain-mono"}},
                {"Small Sites", {"https://small.example.org/"}},
                {"The Cost of Features", {"https://product.example.com/cost-of-features"}},
                {"Sustainable Defaults", {"https://green.example.org/defaults"}}});
  const Post post = parse_fixture("picks-inner-links.md");
  // The paragraph around an inner link is that pick's text, not the previous pick's.
  CHECK(post.entries[2].commentary.find("drawn for terminals") != std::string::npos);
  CHECK(post.entries[1].commentary.find("Plain Mono") == std::string::npos);
  // The long quote under "Elsewhere on the web" belongs to the pick after it; its own link
  // is a mention there.
  CHECK(post.entries[4].commentary.find("wooden spoon") == std::string::npos);
  CHECK(post.entries[4].commentary.find("promise you will keep") != std::string::npos);
  REQUIRE(post.entries[4].mentions.size() == 1);
  CHECK(post.entries[4].mentions[0].url == "https://maintainer.example.org/promises");
  // The outro's call to action is the post's text.
  CHECK(post.body.find("share this with a friend") != std::string::npos);
}

TEST_CASE("bold title lines: with a bare link below, or with no link at all, each is an entry") {
  check_layout("bold-titles.md",
               {{"Quickshot: a screenshot tool that stays out of the way", {"https://github.com/example/quickshot"}},
                {"Tidy Dock: hide the icons you never click", {"https://tidydock.example.app/"}},
                {"A bakery that only opens on Sundays", {}},
                {"Tape Deck Revival", {"https://tapes.example.org/revival"}}});
  const Post post = parse_fixture("bold-titles.md");
  CHECK(post.entries[2].commentary.find("cardamom bun") != std::string::npos);
  CHECK(post.entries[1].commentary.find("cardamom bun") == std::string::npos);
}

TEST_CASE("a rule ends the last entry: the footer after it is the post's text") {
  check_layout("footer-after-rule.md",
               {{"A model that reads schematics", {"https://news.example.com/schematics"}},
                {"Robots learn to fold towels", {"https://robots.example.org/towels"}},
                {"Chip export rules tightened", {"https://policy.example.net/chips"}}});
  const Post post = parse_fixture("footer-after-rule.md");
  for (const Entry& entry : post.entries) CHECK(entry.commentary.find("All rights reserved") == std::string::npos);
  CHECK(post.body.find("All rights reserved") != std::string::npos);
}

TEST_CASE("papers under plain headings, each section linking its paper as \"paper\"") {
  check_layout("paper-sections.md",
               {{"Titans: Learning to Memorize at Test Time",
                 {"https://arxiv.org/abs/2501.00663", "https://github.com/example/titans"}},
                {"Mamba: Linear-Time Sequence Modeling with Selective State Spaces",
                 {"https://arxiv.org/pdf/2312.00752v2"}}});
  const Post post = parse_fixture("paper-sections.md");
  CHECK(post.entries[0].items[1].title == "Titans: Learning to Memorize at Test Time (code)");
  CHECK(post.entries[0].commentary.find("survive long contexts") != std::string::npos);
  CHECK(post.entries[1].items[0].arxiv_id == "2312.00752");
  CHECK(post.body.find("vote on the next topic") != std::string::npos);
}

TEST_CASE("a table of papers: one entry per row that links one") {
  check_layout("paper-table.md",
               {{"Chinchilla: Training Compute-Optimal Large Language Models", {"https://arxiv.org/abs/2203.15556"}},
                {"Constitutional AI: Harmlessness from AI Feedback", {"https://arxiv.org/abs/2212.08073"}},
                {"Toy Models of Superposition", {"https://transformer-circuits.pub/2022/toy_model/index.html"}}});
  const Post post = parse_fixture("paper-table.md");
  CHECK(post.entries[1].commentary.find("Feedback from principles.") != std::string::npos);
  CHECK(post.entries[1].line == 11);
  CHECK(post.body.find("No paper this week.") != std::string::npos);
}
