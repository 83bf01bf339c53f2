// The handler of each route, named by its method and what it serves; server.cpp maps
// method and path to them.
#pragma once

#include <httplib.h>

#include "query/searcher_pool.h"
#include "web/response_cache.h"
#include "web/server.h"

namespace clubsearch::web {

// What the handlers share: the server's options, its searchers and its recent answers.
struct ServerState {
  const ServerOptions& options;
  query::SearcherPool& searchers;
  ResponseCache& cache;
};

// The API's handlers throw HttpError, query::QueryError and query::RequestError for a
// request they refuse, which the route table sends as JSON errors; the others answer
// every request themselves.
using Handler = void (*)(ServerState& server, const httplib::Request& request, httplib::Response& response);

// The JSON API (docs/api.md).
void get_search(ServerState& server, const httplib::Request& request, httplib::Response& response);
void get_papers(ServerState& server, const httplib::Request& request, httplib::Response& response);
void get_entry(ServerState& server, const httplib::Request& request, httplib::Response& response);
void get_related(ServerState& server, const httplib::Request& request, httplib::Response& response);
void get_stats(ServerState& server, const httplib::Request& request, httplib::Response& response);
void post_reindex(ServerState& server, const httplib::Request& request, httplib::Response& response);
void get_healthz(ServerState& server, const httplib::Request& request, httplib::Response& response);

// The search page, its feed, its OpenSearch description and its assets.
void get_page(ServerState& server, const httplib::Request& request, httplib::Response& response);
void get_feed(ServerState& server, const httplib::Request& request, httplib::Response& response);
void get_opensearch(ServerState& server, const httplib::Request& request, httplib::Response& response);
void get_asset(ServerState& server, const httplib::Request& request, httplib::Response& response);
// A paper's page (paper_handlers), and /papers: the search page's papers view.
void get_paper_page(ServerState& server, const httplib::Request& request, httplib::Response& response);
void get_papers_page(ServerState& server, const httplib::Request& request, httplib::Response& response);

}  // namespace clubsearch::web
