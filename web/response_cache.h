// ResponseCache: the bodies of recent answers, by key, within a byte budget.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace clubsearch::web {

// A search asked again (the same page of a popular search, a shared link) is sent
// without searching. Keys name the route, the index epoch and the parameters, so that
// an update of the index makes older answers unreachable; they age out, the least
// recently used dropped first once the budget is spent. Safe to use from many threads.
class ResponseCache {
 public:
  explicit ResponseCache(std::size_t budget_bytes) : budget_(budget_bytes) {}

  // The body kept under `key` (now the most recently used), or nullptr.
  std::shared_ptr<const std::string> find(const std::string& key);
  // Keeps `body` under `key`, unless the key is there already or key and body together
  // take more than an eighth of the budget (one answer never crowds out the rest).
  void add(const std::string& key, std::string body);

 private:
  std::size_t budget_;
  std::size_t bytes_ = 0;  // keys and bodies kept
  std::mutex mutex_;
  std::list<std::string> order_;  // most recent first
  std::unordered_map<std::string,
                     std::pair<std::shared_ptr<const std::string>, std::list<std::string>::iterator>>
      entries_;
};

// The key of an answer: its route ("api", "page"…), the index epoch it read and its
// parameters in canonical order (Params::canonical).
std::string cache_key(const char* route, std::uint64_t epoch, const std::string& parameters);

}  // namespace clubsearch::web
