#include "tests/e2e/raw_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <stdexcept>

namespace clubsearch::test {

std::string RawResponse::header(const std::string& lowercase_name) const {
  const auto found = headers.find(lowercase_name);
  return found == headers.end() ? std::string() : found->second;
}

namespace {

// The status line and headers at the start of `data` into `out`: where the body starts,
// or npos while they are not all there.
std::size_t read_head(const std::string& data, RawResponse& out) {
  const auto end = data.find("\r\n\r\n");
  if (end == std::string::npos) return std::string::npos;
  out.status = 0;
  out.headers.clear();
  for (std::size_t line_start = 0; line_start < end;) {
    const std::size_t line_end = data.find("\r\n", line_start);
    const std::string line = data.substr(line_start, line_end - line_start);
    if (line_start == 0) {
      if (line.rfind("HTTP/1.", 0) != 0 || line.size() < 12) throw std::runtime_error("bad status line: " + line);
      out.status = std::stoi(line.substr(9, 3));
    } else if (const auto colon = line.find(':'); colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      out.headers.emplace(name, value);
    }
    line_start = line_end + 2;
  }
  return end + 4;
}

int connect_to(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
  }
  return fd;
}

void send_all(int fd, const std::string& bytes) {
  for (std::size_t sent = 0; sent < bytes.size();) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may answer and close before reading it all
    sent += static_cast<std::size_t>(n);
  }
}

}  // namespace

HeldConnection::HeldConnection(int port, const std::string& bytes) : fd_(connect_to(port)) { send_all(fd_, bytes); }

HeldConnection::~HeldConnection() { ::close(fd_); }

bool HeldConnection::open() const {
  pollfd wait{fd_, POLLIN, 0};
  return ::poll(&wait, 1, 0) == 0;  // nothing to read: no answer, no close
}

RawResponse raw_exchange(int port, const std::string& request, std::chrono::milliseconds limit) {
  const int fd = connect_to(port);
  send_all(fd, request);
  std::string data;
  RawResponse response;
  std::size_t body = std::string::npos;
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    if (body == std::string::npos) body = read_head(data, response);
    const std::string length = response.header("content-length");
    if (body != std::string::npos && !length.empty() && data.size() >= body + std::stoul(length)) {
      response.body = data.substr(body, std::stoul(length));
      break;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd wait{fd, POLLIN, 0};
    if (left.count() <= 0 || ::poll(&wait, 1, static_cast<int>(left.count())) <= 0) break;
    char buffer[65536];
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) {
      response.closed = true;
      break;
    }
    data.append(buffer, static_cast<std::size_t>(n));
  }
  // Without a Content-Length, the body is what came before the close.
  if (body != std::string::npos && response.body.empty()) response.body = data.substr(body);
  ::close(fd);
  return response;
}

}  // namespace clubsearch::test
