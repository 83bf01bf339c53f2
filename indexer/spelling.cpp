// Counting words for the spelling table.
#include "indexer/spelling.h"

#include <algorithm>

#include "index/ascii.h"
#include "index/words.h"

namespace clubsearch::indexer {

namespace {

// Calls `use` with each suggestible word of `text`, lowercased (repeats included).
template <typename Use>
void for_each_spelling_word(std::string_view text, Use&& use) {
  std::string lowered;
  for (std::string_view word : index::words_of(text)) {
    if (word.size() < 2 || word.size() > 32) continue;
    lowered.assign(word);
    bool plain = true;
    for (char& c : lowered) {
      c = index::ascii_lower(c);
      plain = plain && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
    }
    if (plain && lowered[0] >= 'a') use(lowered);
  }
}

}  // namespace

std::vector<std::string> spelling_words(std::string_view text) {
  std::vector<std::string> words;
  for_each_spelling_word(text, [&](const std::string& word) { words.push_back(word); });
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

void SpellingCounts::add_document(std::string_view text, int delta) {
  ++documents_;
  for_each_spelling_word(text, [&](const std::string& word) {
    Count& count = counts_[word];
    if (count.last_document == documents_) return;
    count.last_document = documents_;
    count.delta += delta;
  });
}

void SpellingCounts::merge(const SpellingCounts& other) {
  for (const auto& [word, count] : other.counts_) counts_[word].delta += count.delta;
}

void SpellingCounts::apply(Xapian::WritableDatabase& db) const {
  for (const auto& [word, count] : counts_) {
    if (count.delta > 0) db.add_spelling(word, static_cast<Xapian::termcount>(count.delta));
    if (count.delta < 0) db.remove_spelling(word, static_cast<Xapian::termcount>(-count.delta));
  }
}

}  // namespace clubsearch::indexer
