// TopicMatcher assigns taxonomy topics by stemmed phrases and exact-case acronyms, in taxonomy order.
#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "indexer/topic_matcher.h"
#include "schemas/topic_taxonomy.h"

using namespace clubsearch;
using indexer::TopicMatcher;

namespace {

using Strings = std::vector<std::string>;

const schemas::TopicTaxonomy& taxonomy() {
  static const schemas::TopicTaxonomy table = schemas::TopicTaxonomy::parse(R"(
[[topic]]
name = "Interpretability"
phrases = ["sparse autoencoder", "mechanistic interpretability", "logit lens"]
acronyms = ["SAE", "SAEs"]

[[topic]]
name = "Fine-tuning"
phrases = ["fine-tuning", "parameter efficient fine tuning"]
acronyms = ["PEFT", "LoRA"]

[[topic]]
name = "Evaluations"
phrases = ["benchmark"]

[[topic]]
name = "Forecasting"
phrases = ["forecasting"]
)",
                                                                            "test topics");
  return table;
}

Strings match(std::string_view text) {
  const TopicMatcher matcher(taxonomy());
  return matcher.match(text);
}

}  // namespace

TEST_CASE("a phrase matches its plural and other forms with the same stems") {
  CHECK(match("We trained sparse autoencoders on layer 6.") == Strings{"Interpretability"});
  CHECK(match("Our benchmarks are saturated.") == Strings{"Evaluations"});
  CHECK(match("Benchmarking is hard.") == Strings{"Evaluations"});
}

TEST_CASE("phrases match in any case") {
  CHECK(match("SPARSE AUTOENCODER") == Strings{"Interpretability"});
  CHECK(match("Mechanistic Interpretability for all") == Strings{"Interpretability"});
}

TEST_CASE("a multi-word phrase needs its words consecutive") {
  CHECK(match("a sparse and wide autoencoder").empty());
  CHECK(match("the autoencoder is sparse").empty());
  CHECK(match("logit and lens").empty());
  CHECK(match("logit lens") == Strings{"Interpretability"});
}

TEST_CASE("punctuation only separates words, in the text and in the phrase") {
  CHECK(match("fine tuning works") == Strings{"Fine-tuning"});
  CHECK(match("Fine-tuned models") == Strings{"Fine-tuning"});
  CHECK(match("sparse-autoencoder features") == Strings{"Interpretability"});
  CHECK(match("finetuning").empty());
}

TEST_CASE("a phrase is matched by whole words only") {
  CHECK(match("microbenchmarks").empty());
  CHECK(match("unsparse autoencoder").empty());
}

TEST_CASE("acronyms match only as written, case included, and only as whole words") {
  CHECK(match("An SAE trained on GPT-2") == Strings{"Interpretability"});
  CHECK(match("Two SAEs.") == Strings{"Interpretability"});
  CHECK(match("(SAE)") == Strings{"Interpretability"});
  CHECK(match("an sae").empty());
  CHECK(match("Sae").empty());
  CHECK(match("SAEX").empty());
  CHECK(match("XSAE").empty());
  CHECK(match("PEFT and LoRA") == Strings{"Fine-tuning"});
  CHECK(match("LORA").empty());
}

TEST_CASE("topics come in taxonomy order, each once, whatever the order in the text") {
  CHECK(match("forecasting benchmark with LoRA on an SAE; another SAE and benchmarks") ==
        Strings{"Interpretability", "Fine-tuning", "Evaluations", "Forecasting"});
}

TEST_CASE("text without any phrase or acronym has no topics") {
  CHECK(match("").empty());
  CHECK(match("Nothing relevant here at all.").empty());
  CHECK(match("\u7a00\u758f\u81ea\u7f16\u7801\u5668").empty());
}

TEST_CASE("a phrase cut off at the end of the text does not match") {
  CHECK(match("parameter efficient fine").empty());
  CHECK(match("parameter efficient fine tuning") == Strings{"Fine-tuning"});
}

TEST_CASE("one matcher gives the same answers from several threads") {
  const TopicMatcher matcher(taxonomy());
  std::vector<Strings> results(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < results.size(); ++i)
    threads.emplace_back([&, i] {
      for (int round = 0; round < 200; ++round)
        results[i] = matcher.match("sparse autoencoders and benchmarks");
    });
  for (std::thread& thread : threads) thread.join();
  for (const Strings& result : results) CHECK(result == Strings{"Interpretability", "Evaluations"});
}

