// Prose: sentences, paragraphs and titles made of vocabulary words.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "corpus/random.h"
#include "corpus/vocabulary.h"

namespace clubsearch::bench {

// One piece of text in two renderings: the Markdown written to the post and the plain
// text an indexer should extract from it (what the scriptindex dump receives).
struct Text {
  std::string markdown;
  std::string plain;

  void append(std::string_view both);
  void append(std::string_view markdown_part, std::string_view plain_part);
  void append(const Text& other);
};

// Sentence starts and title words: ASCII only, like the vocabulary.
void capitalize_first(std::string& text);

class ProseWriter {
 public:
  ProseWriter(const Vocabulary& vocabulary, Random& random) : vocabulary_(vocabulary), random_(random) {}

  // A sentence ending in punctuation. Words of `focus` (what an entry is about) recur
  // in its commentary, as they do in real writing.
  std::string sentence(std::span<const std::string> focus = {});

  // Space-separated sentences: a paragraph body with no markup.
  std::string sentences(int count, std::span<const std::string> focus = {});

  // A short run of content words, e.g. for link text or a list item.
  std::string words(int count);

  std::string paper_title();  // "Sparse Probing of Refusal: A Toy Model"
  std::string forum_title();  // "Why steering vectors work on small models"
  std::string headline();     // news style: sentence case, a little longer

 private:
  void add_phrase(std::string& out, std::span<const std::string> focus);
  std::string title_phrase(int words);
  std::string question(int words);
  std::string title_case(std::string_view phrase) const;
  std::string sentence_case(std::string_view phrase) const;
  std::string number();

  const Vocabulary& vocabulary_;
  Random& random_;
};

}  // namespace clubsearch::bench
