// End to end on the real corpus: every post is indexed or reported with a reason, and
// the seed blog's two Journal Clubs come out entry by entry as the author wrote them.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "tests/e2e/index_inspection.h"
#include "tests/e2e/process.h"

using clubsearch::test::command;
using clubsearch::test::run_process;
using clubsearch::test::TempDir;
using nlohmann::json;

namespace {

const std::filesystem::path kCorpus = CLUBSEARCH_CORPUS_DIR;
// The corpus is dated up to mid-2026; a fixed day keeps "future post" decisions stable.
const char* kAsOf = "2026-11-25";

std::size_t markdown_files(const std::filesystem::path& dir) {
  std::size_t count = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
    if (entry.is_regular_file() &&
        (entry.path().extension() == ".md" || entry.path().extension() == ".markdown"))
      ++count;
  return count;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

struct ExpectedItem {
  std::string title, url, source, kind, arxiv;
};

struct ExpectedEntry {
  std::string heading, anchor;
  std::vector<ExpectedItem> items;
};

void check_entries(const std::vector<json>& records, const std::string& permalink,
                   const std::vector<ExpectedEntry>& expected) {
  REQUIRE(records.size() == expected.size() + 1);  // + the post's own document
  CHECK(records.back()["type"] == "post");
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    const json& record = records[i];
    CHECK(record["type"] == "entry");
    CHECK(record["title"] == expected[i].heading);
    CHECK(record["url"] == permalink + "#" + expected[i].anchor);
    REQUIRE(record["items"].size() == expected[i].items.size());
    for (std::size_t k = 0; k < expected[i].items.size(); ++k) {
      const json& item = record["items"][k];
      const ExpectedItem& want = expected[i].items[k];
      CHECK(item["title"] == want.title);
      CHECK(item["url"] == want.url);
      CHECK(item["source"] == want.source);
      CHECK(item["kind"] == want.kind);
      CHECK(item.value("arxiv", "") == want.arxiv);
    }
  }
}

}  // namespace

