// Title keys and title word forms: the same title typed or written gives the same terms.
#include <doctest/doctest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "index/title_terms.h"
#include "schemas/index_schema.h"

using clubsearch::index::title_form_terms;
using clubsearch::index::title_key;
using clubsearch::index::title_key_terms;
using clubsearch::index::title_pair_terms;
using clubsearch::index::title_words;
using clubsearch::schemas::IndexSchema;

namespace {

std::vector<std::string> keys_of(const std::string& title) {
  return title_key_terms(title, IndexSchema::builtin(), Xapian::Stem("english"));
}

}  // namespace

TEST_CASE("title words: Unicode words, lowercased, apostrophes and possessives as typed") {
  CHECK(title_words("Set Transformer - A Framework") ==
        std::vector<std::string>{"set", "transformer", "a", "framework"});
  CHECK(title_words("Anthropic's Policy") == std::vector<std::string>{"anthropic's", "policy"});
  CHECK(title_words("Anthropic\u2019s Policy") == std::vector<std::string>{"anthropic's", "policy"});
  CHECK(title_words("Anthropic s Policy") == std::vector<std::string>{"anthropic", "policy"});
  CHECK(title_words("s-curves") == std::vector<std::string>{"s", "curves"});  // a first "s" stays
  CHECK(title_words("Ünïcode Café") == std::vector<std::string>{"ünïcode", "café"});
  CHECK(title_words("AI时代，还有必要学编程吗？") ==
        std::vector<std::string>{"ai", "时代", "还有必要学编程吗"});
  CHECK(title_words("  --  ").empty());
}

TEST_CASE("a title's keys: the whole title's stems, and its head's before a colon or a dash") {
  CHECK(keys_of("Set Transformer - A Framework for Attention-based Networks") ==
        std::vector<std::string>{"XTKEYset transform a framework for attent base network", "XTKEYset transform"});
  CHECK(keys_of("Towards Monosemanticity: Decomposing Language Models") ==
        std::vector<std::string>{"XTKEYtoward monosemant decompos languag model", "XTKEYtoward monosemant"});
  CHECK(keys_of("HyperNetworks") == std::vector<std::string>{"XTKEYhypernetwork"});
  // A typed possessive without its apostrophe, and the plural, meet the title as written.
  CHECK(keys_of("Anthropic's Responsible Scaling Policy") == keys_of("anthropic s responsible scaling policies"));
  // No space between CJK words, so punctuation inside a Chinese title does not matter.
  CHECK(keys_of("AI 时代，还有必要学编程吗？") == std::vector<std::string>{"XTKEYai 时代还有必要学编程吗"});
  CHECK(keys_of("").empty());
  CHECK(keys_of("!!!").empty());
}

TEST_CASE("a key never exceeds what Xapian takes, and is cut at a character boundary") {
  std::vector<std::string> stems(200, "\u6a21\u578b");  // 6 bytes each, no spaces between
  const std::string key = title_key("XTKEY", stems);
  CHECK(key.size() <= 240);
  CHECK((key.size() - 5) % 3 == 0);
}

TEST_CASE("a title's forms: its words as written, lowercased; CJK words left out") {
  CHECK(title_form_terms("Set Transformers", IndexSchema::builtin()) ==
        std::vector<std::string>{"XFORMset", "XFORMtransformers"});
  CHECK(title_form_terms("大模型 LLM", IndexSchema::builtin()) == std::vector<std::string>{"XFORMllm"});
}

TEST_CASE("a title's pairs: each two words next to each other, stemmed") {
  CHECK(title_pair_terms("Set Transformers - A Framework", IndexSchema::builtin(), Xapian::Stem("english")) ==
        std::vector<std::string>{"XTPAIRset transform", "XTPAIRtransform a", "XTPAIRa framework"});
  CHECK(title_pair_terms("HyperNetworks", IndexSchema::builtin(), Xapian::Stem("english")).empty());
}

TEST_CASE("a schema without title prefixes makes no title terms") {
  const IndexSchema bare =
      IndexSchema::parse("version = 1\nlanguage = \"english\"\nstemming = \"all\"\n[text]\n[filter]\n[value]\n", "t");
  CHECK(title_key_terms("Set Transformer", bare, Xapian::Stem("english")).empty());
  CHECK(title_form_terms("Set Transformer", bare).empty());
  CHECK(bare.ranking().title_equals == 0);
  CHECK(bare.ranking().synonym == 1);
}

TEST_CASE("the ranking table is checked") {
  const std::string head = "version = 1\nlanguage = \"english\"\nstemming = \"all\"\n[text]\n[filter]\n[value]\n";
  CHECK(IndexSchema::parse(head + "[ranking]\ntitle_equals = 2.5\nbm25_b = 0.3\n", "t").ranking().title_equals == 2.5);
  CHECK_THROWS_WITH(IndexSchema::parse(head + "[ranking]\ntitle_equal = 2\n", "t"), "t:8: unknown ranking key 'title_equal'");
  CHECK_THROWS_WITH(IndexSchema::parse(head + "[ranking]\nbm25_b = 2\n", "t"), "t:8: 'bm25_b' must be a number from 0 to 1");
  CHECK_THROWS_WITH(IndexSchema::parse(head + "[title]\nkey_prefix = \"xt\"\n", "t"),
                    "t:8: title.key_prefix must be capital ASCII letters");
}
