// Lending searchers to threads, and noticing when the index has changed under them.
#include "query/searcher_pool.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "query/index_reader.h"
#include "schemas/index_schema.h"

namespace clubsearch::query {

namespace {

constexpr std::chrono::milliseconds kRecheck{20};

// The inode and modification time of the stub that names the index's current
// generation: a rebuild replaces it by a rename, which a reopen() of the old database
// would not see. {0, 0} when there is none. (This belongs with the index folder's
// layout, and moves there once that is a library of its own.)
std::pair<std::uintmax_t, std::int64_t> stub_identity(const std::filesystem::path& index_dir) {
  struct stat info {};
  if (::stat((index_dir / "XAPIANDB").c_str(), &info) != 0) return {0, 0};
  return {static_cast<std::uintmax_t>(info.st_ino),
          static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec};
}

std::int64_t steady_now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

SearcherPool::SearcherPool(std::filesystem::path index_dir, std::size_t size)
    : index_dir_(std::move(index_dir)), capacity_(std::max<std::size_t>(size, 1)) {
  probe_ = open_index(index_dir_, schemas::IndexSchema::builtin());
  stub_ = stub_identity(index_dir_);
  free_.push_back({open(), 0});
  opened_ = 1;
}

std::uint64_t SearcherPool::epoch() {
  check_for_changes();
  return epoch_.load();
}

SearcherPool::Lease SearcherPool::acquire() {
  const std::uint64_t now = epoch();
  std::unique_lock lock(mutex_);
  for (;;) {
    // Searchers of an older epoch are closed; a new one opens in their place.
    while (!free_.empty() && free_.back().epoch != now) {
      free_.pop_back();
      --opened_;
    }
    if (!free_.empty()) {
      Slot slot = std::move(free_.back());
      free_.pop_back();
      return Lease(*this, std::move(slot.searcher), slot.epoch);
    }
    if (opened_ < capacity_) break;
    available_.wait(lock);
  }
  ++opened_;
  lock.unlock();
  try {
    return Lease(*this, open(), now);
  } catch (...) {
    const std::lock_guard relock(mutex_);
    --opened_;
    available_.notify_one();
    throw;
  }
}

std::unique_ptr<Searcher> SearcherPool::open() const {
  const schemas::IndexSchema& schema = schemas::IndexSchema::builtin();
  auto searcher = std::make_unique<Searcher>(open_index(index_dir_, schema), schema);
  searcher->prepare();
  return searcher;
}

void SearcherPool::check_for_changes() {
  const std::int64_t now_ns = steady_now_ns();
  if (now_ns < next_check_ns_.load()) return;
  const std::lock_guard lock(probe_mutex_);
  if (now_ns < next_check_ns_.load()) return;
  next_check_ns_.store(now_ns + std::chrono::duration_cast<std::chrono::nanoseconds>(kRecheck).count());
  bool changed = false;
  const StubIdentity stub = stub_identity(index_dir_);
  try {
    if (stub != stub_) {
      probe_ = open_index(index_dir_, schemas::IndexSchema::builtin());
      changed = true;
    } else {
      changed = probe_.reopen();
    }
  } catch (const Xapian::Error&) {
    changed = true;  // the generation it read is gone: the next open reads the new one
  } catch (const std::runtime_error&) {
    return;  // between a rebuild's steps: keep serving what is open, look again soon
  }
  stub_ = stub;
  if (changed) epoch_.fetch_add(1);
}

void SearcherPool::give_back(std::unique_ptr<Searcher> searcher, std::uint64_t epoch, bool discarded) {
  const std::lock_guard lock(mutex_);
  if (discarded || epoch != epoch_.load())
    --opened_;
  else
    free_.push_back({std::move(searcher), epoch});
  available_.notify_one();
}

}  // namespace clubsearch::query
