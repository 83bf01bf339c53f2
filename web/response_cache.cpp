// Finding and keeping answers, least recently used out first.
#include "web/response_cache.h"

namespace clubsearch::web {

std::shared_ptr<const std::string> ResponseCache::find(const std::string& key) {
  const std::lock_guard lock(mutex_);
  const auto found = entries_.find(key);
  if (found == entries_.end()) return nullptr;
  order_.splice(order_.begin(), order_, found->second.second);
  return found->second.first;
}

void ResponseCache::add(const std::string& key, std::string body) {
  const std::size_t size = key.size() + body.size();
  if (size > budget_ / 8) return;
  auto shared = std::make_shared<const std::string>(std::move(body));
  const std::lock_guard lock(mutex_);
  if (entries_.count(key) > 0) return;
  order_.push_front(key);
  entries_.emplace(key, std::make_pair(std::move(shared), order_.begin()));
  bytes_ += size;
  while (bytes_ > budget_ && !order_.empty()) {
    const auto oldest = entries_.find(order_.back());
    bytes_ -= oldest->first.size() + oldest->second.first->size();
    entries_.erase(oldest);
    order_.pop_back();
  }
}

std::string cache_key(const char* route, std::uint64_t epoch, const std::string& parameters) {
  return std::string(route) + '\x1d' + std::to_string(epoch) + '\x1d' + parameters;
}

}  // namespace clubsearch::web
