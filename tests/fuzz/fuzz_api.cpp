// Fuzz target: an HTTP request's target (path and query string) → the answer the API
// gives on the sample blog's index, in process: api/ reads the parameters, the Searcher
// answers, the JSON (or the citations, or page/'s search page) is written, and every
// refusal becomes the API's JSON error, as the server's handlers do. Routes: /api/search,
// /api/papers, /api/entries/ID, /api/entries/ID/related, and any other path the page.
// A refusal is a 4xx; a 5xx (an exception the API did not expect), a body that is not
// JSON, or a sanitizer's report, is a defect.
#include <cstdint>
#include <string>
#include <string_view>

#include "api/answers.h"
#include "api/params.h"
#include "api/search_params.h"
#include "page/page.h"
#include "page/page_request.h"
#include "query/citation_items.h"
#include "query/citations.h"
#include "query/result_json.h"
#include "tests/fuzz/fuzz_target.h"
#include "tests/fuzz/small_index.h"

using namespace clubsearch;

namespace {

// cpp-httplib refuses a longer request target (414) before any handler reads it.
constexpr std::size_t kMaxTarget = 8192;

nlohmann::json search(const api::Params& params, bool papers) {
  const query::Searcher& searcher = fuzz::small_index_searcher();
  api::PageState state;
  state.papers = papers;
  api::read_search(params, state, true);
  const query::SearchRequest request = api::request_of(state);
  const query::SearchResult result = searcher.search(request);
  api::check_page(request, result);
  (void)params.canonical();  // the answer cache's key
  if (!state.format.empty()) {
    const std::string text =
        query::format_citations(query::citation_items(searcher.whole_records(result.hits)),
                                *query::citation_format(state.format));
    return nlohmann::json{{"citations", text}};
  }
  return query::to_json(result);
}

nlohmann::json entry(std::string_view target, const std::string& id, bool related) {
  const query::Searcher& searcher = fuzz::small_index_searcher();
  const api::Params params(target);
  if (related) {
    const auto listing = searcher.related(id, api::related_limit(params));
    if (!listing) throw api::unknown_entry(id);
    return query::to_json(*listing);
  }
  api::refuse_unknown(params, {});
  const auto hit = searcher.entry(id);
  if (!hit) throw api::unknown_entry(id);
  return query::to_json(*hit);
}

// The API's answer to `target`: its JSON body, or its JSON error with a 4xx status.
void answer_api(std::string_view target, std::string_view path) {
  std::string body;
  try {
    constexpr std::string_view entries = "/api/entries/";
    if (path == "/api/search" || path == "/api/papers") {
      body = api::body_text(search(api::Params(target), path == "/api/papers"));
    } else {
      std::string id(path.substr(entries.size()));
      const std::size_t slash = id.find('/');
      const bool related = slash != std::string::npos;
      if (related) {
        if (id.substr(slash) != "/related") return;  // no route: the library's 404
        id.resize(slash);
      }
      body = api::body_text(entry(target, id, related));
    }
  } catch (...) {
    const api::HttpError error = api::answer_of(std::current_exception());
    if (error.status < 400 || error.status >= 500)
      fuzz::broken(("answered " + std::to_string(error.status) + ": " + error.message).c_str());
    body = api::body_text(api::error_json(error));
  }
  if (!nlohmann::json::accept(body)) fuzz::broken("the API's body is not JSON");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)fuzz::small_index_searcher();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxTarget) return -1;
  const std::string_view target(reinterpret_cast<const char*>(data), size);
  const std::string_view path = target.substr(0, target.find('?'));
  const bool api_route = path == "/api/search" || path == "/api/papers" ||
                         (path.rfind("/api/entries/", 0) == 0 && path.size() > 13);
  if (api_route) {
    answer_api(target, path);
  } else {
    // The search page: its refusals are the page's own error, never an exception.
    const page::PageContent content = page::page_content(target, fuzz::small_index_searcher());
    (void)page::render_page(content, page::PageSite{});
  }
  return 0;
}
