// Every entry layout in tests/fixtures/layouts/, parsed from its file: the entries, their
// headings and the links they are about, as a reader of each post would list them.
#include <doctest/doctest.h>

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

TEST_CASE("paragraphs that start with a link or a bold link") {
  check_layout("link-paragraphs.md",
               {{"Many-shot jailbreaking", {"https://www.anthropic.com/research/many-shot-jailbreaking"}},
                {"The Scaling Hypothesis by Gwern", {"https://gwern.net/scaling-hypothesis"}},
                {"Neuronpedia", {"https://www.neuronpedia.org/"}}});
}

TEST_CASE("bullet items that start with a link; a bullet that merely mentions one is not an entry") {
  check_layout("bullet-links.md", {{"SAELens", {"https://github.com/jbloomAus/SAELens"}},
                                   {"nnsight", {"https://github.com/ndif-team/nnsight"}},
                                   {"Understanding LSTM Networks",
                                    {"https://colah.github.io/posts/2015-08-Understanding-LSTMs/"}}});
  const Post post = parse_fixture("bullet-links.md");
  CHECK(post.body.find("TransformerLens") != std::string::npos);  // the non-entry bullet is the post's text
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
