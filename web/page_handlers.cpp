// The search page's routes: the page itself, its Atom feed, its OpenSearch description
// and its embedded assets. They show refusals on the page (or as a JSON error for the
// feed) themselves.
#include <optional>
#include <string>

#include "api/params.h"
#include "api/search_params.h"
#include "query/result_json.h"
#include "web/assets.h"
#include "web/feed.h"
#include "web/handlers.h"
#include "page/page.h"
#include "web/responses.h"

namespace clubsearch::web {

using api::api_parameter;
using api::check_page;
using api::Params;
using api::read_search;
using api::request_of;
using api::single;

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
  std::string key;
  try {
    key = cache_key("page", server.searchers.epoch(), Params(request.target).canonical());
  } catch (const HttpError&) {
    // An unreadable query string is reported below.
  }
  if (!key.empty()) {
    if (const auto cached = server.cache.find(key)) {
      send_page(response, *cached, 200);
      return;
    }
  }
  PageState state;
  nlohmann::json found;
  bool have_results = false;
  std::optional<page::PageError> refused;
  std::string related_title;
  try {
    const Params params(request.target);
    // papers=1: the papers view, a search of papers with their own filters and sorts.
    if (const auto papers = single(params, "papers")) state.papers = api::flag(*papers, "papers");
    read_search(params, state, false);
    state.related = single(params, "related").value_or("");
    std::uint64_t epoch = 0;
    if (!state.related.empty()) {
      auto [related, read_epoch] = server.searchers.with_searcher([&](const query::Searcher& searcher) {
        std::optional<query::SearchResult> listed = searcher.related(state.related, state.per_page);
        const std::optional<index::Record> record = searcher.record(state.related);
        return std::make_pair(std::move(listed), record ? record->title : std::string());
      });
      if (!related.first) throw HttpError{404, "no entry has the id '" + state.related + "'", "related"};
      related_title = related.second;
      found = query::to_json(*related.first);
      epoch = read_epoch;
    } else {
      const query::SearchRequest search = request_of(state);
      auto [result, read_epoch] = server.searchers.with_searcher(
          [&](const query::Searcher& searcher) { return searcher.search(search); });
      check_page(search, result);
      found = query::to_json(result);
      epoch = read_epoch;
    }
    key = cache_key("page", epoch, params.canonical());
    have_results = true;
  } catch (const HttpError& error) {
    refused = page::PageError{error.status, error.message, error.hint, error.position};
  } catch (const query::QueryError& error) {
    refused = page::PageError{400, error.what(), error.hint(), std::nullopt};
    if (error.position() != std::string::npos) refused->position = error.position();
  } catch (const query::RequestError& error) {
    refused = page::PageError{400, error.what(), {}, std::nullopt};
  }
  send_page(response,
            page::render_page(state, have_results ? &found : nullptr, refused ? &*refused : nullptr, asset_links(),
                        related_title),
            refused ? refused->status : 200);
  if (!refused && !key.empty()) server.cache.add(key, response.body);
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
