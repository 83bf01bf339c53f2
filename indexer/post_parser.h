// PostParser: one Markdown file of the blog → a Post with its entries, classified links,
// topics and permalinks. Pure: the caller reads the file.
#pragma once

#include <string>
#include <string_view>

#include "indexer/link_classifier.h"
#include "indexer/post.h"
#include "indexer/site.h"
#include "indexer/topic_matcher.h"

namespace clubsearch::indexer {

// The revision of the rules that read posts (entries, their titles and items, plain text).
// Raise it with every change to what a post parses into: an index built by other rules is
// then rebuilt, not updated, so that posts that did not change are read again too.
inline constexpr int kPostRulesRevision = 12;

class PostParser {
 public:
  PostParser(const Site& site, const LinkClassifier& links, const TopicMatcher& topics);

  // `relative_path` is the file's path under the content directory, '/' separated.
  // Throws PostError (with the line) for a file that cannot be indexed: binary content,
  // invalid UTF-8, malformed front matter. Safe to call from several threads.
  Post parse(const std::string& relative_path, std::string_view file_bytes) const;

 private:
  const Site& site_;
  const LinkClassifier& links_;
  const TopicMatcher& topics_;
};

}  // namespace clubsearch::indexer
