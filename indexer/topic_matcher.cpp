// Phrase and acronym matching of text against the topic taxonomy.
#include "indexer/topic_matcher.h"

#include <algorithm>

#include "index/ascii.h"
#include "index/words.h"
#include "indexer/caching_stemmer.h"

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
      for (std::string_view word : index::words_of(phrase))
        compiled.stems.push_back(stem_of(word, language_));
      longest_phrase_ = std::max(longest_phrase_, compiled.stems.size());
      if (!compiled.stems.empty())
        phrases_by_first_stem_[compiled.stems.front()].push_back(std::move(compiled));
    }
    for (const std::string& acronym : entry.acronyms) topics_by_acronym_[acronym].push_back(topic);
  }
}

std::vector<unsigned> TopicMatcher::counts(std::string_view text) const {
  const std::vector<std::string_view> words = index::words_of(text);
  std::vector<const std::string*> stems;
  stems.reserve(words.size());
  for (std::string_view word : words) stems.push_back(&stem_of(word, language_));

  struct Match {
    std::size_t topic, begin, end;
  };
  std::vector<Match> matches;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (auto acronym = topics_by_acronym_.find(std::string(words[i])); acronym != topics_by_acronym_.end())
      for (std::size_t topic : acronym->second) matches.push_back({topic, i, i + 1});
    const auto candidates = phrases_by_first_stem_.find(*stems[i]);
    if (candidates == phrases_by_first_stem_.end()) continue;
    for (const Phrase& phrase : candidates->second) {
      if (i + phrase.stems.size() > words.size()) continue;
      bool whole = true;
      for (std::size_t k = 1; k < phrase.stems.size() && whole; ++k) whole = *stems[i + k] == phrase.stems[k];
      if (whole) matches.push_back({phrase.topic, i, i + phrase.stems.size()});
    }
  }
  // The longest phrase names what the words are about: "Boltzmann brain" is physics, not
  // the brain; "biological anchors" a forecast, not biology. A match inside a longer one of
  // another topic does not count.
  // Matches are in order of where they begin, and none is longer than the longest phrase.
  auto inside_longer = [&](std::size_t j) {
    const Match& m = matches[j];
    for (std::size_t k = j + 1; k < matches.size() && matches[k].begin == m.begin; ++k)
      if (matches[k].topic != m.topic && matches[k].end > m.end) return true;
    for (std::size_t k = j; k-- > 0 && matches[k].begin + longest_phrase_ > m.begin;)
      if (matches[k].topic != m.topic && matches[k].end >= m.end &&
          matches[k].end - matches[k].begin > m.end - m.begin)
        return true;
    return false;
  };
  std::vector<unsigned> found(names_.size(), 0);
  std::vector<std::size_t> covered_until(names_.size(), 0);  // a topic's last counted match ends here
  for (std::size_t j = 0; j < matches.size(); ++j) {
    const Match& m = matches[j];
    if (m.begin < covered_until[m.topic] || inside_longer(j)) continue;
    ++found[m.topic];
    covered_until[m.topic] = m.end;
  }
  return found;
}

std::vector<std::string> TopicMatcher::match(std::string_view text) const {
  const std::vector<unsigned> found = counts(text);
  std::vector<std::string> topics;
  for (std::size_t topic = 0; topic < names_.size(); ++topic)
    if (found[topic] > 0) topics.push_back(names_[topic]);
  return topics;
}

bool TopicMatcher::is_number_tag(std::string_view tag) {
  bool digit = false;
  for (const char c : tag) {
    if (c >= '0' && c <= '9')
      digit = true;
    else if (c != ' ' && c != '-' && c != '/' && c != '.' && c != '\t')
      return false;
  }
  return digit;
}

std::vector<std::string> TopicMatcher::topics_of(const TopicEvidence& evidence) const {
  std::string named(evidence.titles);
  if (evidence.tags != nullptr)
    for (const std::string& tag : *evidence.tags) named += "\n" + tag;
  const std::vector<unsigned> named_counts = counts(named);
  const std::vector<unsigned> own_counts = counts(evidence.own_text);
  const unsigned repeats = index::words_of(evidence.own_text).size() <= kShortText ? 1 : kMinRepeats;
  std::vector<std::string> topics;
  std::vector<std::string> keys;  // lowercased, to keep each name once
  auto add = [&](const std::string& name) {
    std::string key = index::ascii_lowercase(name);
    if (key.find_first_not_of(" \t") == std::string::npos) return;
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) return;
    keys.push_back(std::move(key));
    topics.push_back(name);
  };
  for (std::size_t topic = 0; topic < names_.size(); ++topic)
    if (named_counts[topic] > 0 || own_counts[topic] >= repeats) add(names_[topic]);
  if (evidence.tags != nullptr)
    for (const std::string& tag : *evidence.tags)
      if (!is_number_tag(tag)) add(tag);
  return topics;
}

}  // namespace clubsearch::indexer
