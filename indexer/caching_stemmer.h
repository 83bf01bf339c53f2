// CachingStemmer: a stemmer that remembers. A few thousand words make up most of any
// text, and running the Snowball algorithm on each occurrence is a visible part of
// indexing time; the term generator and the topic matcher share one cache per thread.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>

namespace clubsearch::indexer {

class CachingStemmer : public Xapian::StemImplementation {
 public:
  explicit CachingStemmer(const std::string& language);

  // The stem of a lowercase word. The reference stays valid until the next call of
  // operator(), the only one that may empty the cache.
  const std::string& stem(const std::string& word);

  std::string operator()(const std::string& word) override;
  std::string get_description() const override;

 private:
  Xapian::Stem stemmer_;
  std::unordered_map<std::string, std::string> cache_;
};

// This thread's caching stemmer for `language`, and a Xapian::Stem handle on it for a
// TermGenerator used on this thread only (Xapian's handles are not thread-safe).
CachingStemmer& thread_stemmer(const std::string& language);
Xapian::Stem thread_stem(const std::string& language);

}  // namespace clubsearch::indexer
