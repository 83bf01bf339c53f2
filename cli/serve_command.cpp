// `clubsearch serve`: the JSON API (and, as it arrives, the search page) over HTTP. This
// command checks the options and finds the index, then becomes clubsearch-serve.
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <vector>

#include "cli/commands.h"
#include "cli/companion.h"
#include "cli/exit_codes.h"
#include "cli/global_options.h"
#include "cli/index_location.h"

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

}  // namespace

CLI::App* add_serve_command(CLI::App& app, ServeOptions& options) {
  CLI::App* command = app.add_subcommand("serve", "Serve the search page and its JSON API over HTTP");
  command->footer(
      "Routes: GET /api/search?q=...&section=...&source=...&kind=...&topic=...&tag=...&year=...\n"
      "&month=...&since=...&until=...&sort=relevance|newest|oldest&page=N&per_page=N&group=true,\n"
      "GET /api/entries/ID, GET /api/entries/ID/related?limit=N, GET /api/stats, GET /healthz,\n"
      "POST /api/reindex (with 'Authorization: Bearer TOKEN'; the token is $CLUBSEARCH_REINDEX_TOKEN\n"
      "or reindex_token in the config file; from this machine only unless --allow-remote-reindex).\n"
      "Errors are JSON objects {\"error\": {\"status\", \"message\", \"parameter\", ...}}.\n"
      "One line per request goes to stderr: method, path, status and milliseconds.\n"
      "Stop with Ctrl-C (SIGINT) or SIGTERM.\n\n"
      "Exit codes: 0 stopped by a signal; 2 bad arguments; 3 no index, index of another\n"
      "schema version, or the address cannot be bound.\n\n" +
      std::string(kMoreHelp));
  command->add_option("--listen", options.listen, "HOST:PORT to listen on (port 0: any free port)")
      ->capture_default_str();
  command->add_option("--threads", options.threads, "Searches at once (default: one per core, at least 2)")
      ->check(CLI::Range(1u, 256u));
  command->add_flag("--quiet", options.quiet, "No access log");
  command->add_option("--content", options.content,
                      "What POST /api/reindex indexes (default: the config file's `content`)");
  command->add_flag("--allow-remote-reindex", options.allow_remote_reindex,
                    "Take POST /api/reindex from other machines too (it always needs the token)");
  command->add_option("--allow-host", options.allowed_hosts,
                      "Answer requests whose Host header names NAME too (repeatable; on 127.0.0.1 only "
                      "this machine's names are answered by default: a reverse proxy's name goes here)")
      ->type_name("NAME")
      ->allow_extra_args(false);
  command->add_option("--allow-origin", options.allowed_origins,
                      "Let pages of ORIGIN (https://blog.example.org, as a browser sends it; * for any) read "
                      "the API's GET answers: the search box of a blog's theme pointed at this server "
                      "(repeatable; none by default)")
      ->type_name("ORIGIN")
      ->allow_extra_args(false)
      ->check(
          [](const std::string& origin) -> std::string {
            if (origin == "*") return {};
            const auto scheme = origin.find("://");
            const bool web = scheme != std::string::npos &&
                             (origin.compare(0, scheme, "http") == 0 || origin.compare(0, scheme, "https") == 0);
            if (web && scheme + 3 < origin.size() && origin.find_first_of("/?#", scheme + 3) == std::string::npos)
              return {};
            return "'" + origin + "' is not an origin: write http(s)://HOST[:PORT], without a path (https://blog.example.org), or *";
          },
          "ORIGIN");
  return command;
}

int run_serve(const GlobalOptions& global, const ServeOptions& options) {
  const Listen listen = parse_listen(options.listen);
  const std::filesystem::path index_dir = index_location(global.db, global.config);
  // The server is the program beside this one (see serve_main.cpp).
  const std::filesystem::path server = companion_program("clubsearch-serve");
  std::vector<std::string> arguments{server.string(), "--db",   index_dir.string(), "--host", listen.host,
                                     "--port",        std::to_string(listen.port)};
  if (options.threads > 0) arguments.insert(arguments.end(), {"--threads", std::to_string(options.threads)});
  if (options.quiet) arguments.push_back("--quiet");
  // POST /api/reindex indexes the configured content, with the token from the
  // environment or the config file (handed on in the environment, not the arguments).
  const std::string content = !options.content.empty()    ? std::filesystem::absolute(options.content).string()
                              : global.config.content ? std::filesystem::absolute(*global.config.content).string()
                                                      : std::string();
  if (!content.empty()) arguments.insert(arguments.end(), {"--content", content});
  if (options.allow_remote_reindex) arguments.push_back("--allow-remote-reindex");
  for (const std::string& host : options.allowed_hosts) arguments.insert(arguments.end(), {"--allow-host", host});
  for (const std::string& origin : options.allowed_origins)
    arguments.insert(arguments.end(), {"--allow-origin", origin});
  if (std::getenv("CLUBSEARCH_REINDEX_TOKEN") == nullptr && !global.config.reindex_token.empty())
    ::setenv("CLUBSEARCH_REINDEX_TOKEN", global.config.reindex_token.c_str(), 1);
  return become(server, std::move(arguments));
}

}  // namespace clubsearch::cli
