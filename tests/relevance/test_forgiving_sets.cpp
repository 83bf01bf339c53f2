// The generators of the forgiving query sets, on fixed strings: each edit, the skip rule,
// the cut, the candidates and the sample, and that non-ASCII text is never cut apart.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "tests/relevance/forgiving_sets.h"

namespace {

using namespace clubsearch::relevance;

const KnownWord kNothingKnown = [](std::string_view) { return false; };

// Whether `text` is valid UTF-8 (a cut or an edit inside a multi-byte character is not).
bool valid_utf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    const std::size_t length = byte < 0x80             ? 1
                               : (byte & 0xE0) == 0xC0 ? 2
                               : (byte & 0xF0) == 0xE0 ? 3
                               : (byte & 0xF8) == 0xF0 ? 4
                                                       : 0;
    if (length == 0 || pos + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k)
      if ((static_cast<unsigned char>(text[pos + k]) & 0xC0) != 0x80) return false;
    pos += length;
  }
  return true;
}

// How many single-letter edits (drop, insert, replace, adjacent swap) turn `a` into `b`:
// 0, 1, or 2 for "more than one".
int edits_between(const std::string& a, const std::string& b) {
  if (a == b) return 0;
  if (a.size() == b.size()) {
    std::vector<std::size_t> differ;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (a[i] != b[i]) differ.push_back(i);
    if (differ.size() == 1) return 1;
    if (differ.size() == 2 && differ[1] == differ[0] + 1 && a[differ[0]] == b[differ[1]] &&
        a[differ[1]] == b[differ[0]])
      return 1;
    return 2;
  }
  const std::string& shorter = a.size() < b.size() ? a : b;
  const std::string& longer = a.size() < b.size() ? b : a;
  if (longer.size() != shorter.size() + 1) return 2;
  for (std::size_t i = 0; i < longer.size(); ++i)
    if (longer.substr(0, i) + longer.substr(i + 1) == shorter) return 1;
  return 2;
}

}  // namespace

