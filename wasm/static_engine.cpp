// The static engine's answers: api/ reads each request and writes each answer, exactly as
// the server's handlers (web/api_handlers.cpp) do around the same Searcher calls, and
// page/ the search page, as the server's GET / does.
#include "wasm/static_engine.h"

#include "api/answers.h"
#include "api/params.h"
#include "api/search_params.h"
#include "page/page_request.h"
#include "query/citation_items.h"
#include "query/result_json.h"
#include "schemas/index_schema.h"

namespace clubsearch::wasm {

namespace {

// A handler's answer: its body, or the API's JSON error for what it threw.
template <typename Answer>
std::string answered(Answer&& answer) {
  try {
    return api::body_text(answer());
  } catch (...) {
    return error_body(std::current_exception());
  }
}

}  // namespace

std::string error_body(std::exception_ptr error) {
  return api::body_text(api::error_json(api::answer_of(std::move(error))));
}

StaticEngine::StaticEngine(const std::filesystem::path& dir, page::AssetLinks assets)
    : dir_(dir),
      index_(index::open_static_index(dir, schemas::IndexSchema::builtin())),
      site_{page::Hosting::static_site, std::move(assets)} {
  open_searcher();
}

void StaticEngine::open_searcher() {
  searcher_ = std::make_unique<query::Searcher>(index_.db, schemas::IndexSchema::builtin(),
                                                [columns = index_.columns](const Xapian::Database&) { return columns; });
  if (deferred_) searcher_->defer_reads(deferred_, ahead_);
}

void StaticEngine::defer_reads(std::function<bool()> deferred, std::function<void(std::uint64_t)> ahead) {
  deferred_ = std::move(deferred);
  ahead_ = std::move(ahead);
  searcher_->defer_reads(deferred_, ahead_);
}

void StaticEngine::reopen() {
  index_.db = Xapian::Database((dir_ / index::kStaticDatabase).string());
  open_searcher();
}

std::string StaticEngine::description() const {
  return api::body_text({{"documents", index_.db.get_doccount()},
                         {"columns", index_.columns->origin()},
                         {"stored_columns", index_.columns->stored()}});
}

std::string StaticEngine::search(const std::string& query_string, bool papers) const {
  try {
    const api::Params params("?" + query_string);
    api::PageState state;
    state.papers = papers;
    api::read_search(params, state, true);
    const query::SearchRequest request = api::request_of(state);
    const query::SearchResult result = searcher_->search(request);
    api::check_page(request, result);
    if (!state.format.empty())
      return query::format_citations(query::citation_items(searcher_->whole_records(result.hits)), *query::citation_format(state.format));
    return api::body_text(query::to_json(result));
  } catch (...) {
    return error_body(std::current_exception());
  }
}

std::string StaticEngine::entry(const std::string& id) const {
  return answered([&] {
    const auto hit = searcher_->entry(id);
    if (!hit) throw api::unknown_entry(id);
    return query::to_json(*hit);
  });
}

std::string StaticEngine::related(const std::string& id, const std::string& query_string) const {
  return answered([&] {
    const std::size_t limit = api::related_limit(api::Params("?" + query_string));
    const auto result = searcher_->related(id, limit);
    if (!result) throw api::unknown_entry(id);
    return query::to_json(*result);
  });
}

std::string StaticEngine::page(const std::string& query_string) const {
  return page::render_page(page::page_content("?" + query_string, *searcher_), site_);
}

}  // namespace clubsearch::wasm
