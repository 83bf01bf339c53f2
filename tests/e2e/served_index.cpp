// A `clubsearch serve` process for the end-to-end tests.
#include "tests/e2e/served_index.h"

#include <doctest/doctest.h>
#include <signal.h>

#include "tests/e2e/isolation.h"
#include "tests/support/eventually.h"

namespace clubsearch::test {

namespace {

constexpr std::string_view kListening = "http://127.0.0.1:";

std::vector<std::string> serve_command(const std::string& db, const std::vector<std::string>& extra) {
  std::vector<std::string> arguments{"--db", db, "serve", "--listen", "127.0.0.1:0"};
  arguments.insert(arguments.end(), extra.begin(), extra.end());
  return command(arguments);
}

}  // namespace

ServedIndex::ServedIndex(const std::string& db, const std::vector<std::string>& extra)
    : process_(serve_command(db, extra), files_ / "out", files_ / "err", isolated_environment(files_.path()),
               files_.path()) {
  const bool listening = eventually(
      [&] {
        const std::string out = read_file(files_ / "out");
        const auto at = out.find(kListening);
        if (at != std::string::npos && out.find('\n', at) != std::string::npos) {
          url_ = out.substr(at, out.find('\n', at) - at);
          port_ = std::stoi(url_.substr(kListening.size()));
          return true;
        }
        REQUIRE_MESSAGE(process_.running(), "the server ended: " << log());
        return false;
      },
      std::chrono::seconds(20));
  REQUIRE_MESSAGE(listening, "the server printed no URL in 20 s: " << log());
}

ServedIndex::~ServedIndex() {
  if (!stopped_) stop();
}

void ServedIndex::stop() {
  stopped_ = true;
  process_.kill(SIGTERM);
  const ProcessResult ended = process_.wait();
  CHECK_MESSAGE(ended.exit_code == 0, "serve ended with " << ended.exit_code << " / signal " << ended.signal);
}

httplib::Client ServedIndex::client() const {
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(std::chrono::seconds(20));
  client.set_url_encode(false);
  return client;
}

httplib::Result ServedIndex::get(const std::string& target, const httplib::Headers& headers) const {
  return client().Get(target, headers);
}

nlohmann::json ServedIndex::get_json(const std::string& target, int status) const {
  const httplib::Result response = get(target);
  REQUIRE(response);
  INFO(target << " → " << response->body);
  CHECK(response->status == status);
  CHECK(response->get_header_value("Content-Type") == "application/json");
  return nlohmann::json::parse(response->body);
}

std::string ServedIndex::log() const { return read_file(files_ / "err"); }

std::string ServedIndex::log_with(const std::string& part) const {
  std::string text;
  eventually([&] { return (text = log()).find(part) != std::string::npos; }, std::chrono::seconds(10),
             std::chrono::milliseconds(10));
  return text;
}

std::size_t ServedIndex::wait_for_total(const std::string& q, std::size_t total) const {
  std::size_t last = 0;
  eventually([&] {
    const httplib::Result response = get("/api/search?q=" + q);
    if (response && response->status == 200)
      last = nlohmann::json::parse(response->body)["total"].get<std::size_t>();
    return last == total;
  });
  return last;
}

}  // namespace clubsearch::test