TEST_SUITE("forgiving sets") {
  TEST_CASE("each edit on an inner letter") {
    CHECK(edited("transformer", Edit::drop, 6) == "transfrmer");
    CHECK(edited("transformer", Edit::swap, 6) == "transfromer");
    CHECK(edited("transformer", Edit::doubled, 6) == "transfoormer");
    // 'o' sits between i, k, l and p.
    std::set<std::string> neighbours;
    for (std::size_t variant = 0; variant < 8; ++variant)
      neighbours.insert(*edited("transformer", Edit::neighbour, 6, variant));
    CHECK(neighbours == std::set<std::string>{"transfirmer", "transfkrmer", "transflrmer", "transfprmer"});
    // A capital stays a capital.
    CHECK(edited("BERTology", Edit::neighbour, 1, 0) == "BWRTology");
  }

  TEST_CASE("edits never touch the first or the last letter") {
    for (const Edit edit : kEdits) {
      CHECK_FALSE(edited("attention", edit, 0));
      CHECK_FALSE(edited("attention", edit, 8));
      CHECK_FALSE(edited("attention", edit, 42));
    }
    // A swap takes two inner letters, and two that differ.
    CHECK_FALSE(edited("attention", Edit::swap, 7));
    CHECK_FALSE(edited("attention", Edit::swap, 1));  // "tt"
    CHECK(edited("attention", Edit::swap, 2) == "atetntion");
  }

  TEST_CASE("a letter core: ASCII letters only, five or more, punctuation around it left out") {
    const auto core_of = [](std::string_view word) -> std::string {
      const auto core = letter_core(word);
      return core ? std::string(word.substr(core->begin, core->size)) : "-";
    };
    CHECK(core_of("Transformer") == "Transformer");
    CHECK(core_of("“Attention”,") == "Attention");
    CHECK(core_of("(Sparse)") == "Sparse");
    CHECK(core_of("GPT-4o") == "-");
    CHECK(core_of("self-attention") == "-");
    CHECK(core_of("Résumé") == "-");
    CHECK(core_of("Überraschende") == "-");  // Ü is a letter, not punctuation around one
    CHECK(core_of("«Modelle»") == "Modelle");
    CHECK(core_of("-") == "-");
    CHECK(core_of("Graph") == "Graph");
    CHECK(core_of("Nets") == "-");
    CHECK(core_of("2024") == "-");
  }

  TEST_CASE("a typo query: the first six words, one word one edit away, the others as written") {
    const std::string title =
        "Set Transformer: A Framework for Attention-based Permutation-Invariant Neural Networks";
    std::set<std::string> queries;
    for (std::uint64_t seed = 0; seed < 200; ++seed) {
      const auto query = typo_query(title, seed * 0x9E3779B97F4A7C15ull, kNothingKnown);
      REQUIRE(query);
      queries.insert(*query);
      const std::vector<std::string_view> typed = split_words(*query);
      const std::vector<std::string_view> written = split_words(title);
      REQUIRE(typed.size() == 6);
      int changed = 0;
      for (std::size_t i = 0; i < typed.size(); ++i) {
        if (typed[i] == written[i]) continue;
        ++changed;
        // Only words with a letter core are edited: "Transformer:", "Framework".
        CHECK((written[i] == "Transformer:" || written[i] == "Framework"));
        CHECK(edits_between(std::string(typed[i]), std::string(written[i])) == 1);
        CHECK(typed[i].front() == written[i].front());
      }
      CHECK(changed == 1);
    }
    // The seed spreads the choice over both words and many letters.
    CHECK(queries.size() > 40);
    // The same seed, the same query.
    CHECK(typo_query(title, 7, kNothingKnown) == typo_query(title, 7, kNothingKnown));
  }

  TEST_CASE("a typo that makes a word of the index is no typo: skipped for the next edit") {
    // Pretend that every drop and every doubling in "Model" makes a word of the index:
    // whatever edit a seed starts with, the query then has a swap or a missed key.
    const std::string title = "Model Zoo";
    std::set<std::string> known;
    for (std::size_t at = 1; at <= 3; ++at) {
      known.insert(*edited("Model", Edit::drop, at));
      known.insert(*edited("Model", Edit::doubled, at));
    }
    const KnownWord is_known = [&](std::string_view word) { return known.count(std::string(word)) > 0; };
    for (std::uint64_t seed = 0; seed < 50; ++seed) {
      const auto query = typo_query(title, seed, is_known);
      REQUIRE(query);
      const std::string word(split_words(*query).front());
      CHECK(known.count(word) == 0);
      CHECK(word != "Model");
    }
    // When every edit makes a known word there is no typo query.
    CHECK_FALSE(typo_query(title, 3, [](std::string_view) { return true; }));
    // Nor when no word has five letters.
    CHECK_FALSE(typo_query("GPT-4o is here", 3, kNothingKnown));
  }

  TEST_CASE("typo and prefix queries keep UTF-8 whole") {
    const std::string title = "Überraschende “Attention” für Résumé-Modelle und naïve Netzwerke";
    for (std::uint64_t seed = 0; seed < 100; ++seed) {
      const auto typo = typo_query(title, seed, kNothingKnown);
      REQUIRE(typo);
      CHECK(valid_utf8(*typo));
      // Only ASCII-letter words change: the accented ones come back as written.
      CHECK(typo->find("Überraschende") != std::string::npos);
      CHECK(typo->find("Résumé-Modelle") != std::string::npos);
      CHECK(typo->find("naïve") != std::string::npos);
      const auto prefix = prefix_query(title, seed);
      REQUIRE(prefix);
      CHECK(valid_utf8(*prefix));
    }
  }

  TEST_CASE("a prefix query: whole words, then a later word cut to 3..size-2 letters") {
    const std::string title =
        "Set Transformer - A Framework for Attention-based Permutation-Invariant Neural Networks";
    std::set<std::string> queries;
    for (std::uint64_t seed = 0; seed < 300; ++seed)
      queries.insert(*prefix_query(title, seed * 0x9E3779B97F4A7C15ull));
    // "Transformer" (11 letters: 3..9 kept) and "Framework" (9: 3..7); never the first
    // word, nor one past the sixth ("Networks").
    std::set<std::string> expected;
    for (std::size_t kept = 3; kept <= 9; ++kept)
      expected.insert("Set " + std::string("Transformer").substr(0, kept));
    for (std::size_t kept = 3; kept <= 7; ++kept)
      expected.insert("Set Transformer - A " + std::string("Framework").substr(0, kept));
    CHECK(queries == expected);
    // Only a word after the first is cut, and only one of five letters or more.
    CHECK(prefix_query("Transformers everywhere", 1)->rfind("Transformers eve", 0) == 0);
    CHECK_FALSE(prefix_query("Transformers rule", 1));
    CHECK_FALSE(prefix_query("Transformers", 1));
  }

  TEST_CASE("candidates: two words, one with five letters, no CJK, one entry only") {
    const std::vector<TitleCandidate> entries = {
        {"a", "Attention Is All You Need"},
        {"b", "Transformers"},  // one word
        {"c", "GPT-4 and me"},  // no word of five letters
        {"d", "命令行 Toolbox tricks"},
        {"e", "Weekly Reading"},  // held by two entries
        {"f", "Weekly Reading"},
        {"g", "Sparse autoencoders"},
    };
    std::vector<std::string> ids;
    for (const TitleCandidate& candidate : title_candidates(entries)) ids.push_back(candidate.id);
    CHECK(ids == std::vector<std::string>{"a", "g"});
  }

  TEST_CASE("the sample: the same order on every run, another with another seed") {
    std::vector<TitleCandidate> candidates;
    for (int i = 0; i < 50; ++i)
      candidates.push_back({"id" + std::to_string(i), "Title number " + std::to_string(i)});
    const auto once = shuffled(candidates, 1);
    const auto again = shuffled(candidates, 1);
    const auto other = shuffled(candidates, 2);
    const auto ids = [](const std::vector<TitleCandidate>& list) {
      std::vector<std::string> result;
      for (const TitleCandidate& candidate : list) result.push_back(candidate.id);
      return result;
    };
    CHECK(ids(once) == ids(again));
    CHECK(ids(once) != ids(other));
    CHECK(ids(once) != ids(candidates));
    auto sorted = ids(once);
    auto original = ids(candidates);
    std::sort(sorted.begin(), sorted.end());
    std::sort(original.begin(), original.end());
    CHECK(sorted == original);
  }

  TEST_CASE("per-blog quota: the least cap that reaches the total") {
    CHECK(per_blog_quota({500, 10, 300, 40}, 200) == 75);  // 75 + 10 + 75 + 40
    CHECK(per_blog_quota({100, 100}, 200) == 100);
    CHECK(per_blog_quota({30, 20}, 200) == 30);  // not enough: everything
    CHECK(per_blog_quota({}, 200) == 0);
  }

  TEST_CASE("CJK is recognised, accents are not CJK") {
    CHECK(has_cjk("Claude Code 最佳实践"));
    CHECK(has_cjk("カタカナ"));
    CHECK(has_cjk("한국어"));
    CHECK(has_cjk("full-width，comma"));
    CHECK_FALSE(has_cjk("Résumé naïve Ünïcödé — “quotes”"));
  }
}
