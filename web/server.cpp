// The route table of `clubsearch serve`, and the HTTP server's set-up: threads, limits,
// timeouts, error and exception handlers, the access log.
#include "web/server.h"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <optional>
#include <regex>
#include <set>
#include <thread>

#include "query/searcher_pool.h"
#include "web/assets.h"
#include "web/handlers.h"
#include "web/response_cache.h"
#include "web/responses.h"
#include "api/answers.h"
#include "page/page.h"

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
    {Method::get, "/papers/?", get_papers_page, Refusals::handled},
    {Method::get, R"(/papers/([^/]+))", get_paper_page, Refusals::handled},
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

// The methods a path takes, for a 405's Allow header: "POST" for the reindex route,
// "GET, HEAD" for the others (unknown paths included: they are 404 to those).
std::string allowed_methods(const std::string& path) {
  for (const Route& route : kRoutes)
    if (route.method == Method::post && std::regex_match(path, std::regex(route.path))) return "POST";
  return "GET, HEAD";
}

// The name of a Host header, lowercased, without its port: "[::1]:8080" → "::1".
std::string host_name(std::string_view header) {
  std::string name;
  if (!header.empty() && header.front() == '[') {
    name = header.substr(1, header.find(']') - 1);
  } else {
    name = header.substr(0, header.rfind(':') == std::string_view::npos ? header.size() : header.rfind(':'));
  }
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

// localhost, *.localhost, 127.x.x.x and ::1: names of this machine only.
bool is_loopback_name(const std::string& name) {
  if (name == "localhost" || name == "::1" || name.ends_with(".localhost")) return true;
  return name.starts_with("127.") && name.find_first_not_of("0123456789.") == std::string::npos;
}

// The Access-Control-Allow-Origin a request gets (ServerOptions::allowed_origins): its
// Origin when that is allowed, "*" when any is; empty for none, for what is not a GET or
// HEAD of the API, and for a request without an Origin (not from a page of another site).
std::string allowed_origin(const httplib::Request& request, const ServerOptions& options) {
  if (options.allowed_origins.empty() || request.path.rfind("/api/", 0) != 0 ||
      (request.method != "GET" && request.method != "HEAD") || !request.has_header("Origin"))
    return {};
  const auto& allowed = options.allowed_origins;
  if (std::find(allowed.begin(), allowed.end(), "*") != allowed.end()) return "*";
  std::string origin = request.get_header_value("Origin");
  for (char& c : origin) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::find(allowed.begin(), allowed.end(), origin) != allowed.end() ? origin : std::string();
}

// Whether the server answers a request for this Host header (ServerOptions::allowed_hosts).
bool host_answered(const httplib::Request& request, const ServerOptions& options) {
  if (!request.has_header("Host")) return true;  // HTTP/1.0 clients; browsers always send one
  const bool loopback = is_loopback_name(options.host);
  if (!loopback && options.allowed_hosts.empty()) return true;
  const std::string name = host_name(request.get_header_value("Host"));
  return is_loopback_name(name) || name == options.host ||
         std::find(options.allowed_hosts.begin(), options.allowed_hosts.end(), name) != options.allowed_hosts.end();
}

// What the library would do with a request's body and ranges, bounded before it does it.
// No route takes a body, and the library reads a chunked one whole, without the payload
// limit, and one with neither Content-Length nor Transfer-Encoding until the client
// closes (such a request has no body: RFC 9112, 6.3). It also answers any number of
// ranges, each a copy of the content, in one response built in memory. Returns the
// refusal to send, if any; `request` is this server's own object, adjusted in place.
std::optional<HttpError> bound_request(httplib::Request& request, httplib::Response& response) {
  const std::string& method = request.method;
  if (method == "OPTIONS" || method == "TRACE" || method == "CONNECT") {
    response.set_header("Allow", allowed_methods(request.path));
    return HttpError{405, method + " is not allowed here"};
  }
  if (request.has_header("Transfer-Encoding")) {
    response.set_header("Connection", "close");
    return HttpError{411, "no route takes a request body; send none (or Content-Length)"};
  }
  if (!request.has_header("Content-Length") &&
      (method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE"))
    request.set_header("Content-Length", "0");
  // A single range is served (static files are read so); several are not worth a
  // multipart answer: the whole content is sent, as a server may (RFC 9110, 14.2).
  if (request.ranges.size() > 1) request.ranges.clear();
  return std::nullopt;
}

// Statuses the library sets on its own (404 for an unknown path, 414, 413, 400 for a
// request it cannot read) get a body too, unless a handler wrote one: a JSON error
// under /api/, a page a person reads elsewhere.
httplib::Server::HandlerResponse send_library_error(const httplib::Request& request,
                                                    httplib::Response& response) {
  if (!response.body.empty() || response.status == 304) return httplib::Server::HandlerResponse::Unhandled;
  // A method the library does not know ("BREW") fails its request line: 405, as for the
  // methods it knows and no route takes.
  static const std::set<std::string> kKnown{"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE",
                                            "PATCH", "PRI"};
  if (response.status == 400 && !request.method.empty() && !request.target.empty() &&
      kKnown.count(request.method) == 0) {
    response.status = 405;
    response.set_header("Allow", allowed_methods(request.target.substr(0, request.target.find('?'))));
  }
  const std::string message = response.status == 405   ? "the method '" + request.method + "' is not allowed here"
                              : response.status == 404 ? "no such page: " + request.path
                              : response.status == 414 ? "the address is too long"
                              : response.status == 413 ? "the request is too large"
                                                       : "the request cannot be served";
  if (request.path.rfind("/api/", 0) == 0 || request.target.rfind("/api/", 0) == 0) {
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
  std::atomic<bool> stopping = false;  // stop() was called
  std::atomic<bool> ran = false;       // run() has returned
  socket_t listening_socket = INVALID_SOCKET;  // the last socket the library set up to listen on

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
  // The library gives each connection a thread for as long as it is open, also while its
  // client sends its headers a byte at a time or keeps it idle: with few threads, a few
  // slow clients hold them all (16 did). Threads waiting on a socket cost a stack each and
  // nothing else (searches run on the searchers, not here), so there are many; beyond
  // them, connections wait in the listen queue. A server on the open internet belongs
  // behind a reverse proxy that buffers requests (docs/security.md).
  static constexpr std::size_t kConnectionThreads = 256;
  std::size_t connection_threads() const { return std::max(kConnectionThreads, 4 * searcher_count()); }

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
    http.set_socket_options([this](socket_t socket) {
      int yes = 1;
      setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
      listening_socket = socket;
    });
    http.set_payload_max_length(kMaxPayload);
    // A client that sends nothing for 5 s (in its headers or between requests) is dropped.
    http.set_read_timeout(std::chrono::seconds(5));
    http.set_write_timeout(std::chrono::seconds(10));
    http.set_keep_alive_timeout(5);
    http.set_error_handler(httplib::Server::HandlerWithResponse(send_library_error));
    http.set_exception_handler(send_exception);
    http.set_pre_routing_handler([this](const httplib::Request& given, httplib::Response& response) {
      request_started = std::chrono::steady_clock::now();
      // The request is this server's own object, there to be adjusted before routing.
      httplib::Request& request = const_cast<httplib::Request&>(given);
      refuse_brotli(request.headers);
      response.set_header("X-Content-Type-Options", "nosniff");
      if (!host_answered(request, options)) {
        send_error(response, {421, "this server does not answer for the host '" +
                                       host_name(request.get_header_value("Host")) +
                                       "' (serve --allow-host NAME answers for NAME too)"});
        return httplib::Server::HandlerResponse::Handled;
      }
      // The answer depends on the Origin header when origins are allowed: caches keep one per origin.
      if (!options.allowed_origins.empty() && request.path.rfind("/api/", 0) == 0) response.set_header("Vary", "Origin");
      if (const std::string origin = allowed_origin(request, options); !origin.empty())
        response.set_header("Access-Control-Allow-Origin", origin);
      if (const std::optional<HttpError> refusal = bound_request(request, response)) {
        send_error(response, *refusal);
        return httplib::Server::HandlerResponse::Handled;
      }
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
  // The library listens with a backlog of 5: a burst of new connections beyond that,
  // while every connection thread is busy, is refused. Listening again on the same
  // socket sets the backlog (Linux), here to the system's maximum.
  if (impl_->listening_socket != INVALID_SOCKET) ::listen(impl_->listening_socket, SOMAXCONN);
  impl_->bound = true;
  return port;
}

void Server::run() {
  if (!impl_->bound) bind();
  if (!impl_->stopping) impl_->http.listen_after_bind();
  impl_->ran = true;
}

void Server::stop() {
  impl_->stopping = true;
  // The library stops a server that is running, and ignores a stop that comes while it
  // starts (between bind and listen): wait for it to be running, or for run() to see the
  // stop and return without listening.
  while (!impl_->http.is_running() && !impl_->ran) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  impl_->http.stop();
}

}  // namespace clubsearch::web