TEST_SUITE("corpus") {
  TEST_CASE("every post of every corpus blog is indexed, left out for a reason, or reported") {
    if (!std::filesystem::is_directory(kCorpus)) {
      MESSAGE("corpus not found at " << kCorpus << "; skipped");
      return;
    }
    // The only files of the corpus whose front matter cannot be read: their YAML holds
    // unescaped double quotes inside a double-quoted string. Jekyll, which built that
    // blog, publishes them anyway: they are indexed from their bodies, with a warning.
    const std::set<std::string> broken{"skynettoday-skynet-today/2024-02-19-258.md",
                                       "skynettoday-skynet-today/2024-07-15-279.md"};
    // No corpus blog holds its site config: the rules are inferred from the posts (tw93's
    // Astro posts say nothing of a generator, and get Zola's by default).
    const std::map<std::string, std::string> generators{{"seed-blog", "zola"},
                                                        {"RonitRay-site-hugo", "zola"},
                                                        {"harrycresswell-harry", "hugo"},
                                                        {"tw93-weekly", "zola"},
                                                        {"shagunsodhani-papers-I-read", "jekyll"},
                                                        {"skynettoday-skynet-today", "jekyll"}};
    for (const auto& blog : std::filesystem::directory_iterator(kCorpus)) {
      if (!blog.is_directory()) continue;
      const std::string name = blog.path().filename().string();
      CAPTURE(name);
      TempDir index;
      const auto result = run_process(command(
          {"--db", (index / "db").string(), "index", blog.path().string(), "--as-of", kAsOf, "--json"}));
      REQUIRE_MESSAGE(result.signal == 0, "the indexer crashed: " << result.err);
      CHECK(result.exit_code == 0);
      const json report = json::parse(result.out);
      CHECK(report["problems"].empty());
      if (const auto known = generators.find(name); known != generators.end()) {
        CHECK(report["generator"]["name"] == known->second);
        CHECK(report["generator"]["guessed"] == true);
      }

      std::set<std::string> warned;
      for (const json& warning : report["warnings"]) {
        CHECK(warning["line"].get<unsigned>() > 0);
        warned.insert(
            std::filesystem::relative(warning["path"].get<std::string>(), kCorpus).generic_string());
      }
      std::set<std::string> expected_broken;
      for (const std::string& file : broken)
        if (file.rfind(name + "/", 0) == 0) expected_broken.insert(file);
      CHECK(warned == expected_broken);
      // Standard error: the note on the inferred rules, then one line per warning.
      const auto lines = lines_of(result.err);
      REQUIRE(lines.size() == 1 + expected_broken.size());
      CHECK(lines[0].rfind("clubsearch: note: ", 0) == 0);
      for (std::size_t i = 1; i < lines.size(); ++i)
        CHECK(lines[i].find(".md:4: warning: ") != std::string::npos);

      const std::size_t accounted =
          report["indexed"].get<std::size_t>() + report["drafts"].get<std::size_t>() +
          report["future"].get<std::size_t>() + report["expired"].get<std::size_t>() +
          report["unlisted"].get<std::size_t>() + report["empty"].get<std::size_t>() +
          report["problems"].size() + report["section_pages"].get<std::size_t>() +
          report["not_posts"].get<std::size_t>();
      CHECK(accounted == markdown_files(blog.path()));
      CHECK(report["documents"].get<std::size_t>() ==
            report["indexed"].get<std::size_t>() + report["entries"].get<std::size_t>());

      const auto healthy_output = clubsearch::test::xapian_check(index / "db");
      const auto& healthy = std::get<0>(healthy_output);
      const auto& output = std::get<1>(healthy_output);
      CHECK_MESSAGE(healthy, output);
    }
  }

  TEST_CASE("skynettoday's posts whose YAML does not parse are indexed as Jekyll names them") {
    if (!std::filesystem::is_directory(kCorpus / "skynettoday-skynet-today")) return;
    TempDir index;
    const auto result =
        run_process(command({"--db", (index / "db").string(), "index",
                             (kCorpus / "skynettoday-skynet-today").string(), "--as-of", kAsOf}));
    REQUIRE(result.exit_code == 0);
    const Xapian::Database db = clubsearch::test::open_database(index / "db");
    const auto post = clubsearch::test::records_of(db, "2024-02-19-258.md");
    REQUIRE(post.size() > 10);  // its entries, then the post
    CHECK(post.back()["post"]["title"] == "258");
    CHECK(post.back()["post"]["date"] == "2024-02-19");
    CHECK(post.back()["url"] == "/2024/02/19/258.html");  // Jekyll's default permalink style
    CHECK(post[1]["url"] ==
          "/2024/02/19/258.html#gemini-15-is-googles-next-gen-ai-model--and-its-already-almost-ready");
    // A post that reads keeps its front matter's permalink.
    const auto other = clubsearch::test::records_of(db, "2024-02-26-259.md");
    REQUIRE_FALSE(other.empty());
    CHECK(other.back()["url"].get<std::string>().rfind("/digests/", 0) == 0);
  }

  TEST_CASE(
      "the seed blog's Journal Clubs are indexed entry by entry with their papers' sources and arXiv ids") {
    if (!std::filesystem::is_directory(kCorpus / "seed-blog")) {
      MESSAGE("seed blog not found; skipped");
      return;
    }
    TempDir index;
    const auto result = run_process(
        command({"--db", (index / "db").string(), "index", (kCorpus / "seed-blog").string(), "--site-config",
                 (kCorpus / "seed-blog.config.toml").string(), "--as-of", kAsOf}));
    REQUIRE(result.exit_code == 0);
    const Xapian::Database db = clubsearch::test::open_database(index / "db");

    check_entries(
        clubsearch::test::records_of(db, "blog/journal_club_1.md"),
        "https://sudarsh.com/blog/journal-club-1/",
        {{"Approaching Human Level Forecasting with LLMs",
          "approaching-human-level-forecasting-with-llms",
          {{"Approaching Human Level Forecasting with LLMs", "https://arxiv.org/pdf/2402.18563", "arXiv",
            "paper", "2402.18563"}}},
         {"Refusal in LLMs is mediated by a single direction",
          "refusal-in-llms-is-mediated-by-a-single-direction",
          {{"Refusal in LLMs is mediated by a single direction",
            "https://www.lesswrong.com/posts/jGuXSZgv6qfdhMCuJ/"
            "refusal-in-llms-is-mediated-by-a-single-direction",
            "LessWrong", "forum", ""}}},
         {"Extrinsic Hallucinations in LLMs",
          "extrinsic-hallucinations-in-llms",
          {{"Extrinsic Hallucinations in LLMs",
            "https://lilianweng.github.io/posts/2024-07-07-hallucination/", "Lil'Log", "blog", ""}}},
         {"Differentiable Sparse Solvers",
          "differentiable-sparse-solvers",
          {{"Differentiable Sparse Solvers",
            "https://dansblog.netlify.app/posts/"
            "2022-05-20-to-catch-a-derivative-first-youve-got-to-think-like-a-"
            "derivative/to-catch-a-derivative-first-youve-got-to-think-like-a-derivative",
            "Dan Simpson", "blog", ""}}},
         {"ReFT: Representation Finetuning for Language Models",
          "reft-representation-finetuning-for-language-models",
          {{"ReFT: Representation Finetuning for Language Models", "https://arxiv.org/abs/2404.03592",
            "arXiv", "paper", "2404.03592"}}},
         {"JAX FDM: A differentiable solver for inverse form-finding",
          "jax-fdm-a-differentiable-solver-for-inverse-form-finding",
          {{"JAX FDM: A differentiable solver for inverse form-finding", "https://arxiv.org/pdf/2307.12407",
            "arXiv", "paper", "2307.12407"}}},
         {"200 Concrete Open Problems in Mech Interp",
          "200-concrete-open-problems-in-mech-interp",
          {{"200 Concrete Open Problems in Mech Interp",
            "https://www.alignmentforum.org/posts/LbrPTJ4fmABEdEnLf/"
            "200-concrete-open-problems-in-mechanistic-"
            "interpretability",
            "AI Alignment Forum", "forum", ""}}},
         {"Fine-tuning is not sufficient for capability elicitation",
          "fine-tuning-is-not-sufficient-for-capability-elicitation",
          {{"Fine-tuning is not sufficient for capability elicitation",
            "https://www.alignmentforum.org/posts/4KLHJY9sPE7q8HK8N/"
            "fine-tuning-is-not-sufficient-for-capability-"
            "elicitation",
            "AI Alignment Forum", "forum", ""}}},
         {"Understanding Addition in Transformers",
          "understanding-addition-in-transformers",
          {{"Understanding Addition in Transformers", "https://arxiv.org/html/2310.13121v5", "arXiv", "paper",
            "2310.13121"}}},
         {"Interpreting and Steering Features in Images",
          "interpreting-and-steering-features-in-images",
          {{"Interpreting and Steering Features in Images", "https://www.featurelab.xyz/", "Feature Lab",
            "blog", ""}}},
         {"Contra: Bottleneck T5 Text Autoencoder.ipynb",
          "contra-bottleneck-t5-text-autoencoder-ipynb",
          {{"Contra: Bottleneck T5 Text Autoencoder.ipynb",
            "https://colab.research.google.com/drive/1CF5Lr1bxoAFC_IPX5I0azu4X8UDz_zp-?usp=sharing",
            "Google Colab", "notebook", ""}}}});

    check_entries(
        clubsearch::test::records_of(db, "blog/journal_club_2.md"),
        "https://sudarsh.com/blog/journal-club-2/",
        {{"AI Sandbagging: Language Models can Strategically Underperform on Evaluations",
          "ai-sandbagging-language-models-can-strategically-underperform-on-evaluations",
          {{"AI Sandbagging: Language Models can Strategically Underperform on Evaluations",
            "https://arxiv.org/abs/2406.07358", "arXiv", "paper", "2406.07358"}}},
         {"Anthropic's Responsible Scaling Policy and Reflections on our Responsible Scaling Policy",
          "anthropic-s-responsible-scaling-policy-and-reflections-on-our-responsible-scaling-policy",
          {{"Anthropic's Responsible Scaling Policy",
            "https://www.anthropic.com/news/anthropics-responsible-scaling-policy", "Anthropic", "news", ""},
           {"Reflections on our Responsible Scaling Policy",
            "https://www.anthropic.com/news/reflections-on-our-responsible-scaling-policy", "Anthropic",
            "news", ""}}},
         {"Does Refusal Training in LLMs Generalize to the Past Tense?",
          "does-refusal-training-in-llms-generalize-to-the-past-tense",
          {{"Does Refusal Training in LLMs Generalize to the Past Tense?", "https://arxiv.org/abs/2407.11969",
            "arXiv", "paper", "2407.11969"}}}});

    // Links inside the commentary are kept as mentions, with their titles.
    const auto second = clubsearch::test::records_of(db, "blog/journal_club_2.md");
    REQUIRE(second[1]["mentions"].size() == 2);
    CHECK(second[1]["mentions"][1]["title"] == "AI Safety is not a Model Property");
    CHECK(second[0]["mentions"][0]["title"] == "Non-Trivial");
    // The post itself: its intro, its date, its permalink.
    CHECK(second.back()["post"]["date"] == "2024-07-17");
    CHECK(second.back()["intro"].get<std::string>().rfind(
              "This Journal Club has signficantly more commentary", 0) == 0);
  }

  TEST_CASE("the seed blog's odd posts are indexed sensibly: no title, no date, drafts, odd names") {
    if (!std::filesystem::is_directory(kCorpus / "seed-blog")) return;
    TempDir index;
    const auto result = run_process(
        command({"--db", (index / "db").string(), "index", (kCorpus / "seed-blog").string(), "--site-config",
                 (kCorpus / "seed-blog.config.toml").string(), "--as-of", kAsOf, "--json"}));
    REQUIRE(result.exit_code == 0);
    const json report = json::parse(result.out);
    CHECK(report["drafts"] == 3);
    CHECK(report["section_pages"] == 2);
    CHECK(report["unlisted"] == 2);  // [extra] unlisted = true: how-to-slowdown and its edit
    CHECK(report["empty"] == 1);     // Untitled.md, 0 bytes
    const Xapian::Database db = clubsearch::test::open_database(index / "db");

    CHECK(clubsearch::test::records_of(db, "blog/Untitled.md").empty());
    CHECK(clubsearch::test::records_of(db, "blog/how-to-slowdown-edit/index.md").empty());
    CHECK(clubsearch::test::records_of(db, "blog/how-to-slowdown/index.md").empty());

    const auto friday = clubsearch::test::records_of(db, "blog/i just need to make it to friday ;-;.md");
    REQUIRE(friday.size() == 1);
    CHECK(friday[0]["post"]["date"].is_null());  // undated, never 1970
    CHECK(friday[0]["url"].get<std::string>().rfind("https://sudarsh.com/blog/", 0) == 0);

    const auto bundle = clubsearch::test::records_of(db, "notebook/worm-sae/index.md");
    REQUIRE_FALSE(bundle.empty());
    CHECK(bundle.back()["url"] == "https://sudarsh.com/notebook/worm-sae/");
    CHECK(bundle.back()["post"]["section"] == "notebook");

    CHECK(clubsearch::test::records_of(db, "blog/worm_dataset.md").empty());  // a draft
    CHECK(clubsearch::test::records_of(db, "blog/MediaILike.md")
              .back()["post"]["date"]
              .is_string());  // "Date="
    const auto jailbreak = clubsearch::test::records_of(db, "notebook/jailbreak/index.md");
    REQUIRE_FALSE(jailbreak.empty());  // hostile text is indexed as data
  }
}
