// `clubsearch serve`: the JSON API (and, as it arrives, the search page) over HTTP.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/index_location.h"
#include "web/server.h"

namespace clubsearch::cli {

namespace {

struct Listen {
  std::string host;
  int port = 0;
};

// "HOST:PORT", "[IPv6]:PORT", or a bare PORT (on 127.0.0.1). Port 0 takes any free one.
Listen parse_listen(const std::string& text) {
  const auto fail = [&] {
    return CLI::ValidationError("--listen", "'" + text + "' is not HOST:PORT (e.g. 127.0.0.1:8080, or 0 for any free port)");
  };
  Listen listen{"127.0.0.1", 0};
  std::string port = text;
  if (const auto colon = text.rfind(':'); colon != std::string::npos) {
    listen.host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (listen.host.size() >= 2 && listen.host.front() == '[' && listen.host.back() == ']')
      listen.host = listen.host.substr(1, listen.host.size() - 2);
    if (listen.host.empty()) throw fail();
  }
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) throw fail();
  listen.port = std::stoi(port);
  if (listen.port > 65535) throw fail();
  return listen;
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

std::string url_of(const Listen& listen, int port) {
  const std::string host = listen.host.find(':') != std::string::npos ? "[" + listen.host + "]" : listen.host;
  return "http://" + host + ":" + std::to_string(port) + "/";
}

}  // namespace

CLI::App* add_serve_command(CLI::App& app, ServeOptions& options) {
  CLI::App* command = app.add_subcommand("serve", "Serve the search page and its JSON API over HTTP");
  command->footer(
      "Routes: GET /api/search?q=...&section=...&source=...&kind=...&topic=...&tag=...&year=...\n"
      "&month=...&since=...&until=...&sort=relevance|newest|oldest&page=N&per_page=N&group=true,\n"
      "GET /api/entries/ID, GET /api/entries/ID/related?limit=N, GET /api/stats, GET /healthz.\n"
      "Errors are JSON objects {\"error\": {\"status\", \"message\", \"parameter\", ...}}.\n"
      "One line per request goes to stderr: method, path, status and milliseconds.\n"
      "Stop with Ctrl-C (SIGINT) or SIGTERM.\n\n"
      "Exit codes: 0 stopped by a signal; 2 bad arguments; 3 no index, index of another\n"
      "schema version, or the address cannot be bound.");
  command->add_option("--listen", options.listen, "HOST:PORT to listen on (port 0: any free port)")
      ->capture_default_str();
  command->add_option("--threads", options.threads, "Request threads (default: one per core, at least 2)")
      ->check(CLI::Range(1u, 256u));
  command->add_flag("--quiet", options.quiet, "No access log");
  return command;
}

int run_serve(const GlobalOptions& global, const ServeOptions& options) {
  const Listen listen = parse_listen(options.listen);
  web::ServerOptions server_options;
  server_options.index_dir = index_location(global.db, global.config);
  server_options.host = listen.host;
  server_options.port = listen.port;
  server_options.threads = options.threads;
  server_options.access_log = options.quiet ? nullptr : &std::cerr;

  // SIGINT and SIGTERM stop the server from a thread of their own: blocked here, before
  // any request thread starts, so that every thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  web::Server server(server_options);
  int port = 0;
  try {
    port = server.bind();
  } catch (const web::ListenError& error) {
    std::cerr << "clubsearch: " << error.what() << "\n";
    return kExitFailed;
  }
  std::atomic<bool> signalled = false;
  std::thread watcher([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    signalled = true;
    server.stop();
  });
  if (!is_loopback(listen.host))
    std::cerr << "clubsearch: listening on " << listen.host << ", beyond this machine\n";
  std::cout << "Serving " << server_options.index_dir.string() << " at " << url_of(listen, port) << std::endl;
  server.run();
  if (!signalled) pthread_kill(watcher.native_handle(), SIGTERM);
  watcher.join();
  return kExitOk;
}

}  // namespace clubsearch::cli
