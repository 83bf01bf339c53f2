// StaticEngine: the query layer over a static index (index/static_index.h), answering
// the JSON API's requests as `clubsearch serve` does, with the same bodies: what the
// module built from this folder runs in a reader's browser. Pure C++: the functions the
// module exports (exports.cpp) are its only tie to emscripten.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "index/static_index.h"
#include "page/page.h"
#include "query/searcher.h"

namespace clubsearch::wasm {

class StaticEngine {
 public:
  // Opens the static index in `dir`; its pages link to `assets` (relative to the page, as
  // export-static wrote them). Throws IndexUnavailableError or SchemaMismatchError.
  explicit StaticEngine(const std::filesystem::path& dir, page::AssetLinks assets = {});

  // What was opened: {"documents", "columns" (where the facet columns came from),
  // "stored_columns"}.
  std::string description() const;

  // GET /api/search?QUERY_STRING: the body `clubsearch serve` answers (a JSON error
  // object, with its status, for a request it refuses).
  // `papers`: GET /api/papers?QUERY_STRING instead. With `format`, the citations' text.
  std::string search(const std::string& query_string, bool papers = false) const;
  // GET /api/entries/ID.
  std::string entry(const std::string& id) const;
  // GET /api/entries/ID/related?QUERY_STRING.
  std::string related(const std::string& id, const std::string& query_string) const;
  // GET /?QUERY_STRING: the search page (or the related listing of `related=ID`) as the
  // server renders it, with the static page's links.
  std::string page(const std::string& query_string) const;

  // For a reader of the index that defers reads (query::Searcher::defer_reads): a request
  // with a read deferred answers incompletely, and the caller runs it again once the
  // blocks came, after reopen(). `ahead`: query::DeferredReads::set_ahead.
  void defer_reads(std::function<bool()> deferred, std::function<void(std::uint64_t)> ahead);
  // Opens the index again, so that no state a deferred read left in Xapian's objects
  // lasts into the next request. The facet columns are kept.
  void reopen();

 private:
  void open_searcher();

  std::filesystem::path dir_;
  index::StaticIndex index_;
  std::unique_ptr<query::Searcher> searcher_;
  std::function<bool()> deferred_;
  std::function<void(std::uint64_t)> ahead_;
  page::PageSite site_;
};

// A JSON error body, for an exception met outside an engine (opening one).
std::string error_body(std::exception_ptr error);

}  // namespace clubsearch::wasm
