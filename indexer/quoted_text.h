// QuotedText: what a post quotes of others (its block quotes, and quotations inside its
// sentences), so that an entry's topics rest on the author's own words.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace clubsearch::indexer {

class QuotedText {
 public:
  // The block quotes of a post's Markdown body (read with cmark only when some line
  // starts with '>').
  explicit QuotedText(std::string_view markdown);

  // `text` (plain text made from the same body: an entry's commentary, the post's text)
  // without what it quotes: the passages of the post's block quotes found in it, and
  // quotations in curly quotes (“…”, ‘…’ of four words or more), guillemets (« », ‹ ›),
  // CJK corner brackets (「」, 『』) or straight double quotes of four words or more. A
  // short quoted term ("sparse autoencoders") is the author's own word and stays. What is
  // removed becomes a line break, so no phrase spans it.
  std::string own_words(std::string_view text) const;

 private:
  std::vector<std::vector<std::string>> quotes_;  // the words of each paragraph of a block quote
};

}  // namespace clubsearch::indexer
