// The JSON API's routes: search, papers, entries, related entries, statistics, reindexing,
// health.
#include <algorithm>
#include <optional>
#include <string>

#include "api/answers.h"
#include "api/params.h"
#include "api/search_params.h"
#include "query/citation_items.h"
#include "query/result_json.h"
#include "web/handlers.h"
#include "web/indexer_process.h"
#include "web/responses.h"

namespace clubsearch::web {

using api::Params;

namespace {

bool is_loopback(const std::string& address) {
  return address.rfind("127.", 0) == 0 || address == "::1" || address.rfind("::ffff:127.", 0) == 0;
}

// Compares in time that does not depend on where the first difference is.
bool same_secret(const std::string& given, const std::string& expected) {
  unsigned char difference = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < given.size(); ++i)
    difference |=
        static_cast<unsigned char>(given[i] ^ expected[i % std::max<std::size_t>(expected.size(), 1)]);
  return difference == 0;
}

}  // namespace

namespace {

// A search of entries (/api/search) or of papers (/api/papers): its JSON, or with
// `format` the citations of its page as a file to download.
void answer_search(ServerState& server, const httplib::Request& request, httplib::Response& response,
                   bool papers) {
  const Params params(request.target);
  const char* route = papers ? "papers" : "api";
  if (const auto cached = server.cache.find(cache_key(route, server.searchers.epoch(), params.canonical()))) {
    send_cached(response, *cached, kJson);
    return;
  }
  api::PageState state;
  state.papers = papers;
  api::read_search(params, state, true);
  const query::SearchRequest search = api::request_of(state);
  std::vector<index::Record> cited;  // for a download: the hits' records read whole
  const auto [result, epoch] = server.searchers.with_searcher([&](const query::Searcher& searcher) {
    query::SearchResult found = searcher.search(search);
    if (!state.format.empty()) cited = searcher.whole_records(found.hits);
    return found;
  });
  api::check_page(search, result);
  if (!state.format.empty()) {
    const query::CitationFormat format = *query::citation_format(state.format);
    response.set_header("Content-Disposition", std::string("attachment; filename=\"clubsearch-") +
                                                   (papers ? "papers" : "results") +
                                                   std::string(query::citation_extension(format)) + "\"");
    response.set_content(query::format_citations(query::citation_items(cited), format),
                         std::string(query::citation_mime_type(format)) + "; charset=utf-8");
    return;
  }
  send_json(response, query::to_json(result));
  server.cache.add(cache_key(route, epoch, params.canonical()), response.body);
}

}  // namespace

void get_search(ServerState& server, const httplib::Request& request, httplib::Response& response) {
  answer_search(server, request, response, false);
}

void get_papers(ServerState& server, const httplib::Request& request, httplib::Response& response) {
  answer_search(server, request, response, true);
}

void get_entry(ServerState& server, const httplib::Request& request, httplib::Response& response) {
  api::refuse_unknown(Params(request.target), {});
  const std::string id = request.matches[1];
  const auto hit =
      server.searchers.with_searcher([&](const query::Searcher& searcher) { return searcher.entry(id); });
  if (!hit.value) throw api::unknown_entry(id);
  send_json(response, query::to_json(*hit.value));
}

void get_related(ServerState& server, const httplib::Request& request, httplib::Response& response) {
  const Params params(request.target);
  const std::size_t limit = api::related_limit(params);
  const std::string id = request.matches[1];
  const auto related = server.searchers.with_searcher(
      [&](const query::Searcher& searcher) { return searcher.related(id, limit); });
  if (!related.value) throw api::unknown_entry(id);
  send_json(response, query::to_json(*related.value));
}

void get_stats(ServerState& server, const httplib::Request& request, httplib::Response& response) {
  api::refuse_unknown(Params(request.target), {});
  const std::filesystem::path& index_dir = server.searchers.index_dir();
  const auto stats = server.searchers.with_searcher(
      [&](const query::Searcher& searcher) { return searcher.stats(index_dir); });
  send_json(response, query::to_json(stats.value, index_dir));
}

void post_reindex(ServerState& server, const httplib::Request& request, httplib::Response& response) {
  api::refuse_unknown(Params(request.target), {});
  const ServerOptions& options = server.options;
  if (options.indexer_command.empty())
    throw HttpError{404,
                    "reindexing is not set up: serve knows no content folder to index "
                    "(give --content, or `content` in the config file)"};
  if (!options.allow_remote_reindex && !is_loopback(request.remote_addr))
    throw HttpError{403, "reindexing is only taken from this machine (see --allow-remote-reindex)"};
  const std::string expected = "Bearer " + options.reindex_token;
  const std::string given = request.get_header_value("Authorization");
  if (options.reindex_token.empty() || !same_secret(given, expected)) {
    response.set_header("WWW-Authenticate", "Bearer realm=\"clubsearch\"");
    throw HttpError{
        401, options.reindex_token.empty()
                 ? "reindexing needs a token: set CLUBSEARCH_REINDEX_TOKEN or reindex_token in the config"
                 : "send the reindex token as 'Authorization: Bearer TOKEN'"};
  }
  // A run that finds another one writing queues itself (--queue), so that requests in
  // quick succession lose no change; the server follows the index it writes.
  start_indexer(options.indexer_command);
  send_json(response, nlohmann::json{{"status", "started"}, {"log", "the server's stderr"}}, 202);
}

void get_healthz(ServerState&, const httplib::Request&, httplib::Response& response) {
  send_json(response, nlohmann::json{{"status", "ok"}});
}

}  // namespace clubsearch::web
