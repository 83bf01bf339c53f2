// TopicMatcher: which topics of the taxonomy a piece of text is about.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "schemas/topic_taxonomy.h"

namespace clubsearch::indexer {

class TopicMatcher {
 public:
  // `language` names the Snowball stemmer phrases and text are compared with.
  explicit TopicMatcher(const schemas::TopicTaxonomy& taxonomy, std::string language = "english");

  // Names of the topics whose phrases (stemmed, any case) or acronyms (exact case) occur
  // in `text` as whole words, in taxonomy order. Safe to call from several threads.
  std::vector<std::string> match(std::string_view text) const;

 private:
  struct Phrase {
    std::size_t topic;
    std::vector<std::string> stems;  // the phrase's words after lowercasing and stemming
  };
  std::string language_;
  std::vector<std::string> names_;
  std::unordered_map<std::string, std::vector<Phrase>> phrases_by_first_stem_;
  std::unordered_map<std::string, std::vector<std::size_t>> topics_by_acronym_;
};

}  // namespace clubsearch::indexer
