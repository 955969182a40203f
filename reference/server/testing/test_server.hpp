#pragma once
// A real ReferenceServer on an ephemeral loopback port, with the fixture users in a temp
// users file (removed afterwards), a random HS256 key and an adjustable clock.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "reference/config/server_config.hpp"
#include "reference/config/users.hpp"
#include "reference/jose/key.hpp"
#include "reference/server/reference_server.hpp"

namespace authprobe::server::testing {

struct TestServerSettings {
  config::CompatMode compat = config::CompatMode::strict;
  std::vector<std::string> cors_origins;
  unsigned hash_concurrency = 2;
  std::size_t password_queue_limit = 64;
  std::chrono::milliseconds password_queue_wait{10000};
  std::chrono::seconds access_token_ttl{900};
  std::chrono::seconds leeway{0};          // on exp and nbf (ServerConfig::leeway)
  std::optional<config::UsersFile> users;  // default: fixture_users(compat)
  std::size_t max_body_bytes = 64 * 1024;
  std::optional<jose::Key> signing_key;    // default: a random HS256 key
  unsigned worker_threads = 16;            // 0: the server's default pool (load tests)
  config::LoginThrottleConfig login_throttle;  // default: the server's defaults (on)
  std::optional<std::filesystem::path> refresh_token_state_file;
  bool show_demo_credentials = false;      // GET / shows the fixture passwords (ServerOptions)
};

// What TestServer configures, for tests that mint their own tokens [K].
inline constexpr std::string_view test_issuer = "http://127.0.0.1";
inline constexpr std::string_view test_audience = "authprobe-api";

class TestServer {
 public:
  explicit TestServer(TestServerSettings settings = {});
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  [[nodiscard]] ReferenceServer& server() { return *server_; }
  [[nodiscard]] std::uint16_t port() const { return server_->port(); }
  [[nodiscard]] httplib::Client client() const;
  [[nodiscard]] const std::filesystem::path& users_file() const { return users_file_; }
  // A copy of what the server logged so far (the server logs from its worker threads).
  [[nodiscard]] std::vector<std::string> log() const;
  // Moves the server's clock (token expiry) forward.
  void advance_clock(std::chrono::seconds by) { *clock_offset_ += by.count(); }

 private:
  std::filesystem::path dir_;
  std::filesystem::path users_file_;
  std::shared_ptr<std::atomic<std::int64_t>> clock_offset_ = std::make_shared<std::atomic<std::int64_t>>(0);
  struct Log {
    std::mutex mutex;
    std::vector<std::string> lines;
  };
  std::shared_ptr<Log> log_ = std::make_shared<Log>();
  std::unique_ptr<ReferenceServer> server_;
};

// "Basic " + base64(user ":" password) (RFC 7617 §2).
[[nodiscard]] std::string basic_auth(std::string_view user, std::string_view password);
// RFC 6749 §2.3.1: id and secret form-urlencoded, then Basic.
[[nodiscard]] std::string client_basic(std::string_view client_id, std::string_view secret);
// application/x-www-form-urlencoded component (Appendix B): unreserved kept, space as '+'.
[[nodiscard]] std::string form_encode(std::string_view value);

inline constexpr std::string_view form_type = "application/x-www-form-urlencoded";

// POST /token with `form_body`, client cli authenticated by Basic.
[[nodiscard]] httplib::Result post_token(httplib::Client& client, const std::string& form_body);
[[nodiscard]] httplib::Result post_token(httplib::Client& client, const std::string& form_body,
                                         const httplib::Headers& headers);
// "grant_type=password&username=..&password=.."
[[nodiscard]] std::string password_form(std::string_view user, std::string_view password);
// A fresh token response body for `user` (the grant must succeed).
[[nodiscard]] nlohmann::json login(httplib::Client& client, std::string_view user, std::string_view password,
                                   std::string_view scope = {});
[[nodiscard]] httplib::Headers bearer(std::string_view token);
[[nodiscard]] nlohmann::json json_of(const httplib::Result& result);
[[nodiscard]] std::string challenge_of(const httplib::Result& result);  // all WWW-Authenticate lines, joined by " | "

}  // namespace authprobe::server::testing
