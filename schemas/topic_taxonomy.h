// TopicTaxonomy: the editable table of topics and the phrases and acronyms that assign
// them (schemas/topics.toml). Matching text against it lives in indexer/topic_matcher.h.
#pragma once

#include <cstddef>
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

  // Identifies the text the table was parsed from: an index records it, so a changed
  // table is noticed and the index rebuilt with it.
  std::size_t fingerprint() const noexcept { return fingerprint_; }

  const std::vector<Topic>& topics() const noexcept { return topics_; }

 private:
  std::size_t fingerprint_ = 0;
  std::vector<Topic> topics_;
};

}  // namespace clubsearch::schemas
