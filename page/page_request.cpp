// Reading a page request into a search, and its refusals into the page's error.
#include "page/page_request.h"

#include "api/answers.h"
#include "api/params.h"
#include "api/search_params.h"
#include "query/result_json.h"

namespace clubsearch::page {

PageContent page_content(std::string_view target, const query::Searcher& searcher) {
  PageContent content;
  PageState& state = content.state;
  try {
    const api::Params params(target);
    // papers=1: the papers view, a search of papers with their own filters and sorts.
    if (const auto papers = api::single(params, "papers")) state.papers = api::flag(*papers, "papers");
    api::read_search(params, state, false);
    state.related = api::single(params, "related").value_or("");
    if (!state.related.empty()) {
      const std::optional<query::SearchResult> related = searcher.related(state.related, state.per_page);
      if (!related) throw api::unknown_entry(state.related, "related");
      const std::optional<index::Record> record = searcher.record(state.related);
      content.related_title = record ? record->title : std::string();
      content.response = query::to_json(*related);
    } else {
      const query::SearchRequest search = api::request_of(state);
      const query::SearchResult result = searcher.search(search);
      api::check_page(search, result);
      content.response = query::to_json(result);
    }
  } catch (const api::HttpError& error) {
    content.error = PageError{error.status, error.message, error.hint, error.position};
  } catch (const query::QueryError& error) {
    content.error = PageError{400, error.what(), error.hint(), std::nullopt};
    if (error.position() != std::string::npos) content.error->position = error.position();
  } catch (const query::RequestError& error) {
    content.error = PageError{400, error.what(), {}, std::nullopt};
  }
  return content;
}

}  // namespace clubsearch::page
