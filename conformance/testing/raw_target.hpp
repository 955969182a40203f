#pragma once
// A naive HTTP/1.1 server on raw loopback sockets, for the HTTP-layer flaws that cpp-httplib's own
// parser would refuse before any handler runs (e.g. an obs-fold, HTTP-04). It splits the head on
// CRLF, ignores continuation lines, frames bodies by Content-Length only, and hands each request
// to a handler that returns the response bytes. Test-only.
#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace authprobe::conformance::testing {

struct RawRequest {
  std::string method;
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;  // names and values trimmed
  std::string body;
  std::size_t connection = 0;  // which accepted connection carried it (0, 1, ...)
  [[nodiscard]] std::optional<std::string> header(std::string_view name) const;  // first, case-insensitive
};

// "HTTP/1.1 <status> X" with Content-Length and the given extra header lines.
[[nodiscard]] std::string raw_response(int status, const std::vector<std::string>& header_lines, const std::string& body);

class RawTarget {
public:
  using Handler = std::function<std::string(const RawRequest&)>;
  explicit RawTarget(Handler handler);
  ~RawTarget();
  RawTarget(const RawTarget&) = delete;
  RawTarget& operator=(const RawTarget&) = delete;

  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

private:
  void accept_loop();
  void serve_connection(int fd, std::size_t connection);

  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;
  std::vector<std::thread> connections_;  // touched by the acceptor thread only, joined in the destructor
};

}  // namespace authprobe::conformance::testing
