// TopicMatcher: which topics of the taxonomy a post or an entry is about, and on what
// evidence.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "schemas/topic_taxonomy.h"

namespace clubsearch::indexer {

// What a post's or an entry's topics rest on.
struct TopicEvidence {
  // What names the thing: the post's title and description, or the entry's heading and
  // its linked items' titles. One mention of a topic's phrase or acronym is enough.
  std::string_view titles;
  // The author's own words (without what they quote, see QuotedText): a topic's phrases
  // and acronyms must occur there kMinRepeats times (one phrase twice, or two of them).
  std::string_view own_text;
  // The post's tags and categories: each is a topic itself, unless it is a number or a
  // year, and a tag holding a topic's phrase or acronym ("RL", "Reinforcement Learning")
  // gives that topic too.
  const std::vector<std::string>* tags = nullptr;
};

class TopicMatcher {
 public:
  static constexpr unsigned kMinRepeats = 2;
  static constexpr std::size_t kShortText = 40;  // words: a note this short is about what it names

  // `language` names the Snowball stemmer phrases and text are compared with.
  explicit TopicMatcher(const schemas::TopicTaxonomy& taxonomy, std::string language = "english");

  // Names of the topics whose phrases (stemmed, any case) or acronyms (exact case) occur
  // in `text` as whole words, in taxonomy order. Safe to call from several threads.
  std::vector<std::string> match(std::string_view text) const;

  // How many times each topic's phrases and acronyms occur in `text`, by taxonomy index;
  // overlapping matches of one topic ("inverse reinforcement learning" holds
  // "reinforcement learning") count once.
  std::vector<unsigned> counts(std::string_view text) const;

  // The topics `evidence` supports, in taxonomy order, then the tags and categories that
  // are not numbers, each name once whatever its case.
  std::vector<std::string> topics_of(const TopicEvidence& evidence) const;

  // A tag that is a number or a year ("2018", "2019-20"): never a topic.
  static bool is_number_tag(std::string_view tag);

 private:
  struct Phrase {
    std::size_t topic;
    std::vector<std::string> stems;  // the phrase's words after lowercasing and stemming
  };
  std::string language_;
  std::vector<std::string> names_;
  std::unordered_map<std::string, std::vector<Phrase>> phrases_by_first_stem_;
  std::unordered_map<std::string, std::vector<std::size_t>> topics_by_acronym_;
  std::size_t longest_phrase_ = 1;  // words
};

}  // namespace clubsearch::indexer
