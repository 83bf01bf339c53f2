// Reads of an index read over a network, which its reader may defer (the static engine,
// wasm/): the reader fails the read (Xapian::DatabaseError) and fetches the block
// meanwhile, and the request runs again once it came. A request's parts that stand on
// their own (the words of a query, the hits of a page) then each run, their reads
// deferred together, instead of the first deferred read failing the rest: one run asks
// for the blocks of all of them at once, and the next finds them at hand.
#pragma once

#include <xapian.h>

#include <functional>
#include <utility>

namespace clubsearch::query {

class DeferredReads {
 public:
  // `deferred()` says whether a read was deferred since the request began. Without it
  // (the server and the CLI), every read that fails fails the request.
  void set(std::function<bool()> deferred) { deferred_ = std::move(deferred); }
  // Whether reads may be deferred: what is read only to be asked for early is read then.
  bool on() const { return static_cast<bool>(deferred_); }
  const std::function<bool()>& function() const { return deferred_; }

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
};

}  // namespace clubsearch::query
