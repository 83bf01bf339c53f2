// SearcherPool: Searchers for threads that search at once, following the index as it is
// updated or rebuilt.
#pragma once

#include <xapian.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "index/facet_columns.h"
#include "query/searcher.h"

namespace clubsearch::query {

// What a read through the pool returned, with the epoch of the index it read.
template <typename T>
struct PoolRead {
  T value;
  std::uint64_t epoch;
};

// One Searcher per searching thread at most, since a Searcher is for one thread at a
// time. An update (a new revision) or a rebuild (a new generation) of the index starts
// a new epoch, looked for at most every 20 ms; searchers of an older epoch are dropped
// as they come back, so that each read sees one consistent revision and the next one
// the newest. The searchers of one revision share one copy of its facet columns.
class SearcherPool {
 public:
  // Opens the first searcher at once, so that a missing or mismatched index is known
  // before anything is served: throws IndexUnavailableError or SchemaMismatchError.
  SearcherPool(std::filesystem::path index_dir, std::size_t size);
  SearcherPool(const SearcherPool&) = delete;
  SearcherPool& operator=(const SearcherPool&) = delete;

  // A searcher lent to one thread until the lease ends.
  class Lease {
   public:
    Lease(SearcherPool& pool, std::unique_ptr<Searcher> searcher, std::uint64_t epoch)
        : pool_(pool), searcher_(std::move(searcher)), epoch_(epoch) {}
    ~Lease() { pool_.give_back(std::move(searcher_), epoch_, discarded_); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    const Searcher* operator->() const { return searcher_.get(); }
    const Searcher& operator*() const { return *searcher_; }
    std::uint64_t epoch() const { return epoch_; }
    // The searcher read a revision the index has since overwritten: it is not reused.
    void discard() { discarded_ = true; }

   private:
    SearcherPool& pool_;
    std::unique_ptr<Searcher> searcher_;
    std::uint64_t epoch_;
    bool discarded_ = false;
  };

  // A searcher of the current epoch; waits while `size` searchers are lent out.
  Lease acquire();

  // The epoch of the index as it is now (looked for at most every 20 ms).
  std::uint64_t epoch();

  // Makes the next epoch() look at the index at once.
  void recheck_now() { next_check_ns_.store(0); }

  // Runs `work(const Searcher&)` with a leased searcher. A read of a revision that an
  // update overwrote meanwhile (Xapian::DatabaseModifiedError) is run again on the new
  // one, up to three times in all, so that a read during an update is answered, not
  // failed.
  template <typename Work>
  auto with_searcher(Work work) -> PoolRead<decltype(work(std::declval<const Searcher&>()))> {
    for (int attempt = 1;; ++attempt) {
      Lease lease = acquire();
      try {
        return {work(*lease), lease.epoch()};
      } catch (const Xapian::DatabaseModifiedError&) {
        lease.discard();
        recheck_now();
        if (attempt == 3) throw;
      }
    }
  }

  const std::filesystem::path& index_dir() const { return index_dir_; }

 private:
  struct Slot {
    std::unique_ptr<Searcher> searcher;
    std::uint64_t epoch;
  };
  // The index folder's stub file as last seen (inode, modification time).
  using StubIdentity = std::pair<std::uintmax_t, std::int64_t>;

  std::unique_ptr<Searcher> open();
  // The facet columns of `db`'s revision, loaded by the first searcher that needs them.
  std::shared_ptr<const index::FacetColumns> columns_of(const Xapian::Database& db);
  void check_for_changes();
  void give_back(std::unique_ptr<Searcher> searcher, std::uint64_t epoch, bool discarded);

  std::filesystem::path index_dir_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<Slot> free_;
  std::size_t opened_ = 0;
  std::size_t capacity_;
  std::mutex probe_mutex_;
  Xapian::Database probe_;  // reopened to see whether the index has a new revision
  StubIdentity stub_;
  std::atomic<std::uint64_t> epoch_{0};
  std::atomic<std::int64_t> next_check_ns_{0};
  std::mutex columns_mutex_;
  std::pair<std::string, Xapian::rev> columns_revision_;  // database UUID and revision
  std::shared_ptr<const index::FacetColumns> columns_;
};

}  // namespace clubsearch::query
