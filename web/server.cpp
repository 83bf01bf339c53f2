// The route table of `clubsearch serve`, and the HTTP server's set-up: threads, limits,
// timeouts, error and exception handlers, the access log.
#include "web/server.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

#include "query/searcher_pool.h"
#include "web/assets.h"
#include "web/handlers.h"
#include "page/page.h"
#include "web/response_cache.h"
#include "web/responses.h"
#include "api/answers.h"

namespace clubsearch::web {

namespace {

constexpr std::size_t kMaxPayload = 64 * 1024;  // no route takes a body
constexpr std::size_t kCacheBytes = 64u << 20;  // recent pages and API answers

enum class Method { get, post };

// The API's handlers throw their refusals, which are sent as JSON errors; the others
// answer every request themselves.
enum class Refusals { sent_as_json, handled };

struct Route {
  Method method;
  const char* path;  // a regular expression matching the whole path
  Handler handler;
  Refusals refusals;
};

// Every route in one place. A GET route answers HEAD too (the library sends its headers
// without the body).
constexpr Route kRoutes[] = {
    {Method::get, "/api/search", get_search, Refusals::sent_as_json},
    {Method::get, "/api/papers", get_papers, Refusals::sent_as_json},
    {Method::get, R"(/api/entries/([^/]+))", get_entry, Refusals::sent_as_json},
    {Method::get, R"(/api/entries/([^/]+)/related)", get_related, Refusals::sent_as_json},
    {Method::get, "/api/stats", get_stats, Refusals::sent_as_json},
    {Method::post, "/api/reindex", post_reindex, Refusals::sent_as_json},
    {Method::get, "/healthz", get_healthz, Refusals::handled},
    {Method::get, "/", get_page, Refusals::handled},
    {Method::get, "/feed.atom", get_feed, Refusals::handled},
    {Method::get, "/opensearch.xml", get_opensearch, Refusals::handled},
    {Method::get, R"(/assets/([^/]+))", get_asset, Refusals::handled},
};

// Runs an API handler, turning every refusal (and every failure) into its JSON error.
void answer_api(Handler handler, ServerState& server, const httplib::Request& request,
                httplib::Response& response) {
  try {
    handler(server, request, response);
  } catch (...) {
    send_error(response, api::answer_of(std::current_exception()));
  }
}

// Answers are gzipped, never Brotli-compressed: the library compresses Brotli at its
// highest quality, about 27 ms for a 37 KB page against under 1 ms for gzip, on every
// response, cached or not. It picks Brotli whenever a client offers it (every browser
// does) and has no setting for it, so "br" is taken out of the offer before the library
// reads it.
void refuse_brotli(httplib::Headers& headers) {
  const auto [first, last] = headers.equal_range("Accept-Encoding");  // names compare ignoring case
  for (auto header = first; header != last; ++header) {
    std::string offered;
    std::string_view rest = header->second;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      std::string_view coding = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      const auto start = coding.find_first_not_of(' ');
      if (start == std::string_view::npos) continue;
      coding = coding.substr(start);
      if (coding.substr(0, 2) == "br" && (coding.size() == 2 || coding[2] == ';' || coding[2] == ' '))
        continue;
      offered += (offered.empty() ? "" : ", ") + std::string(coding);
    }
    header->second = offered;
  }
}

// Statuses the library sets on its own (404 for an unknown path, 414, 413, 400 for a
// request it cannot read) get a body too, unless a handler wrote one: a JSON error
// under /api/, a page a person reads elsewhere.
httplib::Server::HandlerResponse send_library_error(const httplib::Request& request,
                                                    httplib::Response& response) {
  if (!response.body.empty() || response.status == 304) return httplib::Server::HandlerResponse::Unhandled;
  const std::string message = response.status == 404   ? "no such page: " + request.path
                              : response.status == 414 ? "the address is too long"
                              : response.status == 413 ? "the request is too large"
                                                       : "the request cannot be served";
  if (request.path.rfind("/api/", 0) == 0) {
    send_error(response, {response.status, message});
  } else {
    page::PageContent content;
    content.error = page::PageError{response.status, message, {}, std::nullopt};
    send_page(response, page::render_page(content, {page::Hosting::server, asset_links()}), response.status);
  }
  return httplib::Server::HandlerResponse::Handled;
}

// What a handler threw beyond its refusals: the index cannot be read, or a bug.
void send_exception(const httplib::Request&, httplib::Response& response, std::exception_ptr error) {
  HttpError failure = api::answer_of(std::move(error));
  if (failure.status < 500) failure = {500, "internal error: " + failure.message};
  send_error(response, failure);
}

std::string elapsed_ms(std::chrono::steady_clock::time_point since) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f",
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count());
  return buffer;
}

