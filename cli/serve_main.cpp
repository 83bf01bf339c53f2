// clubsearch-serve: the process `clubsearch serve` becomes. The server lives in an
// executable of its own so that the HTTP library and what it loads (TLS, compression)
// cost nothing to every other command's start; `clubsearch serve` checks its options,
// finds the index, and replaces itself with this program (same process, same pid).
#include <pthread.h>
#include <signal.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/exit_codes.h"
#include "index/open_index.h"
#include "web/server.h"

namespace {

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

std::string url_of(const std::string& host, int port) {
  return "http://" + (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port) +
         "/";
}

int fail(const std::string& message) {
  std::cerr << "clubsearch: " << message << "\n";
  return clubsearch::cli::kExitFailed;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace clubsearch;
  CLI::App app("The server of `clubsearch serve`; run that instead, which finds the index and checks the options",
               "clubsearch-serve");
  web::ServerOptions options;
  std::string index_dir;
  bool quiet = false;
  app.add_option("--db", index_dir, "Index directory")->required();
  app.add_option("--host", options.host, "Address to listen on")->required();
  app.add_option("--port", options.port, "Port (0: any free one)")->required()->check(CLI::Range(0, 65535));
  app.add_option("--threads", options.threads, "Searches at once (0: one per core, at least 2)");
  app.add_flag("--quiet", quiet, "No access log");
  std::string content;
  app.add_option("--content", content, "What POST /api/reindex indexes (none: it is not offered)");
  app.add_flag("--allow-remote-reindex", options.allow_remote_reindex,
               "Take POST /api/reindex from other machines too");
  app.add_option("--allow-host", options.allowed_hosts, "A Host header name answered besides this machine's");
  app.add_option("--allow-origin", options.allowed_origins, "An origin whose pages may read the API (or *)");
  CLI11_PARSE(app, argc, argv);
  options.index_dir = index_dir;
  for (auto* names : {&options.allowed_hosts, &options.allowed_origins})
    for (std::string& name : *names)
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // The reindex token comes from the environment (clubsearch serve puts the config's
  // there), never the command line, which other users can read.
  if (const char* token = std::getenv("CLUBSEARCH_REINDEX_TOKEN")) options.reindex_token = token;
  if (!content.empty()) {
    std::error_code error;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    const std::filesystem::path clubsearch = (error ? std::filesystem::path(".") : self.parent_path()) / "clubsearch";
    options.indexer_command = {clubsearch.string(), "--db", index_dir, "index", content, "--queue", "--quiet"};
  }
  options.access_log = quiet ? nullptr : &std::cerr;

  // SIGINT and SIGTERM stop the server from a thread of their own: blocked here, before
  // any request thread starts, so that every thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  try {
    web::Server server(options);
    const int port = server.bind();
    std::atomic<bool> signalled = false;
    std::thread watcher([&] {
      int signal = 0;
      sigwait(&stop_signals, &signal);
      signalled = true;
      server.stop();
    });
    if (!is_loopback(options.host))
      std::cerr << "clubsearch: listening on " << options.host << ", beyond this machine\n";
    std::cout << "Serving " << index_dir << " at " << url_of(options.host, port) << std::endl;
    server.run();
    if (!signalled) pthread_kill(watcher.native_handle(), SIGTERM);
    watcher.join();
    return cli::kExitOk;
  } catch (const web::ListenError& error) {
    return fail(error.what());
  } catch (const index::IndexUnavailableError& error) {
    return fail(error.what());
  } catch (const index::SchemaMismatchError& error) {
    return fail(error.what());
  } catch (const Xapian::Error& error) {
    return fail("index error: " + error.get_description());
  } catch (const std::exception& error) {
    return fail(error.what());
  }
}