// ---- Counting and evidence ------------------------------------------------------------------

namespace {

const schemas::TopicTaxonomy& evidence_taxonomy() {
  static const schemas::TopicTaxonomy table = schemas::TopicTaxonomy::parse(R"(
[[topic]]
name = "Physics"
phrases = ["Boltzmann brain", "quantum"]

[[topic]]
name = "Neuroscience"
phrases = ["brain"]

[[topic]]
name = "Reinforcement Learning"
phrases = ["reinforcement learning", "inverse reinforcement learning"]
acronyms = ["RL", "RLHF"]

[[topic]]
name = "Typography"
phrases = ["typeface", "optical size"]

[[topic]]
name = "Optics"
phrases = ["laser"]
acronyms = ["optics"]
)",
                                                                            "evidence topics");
  return table;
}

using Counts = std::vector<unsigned>;

Counts counts(std::string_view text) { return TopicMatcher(evidence_taxonomy()).counts(text); }

Strings topics_of(std::string_view titles, std::string_view own_text, const Strings& tags = {}) {
  return TopicMatcher(evidence_taxonomy()).topics_of({titles, own_text, &tags});
}

// A note of more than TopicMatcher::kShortText words, with `inserted` in the middle.
std::string long_note(const std::string& inserted) {
  std::string text;
  for (int i = 0; i < 30; ++i) text += "word ";
  text += inserted + " ";
  for (int i = 0; i < 30; ++i) text += "more ";
  return text;
}

}  // namespace

TEST_CASE("counts: every mention of a topic's phrases and acronyms, overlapping ones once") {
  CHECK(counts("RL, then RLHF, then reinforcement learning") == Counts{0, 0, 3, 0, 0});
  CHECK(counts("inverse reinforcement learning") == Counts{0, 0, 1, 0, 0});
  CHECK(counts("quantum lasers and a quantum typeface") == Counts{2, 0, 0, 1, 1});
  CHECK(counts("") == Counts{0, 0, 0, 0, 0});
}

TEST_CASE("the longest phrase names the words: a shorter match of another topic inside it does not count") {
  CHECK(counts("a Boltzmann brain") == Counts{1, 0, 0, 0, 0});
  CHECK(counts("Boltzmann brains and a real brain") == Counts{1, 1, 0, 0, 0});
  CHECK(counts("its optical sizes") == Counts{0, 0, 0, 1, 0});
  CHECK(counts("optics") == Counts{0, 0, 0, 0, 1});
  CHECK(counts("optical") == Counts{0, 0, 0, 0, 0});  // listed as an acronym: not stemmed
}

TEST_CASE("a title, heading or linked title is evidence enough") {
  CHECK(topics_of("Quantum brains", "") == Strings{"Physics", "Neuroscience"});
  CHECK(topics_of("Nothing here\nA typeface for lasers", long_note("")) == Strings{"Typography", "Optics"});
}

TEST_CASE("the author's own words need a topic twice, unless the note is short") {
  CHECK(topics_of("A title", long_note("RLHF")).empty());
  CHECK(topics_of("A title", long_note("RLHF and RL")) == Strings{"Reinforcement Learning"});
  CHECK(topics_of("A title", long_note("reinforcement learning, reinforcement learning")) ==
        Strings{"Reinforcement Learning"});
  CHECK(topics_of("A title", "A short note on RLHF.") == Strings{"Reinforcement Learning"});
}

TEST_CASE("tags are topics unless they are numbers, and a tag naming a topic's phrase gives it") {
  CHECK(topics_of("", "", {"2018", "AAAI 2018", "RL", " 2019 ", "2019-20"}) ==
        Strings{"Reinforcement Learning", "AAAI 2018", "RL"});
  CHECK(topics_of("Quantum", "", {"physics", "Misc", "misc"}) == Strings{"Physics", "Misc"});
  CHECK(topics_of("", "", {}).empty());
}

TEST_CASE("a tag that is a number or a year is recognised whatever its separators") {
  for (const char* tag : {"2018", " 2019 ", "2019-20", "2019/2020", "3.14", "1"}) {
    CAPTURE(tag);
    CHECK(TopicMatcher::is_number_tag(tag));
  }
  for (const char* tag : {"AAAI 2018", "", " ", "v2", "-", "2018s", "GPT-4"}) {
    CAPTURE(tag);
    CHECK_FALSE(TopicMatcher::is_number_tag(tag));
  }
}
