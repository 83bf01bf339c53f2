// The search page's routes: the page itself, its Atom feed, its OpenSearch description
// and its embedded assets. They show refusals on the page (or as a JSON error for the
// feed) themselves.
#include <optional>
#include <string>

#include "api/params.h"
#include "api/search_params.h"
#include "page/page.h"
#include "page/page_request.h"
#include "query/result_json.h"
#include "web/assets.h"
#include "web/feed.h"
#include "web/handlers.h"
#include "web/responses.h"

namespace clubsearch::web {

using api::api_parameter;
using api::Params;
using api::read_search;
using api::request_of;

namespace {

constexpr std::size_t kFeedEntries = 50;

// "http://host:port" as the client addressed the server (for links in feeds).
std::string base_of(const httplib::Request& request) {
  std::string host = request.get_header_value("Host");
  // Only a plain host[:port]: anything else would make the links point elsewhere.
  if (host.empty() ||
      host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") !=
          std::string::npos)
    host = request.local_addr + ":" + std::to_string(request.local_port);
  return "http://" + host;
}

}  // namespace

void get_page(ServerState& server, const httplib::Request& request, httplib::Response& response) {
  std::optional<std::string> canonical;  // none for a query string that cannot be read
  try {
    canonical = Params(request.target).canonical();
  } catch (const HttpError&) {
    // An unreadable query string is refused on the page (page_content).
  }
  if (canonical) {
    if (const auto cached = server.cache.find(cache_key("page", server.searchers.epoch(), *canonical))) {
      send_page(response, *cached, 200);
      return;
    }
  }
  const auto [content, epoch] = server.searchers.with_searcher(
      [&](const query::Searcher& searcher) { return page::page_content(request.target, searcher); });
  const page::PageSite site{page::Hosting::server, asset_links()};
  send_page(response, page::render_page(content, site), content.error ? content.error->status : 200);
  if (!content.error && canonical) server.cache.add(cache_key("page", epoch, *canonical), response.body);
}

void get_feed(ServerState& server, const httplib::Request& request, httplib::Response& response) {
  PageState state;
  try {
    read_search(Params(request.target), state, false);
  } catch (const HttpError& error) {
    send_error(response, error);
    return;
  }
  PageState newest = state;
  newest.sort = "newest";
  newest.page = 1;
  newest.per_page = kFeedEntries;
  try {
    const query::SearchRequest search = request_of(newest);
    const auto result = server.searchers.with_searcher(
        [&](const query::Searcher& searcher) { return searcher.search(search); });
    response.set_header("Cache-Control", "no-cache");
    response.set_content(atom_feed(state, query::to_json(result.value), base_of(request)),
                         "application/atom+xml; charset=utf-8");
  } catch (const query::QueryError& error) {
    send_error(response, {400, error.what(), "q"});
  } catch (const query::RequestError& error) {
    send_error(response, {400, error.what(), api_parameter(error.parameter())});
  }
}

void get_opensearch(ServerState&, const httplib::Request& request, httplib::Response& response) {
  response.set_content(opensearch_description(base_of(request)), "application/opensearchdescription+xml");
}

void get_asset(ServerState&, const httplib::Request& request, httplib::Response& response) {
  const Asset* asset = find_asset(request.matches[1].str());
  if (asset == nullptr) {
    response.status = 404;
    return;  // the error handler writes the page
  }
  // A versioned link never changes; an unversioned one is checked each time.
  const bool versioned = request.has_param("v") && request.get_param_value("v") == asset->version;
  response.set_header("Cache-Control", versioned ? "public, max-age=31536000, immutable" : "no-cache");
  response.set_header("ETag", asset->etag);
  if (request.get_header_value("If-None-Match") == asset->etag) {
    response.status = 304;
    return;
  }
  response.set_content(asset->body.data(), asset->body.size(), asset->content_type);
}

}  // namespace clubsearch::web
