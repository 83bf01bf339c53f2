// The naive baseline on fixed text: how a post is split into link documents, the query
// it is asked, and that FTS5 ranks with it.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/relevance/fts5_baseline.h"

namespace {

using namespace clubsearch::relevance;

}  // namespace

TEST_SUITE("fts5 baseline") {
  TEST_CASE("one document per link, with the block that holds it") {
    const std::string body =
        "Intro with no link.\n"
        "\n"
        "#### [LoRA: Low-Rank\n"
        "Adaptation](https://arxiv.org/abs/2106.09685)\n"
        "\n"
        "The PEFT method; see [nanoGPT](https://github.com/karpathy/nanoGPT \"a title\") and\n"
        "[Attention](https://en.wikipedia.org/wiki/Attention_(machine_learning)).\n"
        "- [first item](<https://example.org/a b>) said\n"
        "  more about it\n"
        "2) [second](https://example.org/b)\n"
        "![a figure](figure.png) \\[not a link](x) [no destination]() [reference][ref]\n"
        "\n"
        "**wezterm：GPU 加速的命令行工具**\n"
        "<https://github.com/wez/wezterm> <not a link> <b>bold</b> a < b\n";
    const std::vector<NaiveDocument> documents = naive_documents("p.md", "A post", body);
    REQUIRE(documents.size() == 6);
    CHECK(documents[0].link_text == "LoRA: Low-Rank Adaptation");
    CHECK(documents[0].url == "https://arxiv.org/abs/2106.09685");
    CHECK(documents[0].text == "#### [LoRA: Low-Rank\nAdaptation](https://arxiv.org/abs/2106.09685)");
    CHECK(documents[1].link_text == "nanoGPT");
    CHECK(documents[1].url == "https://github.com/karpathy/nanoGPT");
    CHECK(documents[2].url == "https://en.wikipedia.org/wiki/Attention_(machine_learning)");
    CHECK(documents[1].text == documents[2].text);  // one paragraph, two links
    CHECK(documents[3].url == "https://example.org/a b");
    CHECK(documents[3].text == "- [first item](<https://example.org/a b>) said\n  more about it");
    CHECK(documents[4].link_text == "second");
    // The last line starts no list item: it belongs to the second item's block.
    CHECK(documents[4].text.find("figure.png") != std::string::npos);
    CHECK(documents[5].link_text == "https://github.com/wez/wezterm");
    CHECK(documents[5].url == "https://github.com/wez/wezterm");
    CHECK(documents[5].text.rfind("**wezterm：", 0) == 0);
    for (const NaiveDocument& document : documents) {
      CHECK(document.post == "p.md");
      CHECK(document.post_title == "A post");
      CHECK(document.has_link());
    }
  }

  TEST_CASE("a post without links is one document of its whole body") {
    const std::vector<NaiveDocument> documents =
        naive_documents("q.md", "Notes", "## Heading\n\nSome text, ![only an image](i.png).\n");
    REQUIRE(documents.size() == 1);
    CHECK_FALSE(documents[0].has_link());
    CHECK(documents[0].text == "## Heading\n\nSome text, ![only an image](i.png).\n");
  }

  TEST_CASE("the query: each word quoted, joined by OR; the last one a prefix when asked") {
    CHECK(fts5_query("GPT-4o NOT probes") == R"("GPT" OR "4o" OR "NOT" OR "probes")");
    CHECK(fts5_query("title:\"sleeper agents\"") == R"("title" OR "sleeper" OR "agents")");
    CHECK(fts5_query("Claude Code 最佳实践") == R"("Claude" OR "Code" OR "最佳实践")");
    CHECK(fts5_query("Set Transf", true) == R"("Set" OR "Transf"*)");
    CHECK(fts5_query("?! --").empty());
  }

  TEST_CASE("FTS5 ranks the documents with BM25, stems with Porter and folds accents") {
    std::vector<NaiveDocument> documents;
    documents.push_back(
        {"a.md", "Weekly", "Transformers everywhere", "https://a", "Transformers everywhere, again"});
    documents.push_back({"b.md", "Weekly", "Sparse autoencoders", "https://b", "Dictionary learning"});
    documents.push_back({"c.md", "Café notes", {}, {}, "A note about a transformer, once."});
    // Filler, so that the words above are rare enough for BM25's IDF to count them.
    for (int i = 0; i < 4; ++i)
      documents.push_back({"d.md", "Other", "other", "https://d", "Nothing to see"});
    const Fts5Baseline baseline(std::move(documents));
    const auto found = baseline.search("transformer", 10);
    REQUIRE(found.size() == 2);
    CHECK(found[0]->post == "a.md");  // in its link text and its block, against once
    CHECK(found[1]->post == "c.md");
    CHECK(baseline.search("cafe", 10).size() == 1);
    CHECK(baseline.search("autoencoder", 10).front()->post == "b.md");
    CHECK(baseline.search("autoenc", 10).empty());
    CHECK(baseline.search("autoenc", 10, true).front()->post == "b.md");
    CHECK(baseline.search("transformer", 1).size() == 1);
    CHECK(baseline.search("...", 10).empty());
  }
}
