// The per-thread stem cache.
#include "indexer/caching_stemmer.h"

#include <utility>

namespace clubsearch::indexer {

namespace {

// Bounds memory on huge vocabularies; a few hundred thousand words is ample.
constexpr std::size_t kMaxCachedWords = 200'000;

struct ThreadStemmer {
  CachingStemmer* stemmer;
  Xapian::Stem handle;  // owns *stemmer
};

ThreadStemmer& thread_entry(const std::string& language) {
  thread_local std::unordered_map<std::string, ThreadStemmer> stemmers;
  if (auto found = stemmers.find(language); found != stemmers.end()) return found->second;
  auto* stemmer = new CachingStemmer(language);
  return stemmers.emplace(language, ThreadStemmer{stemmer, Xapian::Stem(stemmer)}).first->second;
}

}  // namespace

CachingStemmer::CachingStemmer(const std::string& language) : stemmer_(language) {}

const std::string& CachingStemmer::stem(const std::string& word) {
  if (auto found = cache_.find(word); found != cache_.end()) return found->second;
  return cache_.emplace(word, stemmer_(word)).first->second;
}

std::string CachingStemmer::operator()(const std::string& word) {
  if (cache_.size() > kMaxCachedWords) cache_.clear();
  return stem(word);
}

std::string CachingStemmer::get_description() const {
  return "CachingStemmer(" + stemmer_.get_description() + ")";
}

CachingStemmer& thread_stemmer(const std::string& language) { return *thread_entry(language).stemmer; }

Xapian::Stem thread_stem(const std::string& language) { return thread_entry(language).handle; }

}  // namespace clubsearch::indexer