thread_local std::chrono::steady_clock::time_point request_started;

}  // namespace

struct Server::Impl {
  ServerOptions options;
  query::SearcherPool searchers;
  ResponseCache cache{kCacheBytes};
  ServerState state{options, searchers, cache};
  httplib::Server http;
  std::mutex log_mutex;
  bool bound = false;

  explicit Impl(ServerOptions given)
      : options(std::move(given)), searchers(options.index_dir, searcher_count()) {
    set_up();
    add_routes();
  }

  // Searches run on at most one thread per core (or --threads): more would only take
  // turns on the cores, each with a Searcher's memory.
  std::size_t searcher_count() const {
    if (options.threads > 0) return options.threads;
    return std::max(2u, std::thread::hardware_concurrency());
  }
  // A connection holds its thread while it is kept alive, so there are more connection
  // threads than searchers: an idle kept-alive connection must not stall the others.
  std::size_t connection_threads() const { return std::max<std::size_t>(16, 4 * searcher_count()); }

  void add_routes() {
    for (const Route& route : kRoutes) {
      httplib::Server::Handler handler = [this, route](const httplib::Request& request,
                                                       httplib::Response& response) {
        if (route.refusals == Refusals::sent_as_json)
          answer_api(route.handler, state, request, response);
        else
          route.handler(state, request, response);
      };
      if (route.method == Method::get)
        http.Get(route.path, std::move(handler));
      else
        http.Post(route.path, std::move(handler));
    }
    // Another method on a route is 405 with the methods it takes, not 404.
    const auto use_get = [](const httplib::Request& request, httplib::Response& response) {
      response.set_header("Allow", "GET, HEAD");
      send_error(response, {405, request.method + " is not allowed here; use GET"});
    };
    const auto use_post = [](const httplib::Request&, httplib::Response& response) {
      response.set_header("Allow", "POST");
      send_error(response, {405, "GET is not allowed here; use POST"});
    };
    for (const Route& route : kRoutes) {
      if (route.method == Method::post) {
        http.Get(route.path, use_post);
        continue;
      }
      http.Post(route.path, use_get);
      http.Put(route.path, use_get);
      http.Delete(route.path, use_get);
      http.Patch(route.path, use_get);
    }
  }

  void set_up() {
    http.new_task_queue = [threads = connection_threads()] { return new httplib::ThreadPool(threads); };
    // Responses go out at once: without TCP_NODELAY, a kept-alive connection waits for
    // the client's delayed ACK (40 ms) between a response's header and body.
    http.set_tcp_nodelay(true);
    http.set_keep_alive_max_count(1000);
    // SO_REUSEADDR only: the library's default adds SO_REUSEPORT, with which a second
    // server on a taken port would share it silently instead of failing.
    http.set_socket_options([](socket_t socket) {
      int yes = 1;
      setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    http.set_payload_max_length(kMaxPayload);
    http.set_read_timeout(std::chrono::seconds(10));
    http.set_write_timeout(std::chrono::seconds(10));
    http.set_keep_alive_timeout(5);
    http.set_error_handler(httplib::Server::HandlerWithResponse(send_library_error));
    http.set_exception_handler(send_exception);
    http.set_pre_routing_handler([](const httplib::Request& request, httplib::Response& response) {
      request_started = std::chrono::steady_clock::now();
      // The request is this server's own object, there to be adjusted before routing.
      refuse_brotli(const_cast<httplib::Request&>(request).headers);
      response.set_header("X-Content-Type-Options", "nosniff");
      return httplib::Server::HandlerResponse::Unhandled;
    });
    if (options.access_log != nullptr)
      http.set_logger([this](const httplib::Request& request, const httplib::Response& response) {
        const std::string line = request.method + " " + request.target + " " +
                                 std::to_string(response.status) + " " + elapsed_ms(request_started) +
                                 " ms\n";
        const std::lock_guard lock(log_mutex);
        *options.access_log << line << std::flush;
      });
  }
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Server::~Server() = default;

int Server::bind() {
  const ServerOptions& options = impl_->options;
  int port = options.port;
  if (port == 0) {
    port = impl_->http.bind_to_any_port(options.host);
    if (port < 0) throw ListenError("cannot listen on " + options.host + ": no free port");
  } else if (!impl_->http.bind_to_port(options.host, port)) {
    throw ListenError("cannot listen on " + options.host + ":" + std::to_string(port) +
                      ": the port is in use, or the address is not this machine's");
  }
  impl_->bound = true;
  return port;
}

void Server::run() {
  if (!impl_->bound) bind();
  impl_->http.listen_after_bind();
}

void Server::stop() { impl_->http.stop(); }

}  // namespace clubsearch::web
