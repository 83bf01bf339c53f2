// Lending searchers to threads, and noticing when the index has changed under them.
#include "query/searcher_pool.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "index/columns_file.h"
#include "index/index_store.h"
#include "index/open_index.h"
#include "schemas/index_schema.h"

namespace clubsearch::query {

namespace {

constexpr std::chrono::milliseconds kRecheck{20};

std::int64_t steady_now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

SearcherPool::SearcherPool(std::filesystem::path index_dir, std::size_t size)
    : index_dir_(std::move(index_dir)), capacity_(std::max<std::size_t>(size, 1)) {
  probe_ = index::open_index(index_dir_, schemas::IndexSchema::builtin());
  stub_ = index::IndexStore(index_dir_).stub_identity();
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

std::unique_ptr<Searcher> SearcherPool::open() {
  const schemas::IndexSchema& schema = schemas::IndexSchema::builtin();
  auto searcher = std::make_unique<Searcher>(index::open_index(index_dir_, schema), schema,
                                             [this](const Xapian::Database& db) { return columns_of(db); });
  searcher->prepare();
  return searcher;
}

std::shared_ptr<const index::FacetColumns> SearcherPool::columns_of(const Xapian::Database& db) {
  std::pair<std::string, Xapian::rev> revision{db.get_uuid(), db.get_revision()};
  const std::lock_guard lock(columns_mutex_);
  if (!columns_ || revision != columns_revision_) {
    columns_ = index::load_columns(db, index_dir_, schemas::IndexSchema::builtin());
    columns_revision_ = std::move(revision);
  }
  return columns_;
}

void SearcherPool::check_for_changes() {
  const std::int64_t now_ns = steady_now_ns();
  if (now_ns < next_check_ns_.load()) return;
  const std::lock_guard lock(probe_mutex_);
  if (now_ns < next_check_ns_.load()) return;
  next_check_ns_.store(now_ns + std::chrono::duration_cast<std::chrono::nanoseconds>(kRecheck).count());
  bool changed = false;
  const StubIdentity stub = index::IndexStore(index_dir_).stub_identity();
  try {
    if (stub != stub_) {
      probe_ = index::open_index(index_dir_, schemas::IndexSchema::builtin());
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
