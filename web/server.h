// The HTTP server of `clubsearch serve`: the JSON API over the query layer (the same
// objects as `clubsearch --json`), health and statistics, with limits, errors of the
// right status, and an access log line per request. No search logic lives here.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace clubsearch::web {

struct ServerOptions {
  std::filesystem::path index_dir;
  std::string host = "127.0.0.1";
  int port = 8080;       // 0: any free port (the one bound is returned by bind())
  unsigned threads = 0;  // searches at once; 0: one per core, at least 2
  std::ostream* access_log = nullptr;  // one line per request; nullptr: none
  // POST /api/reindex: runs `indexer_command` (its argv) in the background. Refused
  // (404) when the command is empty, 401 without `Authorization: Bearer <token>` (or
  // with no token set), 403 from another machine unless allow_remote_reindex.
  std::vector<std::string> indexer_command;
  std::string reindex_token;
  bool allow_remote_reindex = false;
  // Host names a request's Host header may give besides this machine's own (localhost,
  // 127.x.x.x, ::1). A server on a loopback address answers only those (421 otherwise),
  // so that a page elsewhere cannot read it through a name of its own that resolves to
  // 127.0.0.1 (DNS rebinding). On another address the Host header is checked only when
  // names are given here (and the address itself is then a name it answers to).
  std::vector<std::string> allowed_hosts;
  // Origins (scheme://host[:port], lowercase; or "*", any) whose pages may read the API:
  // a GET or HEAD under /api/ from one of them gets Access-Control-Allow-Origin, so that
  // a blog's own theme can search this server. None by default; never POST /api/reindex.
  std::vector<std::string> allowed_origins;
};

// The address cannot be bound (in use, not local, not permitted).
class ListenError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Server {
 public:
  // Opens the index once per request thread; throws index::IndexUnavailableError or
  // index::SchemaMismatchError as the CLI's commands do.
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket and returns its port; throws ListenError.
  int bind();
  // Serves until stop() (from another thread or a signal handler's helper thread).
  void run();
  // Stops run(), also one that is starting (called before it listens: run() then
  // returns at once). Returns once run() has started listening or returned.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace clubsearch::web
