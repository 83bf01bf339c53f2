// The pages of papers: /papers/ID, a paper's own page, and /papers, the search page's
// papers view.
#include <string>

#include "page/page.h"
#include "page/paper_page.h"
#include "query/result_json.h"
#include "web/assets.h"
#include "web/handlers.h"
#include "web/responses.h"

namespace clubsearch::web {

void get_paper_page(ServerState& server, const httplib::Request& request, httplib::Response& response) {
  const std::string id = request.matches[1];
  const auto hit =
      server.searchers.with_searcher([&](const query::Searcher& searcher) { return searcher.entry(id); });
  if (hit.value && hit.value->record.type == index::DocumentType::paper) {
    send_page(response, page::render_paper_page(query::to_json(*hit.value), asset_links()), 200);
    return;
  }
  if (hit.value) {
    // An entry's or a post's id: the page that is about it is its related listing.
    api::PageState related;
    related.related = id;
    response.set_redirect(page::page_url(related), 303);
    return;
  }
  page::PageContent content;
  content.state.papers = true;
  content.error = page::PageError{404, "no paper has the id '" + id + "'",
                                  "the papers view lists every paper with a link to its page", std::nullopt};
  send_page(response, page::render_page(content, {page::Hosting::server, asset_links()}), 404);
}

void get_papers_page(ServerState&, const httplib::Request& request, httplib::Response& response) {
  const auto query = request.target.find('?');
  const std::string given = query == std::string::npos ? std::string() : request.target.substr(query + 1);
  response.set_redirect("/?" + given + (given.empty() ? "" : "&") + "papers=1", 303);
}

}  // namespace clubsearch::web
