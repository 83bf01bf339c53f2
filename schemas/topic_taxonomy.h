// TopicTaxonomy: the editable table of topics and the phrases and acronyms that assign
// them (schemas/topics.toml). Matching text against it lives in indexer/topic_matcher.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace clubsearch::schemas {

struct Topic {
  std::string name;                   // facet value as shown, e.g. "Interpretability"
  std::vector<std::string> phrases;   // case-insensitive, matched word by word after stemming
  std::vector<std::string> acronyms;  // case-sensitive whole tokens, e.g. "SAE", "RLHF"
};

class TopicTaxonomy {
 public:
  static TopicTaxonomy parse(std::string_view toml_text, std::string_view origin);
  static const TopicTaxonomy& builtin();

  const std::vector<Topic>& topics() const noexcept { return topics_; }

 private:
  std::vector<Topic> topics_;
};

}  // namespace clubsearch::schemas
