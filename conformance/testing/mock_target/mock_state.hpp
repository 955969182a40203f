#pragma once
// Internals of the mock resource server shared by its source files: token validation
// (mock_tokens.cpp), resource handling (mock_target.cpp) and the routes with their flaws
// (mock_routes.cpp). Test-only.
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "conformance/testing/mock_target/mock_target.hpp"

namespace authprobe::conformance::mock_target {
namespace mock {

inline constexpr std::string_view issuer = "https://mock.authprobe.test";
inline constexpr std::string_view audience = "mock-api";
inline constexpr std::string_view strong_secret = "mock-secret-0123456789abcdefghijklmnopqrstuv";
inline constexpr std::string_view kid = "mock-key-1";
inline constexpr std::string_view cors_origin = "https://app.example";
inline constexpr std::int64_t ttl = 600;
inline constexpr std::size_t opaque_bytes = 24;            // an opaque token: 32 base64url characters
inline constexpr std::uint64_t opaque_seed_stride = 1000000;  // distinct seeds per second
inline constexpr std::int64_t long_ttl = 86400;
inline constexpr std::size_t max_depth = 64;
inline constexpr int ok = 200;
inline constexpr int temporary_redirect = 307;
inline constexpr int no_content = 204;
inline constexpr int bad_request = 400;
inline constexpr int unauthorized = 401;
inline constexpr int forbidden = 403;
inline constexpr int not_found = 404;
inline constexpr int payload_too_large = 413;
inline constexpr int server_error = 500;
inline constexpr int not_implemented = 501;
inline constexpr int unavailable = 503;

struct Outcome {
  Outcome() = default;
  Outcome(int s, std::string e) : status(s), error(std::move(e)) {}
  int status = ok;
  std::string error;  // RFC 6750 §3.1 code, empty when none
  std::string description;
  std::string subject;  // sub of an accepted token
};

struct User {
  std::string password;
  std::string scope;
  std::vector<std::string> roles;
  bool disabled = false;
};

[[nodiscard]] const std::map<std::string, User>& users();
[[nodiscard]] std::string lowered(std::string text);
// The value of the first field named `name` with every byte (httplib's get_header_value cuts at NUL).
[[nodiscard]] std::string field(const httplib::Request& req, const std::string& name);

}  // namespace mock

struct MockTarget::State {
  Flaws flaws;
  MockAlg alg = MockAlg::hs256;
  std::string secret;
  forge::PKey ec;
  mutable std::mutex mutex;                    // guards revoked and opaque
  std::set<std::string> revoked;               // access tokens revoked at /revoke
  std::map<std::string, std::pair<std::string, std::string>> opaque;  // opaque token -> user, scope
  std::atomic<int> logins_in_flight{0};
  std::atomic<std::uint64_t> opaque_counter{0};

  [[nodiscard]] std::string alg_name() const { return alg == MockAlg::hs256 ? "HS256" : "ES256"; }
  [[nodiscard]] bool scope_grants(std::string granted, const std::string& needed) const;
  [[nodiscard]] bool roles_grant(const nlohmann::json& roles, const std::string& role) const;
  [[nodiscard]] std::string mint(const std::string& user, const std::string& scope) const;
  [[nodiscard]] std::string issue_opaque(const std::string& user, const std::string& scope);
  [[nodiscard]] mock::Outcome check_opaque(const std::string& token, const std::string& needed) const;
  [[nodiscard]] bool signature_ok(const nlohmann::json& header, std::string_view input, const std::string& sig) const;
  [[nodiscard]] mock::Outcome check(std::string_view token, const std::string& needed) const;

  void refuse(httplib::Response& res, mock::Outcome outcome, bool token_sent, const std::string& needed) const;
  // Authenticates and authorizes `needed`; on success returns the subject, else answers the refusal.
  [[nodiscard]] std::optional<std::string> authorize(const httplib::Request& req, httplib::Response& res, const std::string& needed);
  void serve(const httplib::Request& req, httplib::Response& res, const std::string& needed);
  [[nodiscard]] bool password_matches(const std::string& user, std::string given) const;
  void token_endpoint(const httplib::Request& req, httplib::Response& res);
  void install(httplib::Server& svr);
};

}  // namespace authprobe::conformance::mock_target
