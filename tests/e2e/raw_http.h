// Test support: HTTP spoken byte by byte over a plain socket, for the requests that
// cpp-httplib's own client never sends (no Content-Length, chunked bodies, many ranges,
// odd methods), as curl and hostile clients do.
#pragma once

#include <chrono>
#include <map>
#include <string>

namespace clubsearch::test {

struct RawResponse {
  int status = 0;  // 0: no status line came back
  std::multimap<std::string, std::string> headers;  // names lowercased
  std::string body;
  bool closed = false;  // the server closed the connection after it

  std::string header(const std::string& lowercase_name) const;
};

// A connection to 127.0.0.1:`port` that has sent `bytes` and is then left as it is (a
// slow or idle client); closed when destroyed.
class HeldConnection {
 public:
  HeldConnection(int port, const std::string& bytes);
  ~HeldConnection();
  HeldConnection(const HeldConnection&) = delete;
  HeldConnection& operator=(const HeldConnection&) = delete;
  // Whether the server still holds it open (it has neither closed it nor answered).
  bool open() const;

 private:
  int fd_ = -1;
};

// Connects to 127.0.0.1:`port`, sends `request` exactly as given, and reads one response
// (its body by Content-Length, or up to the close), waiting at most `limit` for it.
RawResponse raw_exchange(int port, const std::string& request,
                         std::chrono::milliseconds limit = std::chrono::seconds(30));

}  // namespace clubsearch::test
