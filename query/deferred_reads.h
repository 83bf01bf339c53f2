// Reads of an index read over a network, which its reader may defer (the static engine,
// wasm/): the reader fails the read (Xapian::DatabaseError) and fetches the block
// meanwhile, and the request runs again once it came. A request's parts that stand on
// their own (the words of a query, the hits of a page) then each run, their reads
// deferred together, instead of the first deferred read failing the rest: one run asks
// for the blocks of all of them at once, and the next finds them at hand.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <utility>

namespace clubsearch::query {

// About how many bytes a posting list of `documents` ids among the first `last` takes in a
// glass index: each posting is the gap to the id before it, a byte and one more for each
// 7 bits past the first 7, and `count_bytes` (a word's count there, or for the list of
// lengths a document's length).
inline std::uint64_t posting_list_bytes(Xapian::doccount documents, Xapian::docid last,
                                        std::uint64_t count_bytes = 1) {
  std::uint64_t gap = documents == 0 ? 0 : last / documents;
  std::uint64_t gap_bytes = 1;
  while (gap >= 128) {
    gap >>= 7;
    ++gap_bytes;
  }
  return std::uint64_t{documents} * (gap_bytes + count_bytes);
}

class DeferredReads {
 public:
  // `deferred()` says whether a read was deferred since the request began. Without it
  // (the server and the CLI), every read that fails fails the request.
  void set(std::function<bool()> deferred) { deferred_ = std::move(deferred); }
  // Whether reads may be deferred: what is read only to be asked for early is read then.
  bool on() const { return static_cast<bool>(deferred_); }
  const std::function<bool()>& function() const { return deferred_; }
  // `ahead(bytes)` tells the reader that the reads that follow go on in order for about
  // `bytes` (a posting list or a value stream read to its end), so that it may fetch them
  // in one request rather than a block a run; `ahead(0)` that they no longer do.
  void set_ahead(std::function<void(std::uint64_t)> ahead) { ahead_ = std::move(ahead); }
  const std::function<void(std::uint64_t)>& ahead() const { return ahead_; }

  // run(part), its reads said to go on in order for about `bytes`.
  template <typename Part>
  bool run_ahead(std::uint64_t bytes, Part&& part) const {
    if (!ahead_) return run(std::forward<Part>(part));
    struct Done {
      const std::function<void(std::uint64_t)>& ahead;
      ~Done() { ahead(0); }
    } done{ahead_};
    ahead_(bytes);
    return run(std::forward<Part>(part));
  }

  // Runs `part`; false when a read of it was deferred (it was left out).
  template <typename Part>
  bool run(Part&& part) const {
    if (!deferred_) {
      part();
      return true;
    }
    try {
      part();
      return true;
    } catch (const Xapian::DatabaseError&) {
      if (!deferred_()) throw;
      return false;
    }
  }

  // Ends a run whose parts had reads deferred (`any`): what follows would read on what
  // they left out.
  static void stop_if(bool any) {
    if (any) throw Xapian::DatabaseError("reads of the index were deferred");
  }

 private:
  std::function<bool()> deferred_;
  std::function<void(std::uint64_t)> ahead_;
};

}  // namespace clubsearch::query
