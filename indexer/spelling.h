// Spelling data: the words documents contain, counted for the spelling corrector
// ("did you mean") that the query layer asks Xapian for.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace clubsearch::indexer {

// The words of `text` the corrector may suggest: plain ASCII words of 2 to 32 letters
// and digits starting with a letter, lowercased, each once. No stems, no CJK, no numbers.
std::vector<std::string> spelling_words(std::string_view text);

// Net changes to the spelling table over a run: a word's frequency there is the number
// of documents that contain it.
class SpellingCounts {
 public:
  // Counts each of spelling_words(text) once: +1 for a document added, -1 for one deleted.
  void add_document(std::string_view text, int delta);
  void merge(const SpellingCounts& other);
  void apply(Xapian::WritableDatabase& db) const;

 private:
  struct Count {
    int delta = 0;
    std::uint64_t last_document = 0;  // counts a word once per document without sorting
  };
  std::unordered_map<std::string, Count> counts_;
  std::uint64_t documents_ = 0;
};

}  // namespace clubsearch::indexer
