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
