#pragma once
// A loopback server that misbehaves at the byte level, to prove the suite survives targets nobody
// here controls: every read it makes of a target is bounded in bytes and time (limits.hpp), and
// nothing a target sends crashes it or breaks its reports. Raw sockets, since cpp-httplib would
// refuse to send most of these. Test-only.
//
// Each request is answered by one Hostility: the one given to the constructor for every path, or
// else the one named by the path's first segment ("/endless-body/x" -> endless_body; unknown
// names -> record). Every request is recorded (bounded), so a test can tell whether credentials
// reached it. Every loop is bounded in count and time and ends within one tick of stop().
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace authprobe::conformance::testing {

enum class Hostility {
  record,                // a plain 200 with "{}", as a well-behaved server (and the redirect's other origin)
  endless_body,          // 200 without Content-Length, body bytes until the client leaves
  huge_body,             // 200 with a 256 MiB Content-Length, sent in full if read
  giant_header_line,     // one header field line of 1 MiB
  many_header_fields,    // 100,000 header fields
  endless_status_line,   // "HTTP/1.1 200 " and then status text that never ends
  trickle,               // a valid response, one byte per trickle interval
  silent,                // reads the request, never answers (on an https URL: a stalled TLS handshake)
  garbage,               // bytes that are not HTTP (or TLS) at once, then close
  bad_bytes,             // invalid UTF-8, NUL and markup in headers (WWW-Authenticate too) and in a JSON token response
  short_content_length,  // Content-Length smaller than the body sent
  long_content_length,   // Content-Length larger than the body sent, connection held open
  bogus_chunk_size,      // Transfer-Encoding: chunked with a chunk size that is not hex
  redirect_loop,         // 302 to the same path, forever
  redirect_elsewhere,    // 307 to another origin (set_redirect_origin)
  gzip_bomb,             // Content-Encoding: gzip, 64 KiB that inflate to 64 MiB
};

[[nodiscard]] std::string_view name_of(Hostility hostility);
[[nodiscard]] std::optional<Hostility> hostility_named(std::string_view name);
[[nodiscard]] const std::vector<Hostility>& every_hostility();

// What arrived, for the tests.
struct HostileRequest {
  std::string method;
  std::string target;
  bool authorization = false;  // an Authorization field was present
};

class HostileTarget {
public:
  // `every_path`: answer every request this way; nullopt: by the path's first segment.
  explicit HostileTarget(std::optional<Hostility> every_path = std::nullopt,
                         std::chrono::milliseconds trickle_interval = std::chrono::seconds(1));
  ~HostileTarget();
  HostileTarget(const HostileTarget&) = delete;
  HostileTarget& operator=(const HostileTarget&) = delete;

  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  [[nodiscard]] std::string tls_url() const { return "https://127.0.0.1:" + std::to_string(port_); }
  // Where redirect_elsewhere points (scheme://host:port); set before the first request.
  void set_redirect_origin(std::string origin);
  [[nodiscard]] std::vector<HostileRequest> requests() const;
  void stop();

private:
  struct Connection;
  void accept_loop();
  void serve(int fd);
  [[nodiscard]] Hostility hostility_for(std::string_view target) const;

  std::optional<Hostility> every_path_;
  std::chrono::milliseconds trickle_interval_;
  std::string redirect_origin_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::vector<HostileRequest> requests_;  // guarded by mutex_
  std::vector<std::unique_ptr<Connection>> connections_;  // acceptor thread only until joined in stop()
  std::thread acceptor_;
};

}  // namespace authprobe::conformance::testing
