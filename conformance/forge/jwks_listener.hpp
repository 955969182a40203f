#pragma once
// A loopback HTTP listener that serves the attacker's JWKS and certificate and records every
// request it receives (catalog JWT-15: a server must not fetch keys named by the token, RFC 8725
// §3.10). It lives exactly as long as the object: the destructor stops and joins the server.
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "conformance/forge/forge_result.hpp"

namespace httplib {
class Server;
}

namespace authprobe::conformance::forge {

class JwksListener {
 public:
  inline static constexpr std::string_view jwks_path = "/jwks.json";
  inline static constexpr std::string_view certificate_path = "/cert.pem";

  // Binds 127.0.0.1 on an ephemeral port and starts serving on a background thread.
  [[nodiscard]] static Result<std::unique_ptr<JwksListener>> start(std::string jwks_json,
                                                                   std::string certificate_pem);
  ~JwksListener();
  JwksListener(const JwksListener&) = delete;
  JwksListener& operator=(const JwksListener&) = delete;

  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] std::string url(std::string_view path) const;
  // Requests of any method to any path, counted from start.
  [[nodiscard]] std::size_t fetch_count() const { return fetches_.load(); }
  [[nodiscard]] std::vector<std::string> fetched_paths() const;

 private:
  JwksListener();
  void record(const std::string& method, const std::string& path);

  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<std::size_t> fetches_{0};
  mutable std::mutex mutex_;
  std::vector<std::string> paths_;
};

}  // namespace authprobe::conformance::forge
