// QuotedText leaves the author's own words: a post's block quotes and the quotations inside
// its sentences are taken out of text made from it.
#include <doctest/doctest.h>

#include <cctype>
#include <string>

#include "indexer/quoted_text.h"

using clubsearch::indexer::QuotedText;

namespace {

// Whether `text` holds `word` between non-letters.
bool has_word(const std::string& text, const std::string& word) {
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    const bool before = at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]));
    const std::size_t end = at + word.size();
    const bool after = end == text.size() || !std::isalnum(static_cast<unsigned char>(text[end]));
    if (before && after) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("a block quote of the post is taken out of the commentary made from it") {
  const QuotedText quotes(
      "Intro line.\n\n"
      "> This will involve using [RLHF](https://example.org/rlhf) and *constitutional* methods.\n"
      ">\n"
      "> A second quoted paragraph about robots.\n\n"
      "My own view on evaluations.\n");
  const std::string own = quotes.own_words(
      "Intro line.\n"
      "This will involve using RLHF and constitutional methods.\n"
      "A second quoted paragraph about robots.\n"
      "My own view on evaluations.");
  CHECK_FALSE(has_word(own, "RLHF"));
  CHECK_FALSE(has_word(own, "robots"));
  CHECK(has_word(own, "Intro"));
  CHECK(has_word(own, "evaluations"));
  // The quote's place becomes a line break: no phrase joins the words around it.
  CHECK(own.find("line.\n") != std::string::npos);
}

TEST_CASE("the author's words that merely share a quote's words stay") {
  const QuotedText quotes("> robots are coming\n\nI think robots are coming too, and robots are here.\n");
  const std::string own =
      quotes.own_words("robots are coming\nI think robots are coming too, and robots are here.");
  CHECK(own.find("I think") != std::string::npos);
  CHECK(own.find("and robots are here") != std::string::npos);
}

TEST_CASE("a post without block quotes changes nothing but inline quotations") {
  const QuotedText quotes("Just text, 3 > 2 in the middle of a line.\n");
  CHECK(quotes.own_words("Just text about RLHF.") == "Just text about RLHF.");
}

TEST_CASE("quotations inside sentences are taken out; a short quoted term stays") {
  const QuotedText none("");
  const std::string own = none.own_words(
      "\u201cIf you use a framework you trade performance for RLHF,\u201d Tim in The Cost. "
      "Models show \u201cscheming\u201d here.");
  CHECK_FALSE(has_word(own, "RLHF"));
  CHECK(has_word(own, "Tim"));
  CHECK(own.find("\u201cscheming\u201d") != std::string::npos);

  const std::string straight =
      none.own_words("He said \"we need much more RLHF now\" and left. A \"term\" stays.");
  CHECK_FALSE(has_word(straight, "RLHF"));
  CHECK(has_word(straight, "left"));
  CHECK(straight.find("\"term\"") != std::string::npos);

  // A closing \u2019 followed by a letter is an apostrophe, not the end of the quotation.
  const std::string single =
      none.own_words("\u2018It\u2019s the model\u2019s own choice to refuse\u2019 she wrote.");
  CHECK_FALSE(has_word(single, "refuse"));
  CHECK(has_word(single, "wrote"));

  const std::string cjk = none.own_words("\u4ed6\u8bf4\u300cRLHF\u300d\u3002");
  CHECK(cjk.find("RLHF") == std::string::npos);
}

TEST_CASE("a quotation mark never closed on its line takes nothing out") {
  const QuotedText none("");
  CHECK(none.own_words("An \u201copen quote about RLHF and more words\nnext line\u201d") ==
        "An \u201copen quote about RLHF and more words\nnext line\u201d");
}
