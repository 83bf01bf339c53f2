// Phrase and acronym matching of text against the topic taxonomy.
#include "indexer/topic_matcher.h"

#include <algorithm>

#include "index/ascii.h"
#include "indexer/caching_stemmer.h"
#include "index/words.h"

namespace clubsearch::indexer {

namespace {

// The lowercased word's stem, from this thread's cache (shared with the term generator).
const std::string& stem_of(std::string_view word, const std::string& language) {
  return thread_stemmer(language).stem(index::ascii_lowercase(word));
}

}  // namespace

TopicMatcher::TopicMatcher(const schemas::TopicTaxonomy& taxonomy, std::string language)
    : language_(std::move(language)) {
  for (std::size_t topic = 0; topic < taxonomy.topics().size(); ++topic) {
    const schemas::Topic& entry = taxonomy.topics()[topic];
    names_.push_back(entry.name);
    for (const std::string& phrase : entry.phrases) {
      Phrase compiled{topic, {}};
      for (std::string_view word : index::words_of(phrase)) compiled.stems.push_back(stem_of(word, language_));
      if (!compiled.stems.empty())
        phrases_by_first_stem_[compiled.stems.front()].push_back(std::move(compiled));
    }
    for (const std::string& acronym : entry.acronyms) topics_by_acronym_[acronym].push_back(topic);
  }
}

std::vector<std::string> TopicMatcher::match(std::string_view text) const {
  const std::vector<std::string_view> words = index::words_of(text);
  std::vector<const std::string*> stems;
  stems.reserve(words.size());
  for (std::string_view word : words) stems.push_back(&stem_of(word, language_));

  std::vector<bool> found(names_.size(), false);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (auto acronym = topics_by_acronym_.find(std::string(words[i])); acronym != topics_by_acronym_.end())
      for (std::size_t topic : acronym->second) found[topic] = true;
    const auto candidates = phrases_by_first_stem_.find(*stems[i]);
    if (candidates == phrases_by_first_stem_.end()) continue;
    for (const Phrase& phrase : candidates->second) {
      if (found[phrase.topic] || i + phrase.stems.size() > words.size()) continue;
      bool whole = true;
      for (std::size_t k = 1; k < phrase.stems.size() && whole; ++k) whole = *stems[i + k] == phrase.stems[k];
      if (whole) found[phrase.topic] = true;
    }
  }
  std::vector<std::string> topics;
  for (std::size_t topic = 0; topic < names_.size(); ++topic)
    if (found[topic]) topics.push_back(names_[topic]);
  return topics;
}

}  // namespace clubsearch::indexer
