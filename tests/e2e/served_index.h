// Test support: `clubsearch serve` running on an index, on a free 127.0.0.1 port, for a
// test to ask over HTTP.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/e2e/process.h"
#include "tests/support/temp_dir.h"

namespace clubsearch::test {

// `clubsearch --db DB serve --listen 127.0.0.1:0` with `extra` arguments, started in an
// isolated environment (tests/e2e/isolation.h) and ready once it has printed its URL;
// stopped with SIGTERM, its exit 0 checked, when destroyed.
class ServedIndex {
 public:
  explicit ServedIndex(const std::string& db, const std::vector<std::string>& extra = {});
  ~ServedIndex();
  ServedIndex(const ServedIndex&) = delete;
  ServedIndex& operator=(const ServedIndex&) = delete;

  const std::string& url() const noexcept { return url_; }
  int port() const noexcept { return port_; }
  BackgroundProcess& process() noexcept { return process_; }

  // A client of the server (20 s read timeout; targets sent as written, as a browser's
  // form sends them).
  httplib::Client client() const;
  httplib::Result get(const std::string& target, const httplib::Headers& headers = {}) const;
  // The JSON body of a GET, after checking its status and content type.
  nlohmann::json get_json(const std::string& target, int status = 200) const;

  // What the server has written to stderr: its request log.
  std::string log() const;
  // The log once it holds `part` (a request's line is written just after its response
  // is sent), or as it is after 10 s.
  std::string log_with(const std::string& part) const;

  // Polls /api/search until `q` has `total` results, 15 s at most; the last total.
  std::size_t wait_for_total(const std::string& q, std::size_t total) const;

  // Stops the server with SIGTERM and checks it exits 0 (the destructor does otherwise).
  // It finishes the requests it was answering first: after this, its log is complete.
  void stop();

 private:
  TempDir files_;
  BackgroundProcess process_;
  std::string url_;
  int port_ = 0;
  bool stopped_ = false;
};

}  // namespace clubsearch::test
