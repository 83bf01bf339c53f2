// The module's exported functions (C names, for cwrap): one engine per module instance,
// opened on a folder of emscripten's file system. Each returns JSON text (or a search's
// citations, when it asks for a format, or the page's HTML) that stays valid until the
// next call.
#include <emscripten/emscripten.h>

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "wasm/static_engine.h"

// Whether the page's side of the module (the worker) deferred a read of the index since
// the request began: it failed it, and fetches the block meanwhile (worker.js,
// `readsDeferred`). A module whose host defers nothing says no.
EM_JS(int, reads_deferred, (), { return Module["readsDeferred"] ? Module["readsDeferred"]() : 0; });
// Tells the worker that the reads that follow go on in order for about `bytes` (0: no
// longer), so that it may fetch them at once (worker.js, `readAhead`).
EM_JS(void, reads_ahead, (double bytes), { if (Module["readAhead"]) Module["readAhead"](bytes); });

namespace {

std::unique_ptr<clubsearch::wasm::StaticEngine> engine;
std::string answer;

const char* answered(std::string text) {
  answer = std::move(text);
  return answer.c_str();
}

const char* not_open() {
  return answered(R"({"error":{"status":500,"message":"no static index is open"}})"
                  "\n");
}

}  // namespace

extern "C" {

// Opens the static index in `dir`: {"documents", "columns", "stored_columns"}, or an error.
// `page_links` (may be null): the links of the static page's assets, as export-static
// writes them in manifest.json's "page" ({"style", "script", "favicon", "worker"}).
EMSCRIPTEN_KEEPALIVE const char* clubsearch_open(const char* dir, const char* page_links) {
  try {
    const nlohmann::json links =
        page_links == nullptr ? nlohmann::json() : nlohmann::json::parse(page_links, nullptr, false);
    engine = std::make_unique<clubsearch::wasm::StaticEngine>(dir, clubsearch::page::links_from_json(links));
    engine->defer_reads([] { return reads_deferred() != 0; },
                        [](std::uint64_t bytes) { reads_ahead(static_cast<double>(bytes)); });
    return answered(engine->description());
  } catch (...) {
    engine.reset();
    return answered(clubsearch::wasm::error_body(std::current_exception()));
  }
}

// Opens the index again after a request whose reads were deferred, before it is asked
// again: {} or an error.
EMSCRIPTEN_KEEPALIVE const char* clubsearch_reopen() {
  if (!engine) return not_open();
  try {
    engine->reopen();
    return answered("{}");
  } catch (...) {
    return answered(clubsearch::wasm::error_body(std::current_exception()));
  }
}

// The body of GET /api/search?QUERY_STRING.
EMSCRIPTEN_KEEPALIVE const char* clubsearch_search(const char* query_string) {
  return engine ? answered(engine->search(query_string)) : not_open();
}

// The body of GET /api/papers?QUERY_STRING.
EMSCRIPTEN_KEEPALIVE const char* clubsearch_papers(const char* query_string) {
  return engine ? answered(engine->search(query_string, true)) : not_open();
}

// The body of GET /api/entries/ID.
EMSCRIPTEN_KEEPALIVE const char* clubsearch_entry(const char* id) {
  return engine ? answered(engine->entry(id)) : not_open();
}

// The body of GET /api/entries/ID/related?QUERY_STRING.
EMSCRIPTEN_KEEPALIVE const char* clubsearch_related(const char* id, const char* query_string) {
  return engine ? answered(engine->related(id, query_string)) : not_open();
}

// The search page of GET /?QUERY_STRING (HTML; a JSON error when no index is open).
EMSCRIPTEN_KEEPALIVE const char* clubsearch_page(const char* query_string) {
  return engine ? answered(engine->page(query_string)) : not_open();
}
}
