// Phrase and acronym matching of text against the topic taxonomy.
#include "indexer/topic_matcher.h"

#include <xapian.h>

#include <algorithm>

#include "indexer/words.h"

namespace clubsearch::indexer {

namespace {

// Stemmers are not thread-safe, and the same words recur constantly, so each thread
// keeps its own stemmer and a cache of stems (lowercased word → stem).
thread_local std::unordered_map<std::string, std::string> stem_cache;

// Bounds the cache; called only between matches, since stems handed out point into it.
void bound_stem_cache() {
  if (stem_cache.size() > 200'000) stem_cache.clear();
}

const std::string& stem_of(std::string_view word) {
  thread_local Xapian::Stem stemmer("english");
  std::string lowered(word);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  if (auto found = stem_cache.find(lowered); found != stem_cache.end()) return found->second;
  std::string stem = stemmer(lowered);
  return stem_cache.emplace(std::move(lowered), std::move(stem)).first->second;
}

}  // namespace

TopicMatcher::TopicMatcher(const schemas::TopicTaxonomy& taxonomy) {
  for (std::size_t topic = 0; topic < taxonomy.topics().size(); ++topic) {
    const schemas::Topic& entry = taxonomy.topics()[topic];
    names_.push_back(entry.name);
    for (const std::string& phrase : entry.phrases) {
      Phrase compiled{topic, {}};
      for (std::string_view word : words_of(phrase)) compiled.stems.push_back(stem_of(word));
      if (!compiled.stems.empty()) phrases_by_first_stem_[compiled.stems.front()].push_back(std::move(compiled));
    }
    for (const std::string& acronym : entry.acronyms) topics_by_acronym_[acronym].push_back(topic);
  }
}

std::vector<std::string> TopicMatcher::match(std::string_view text) const {
  bound_stem_cache();
  const std::vector<std::string_view> words = words_of(text);
  std::vector<const std::string*> stems;
  stems.reserve(words.size());
  for (std::string_view word : words) stems.push_back(&stem_of(word));

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
