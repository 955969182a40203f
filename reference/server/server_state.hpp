#pragma once
// Everything the route handlers share, built once by ReferenceServer::create and never
// reassigned while the server runs (keys parsed once, verifier state precomputed).
#include <atomic>
#include <optional>
#include <string>

#include "reference/config/server_config.hpp"
#include "reference/server/authenticate.hpp"
#include "reference/server/http/cors.hpp"
#include "reference/server/http/error_response.hpp"
#include "reference/server/login/account_store.hpp"
#include "reference/server/login/login_throttle.hpp"
#include "reference/server/login/password_gate.hpp"
#include "reference/server/server_log.hpp"
#include "reference/server/todo_store.hpp"
#include "reference/server/tokens/refresh_token_store.hpp"
#include "reference/server/tokens/token_endpoint.hpp"

namespace authprobe::server {

// The verifier's policy from the server settings (issuer, audience, leeway, at+jwt).
[[nodiscard]] jose::ValidationPolicy validation_policy(const config::ServerConfig& config);

struct ServerState {
  ServerState(config::ServerConfig config_in, config::UsersFile users, jose::Key signing_key, jose::KeySet keys,
              LogSink log_in, GateLimits gate_limits, std::size_t max_refresh_tokens, Clock clock,
              std::optional<std::filesystem::path> write_back);

  [[nodiscard]] ErrorContext context(Offer offer, std::string_view scope = {}) const {
    return {config.realm, config.compat, offer, scope};
  }

  config::ServerConfig config;
  LogSink log;
  PasswordGate gate;
  AccountStore accounts;
  LoginThrottle login_throttle;
  RefreshTokenStore refresh_tokens;
  Authenticator authenticator;
  TokenEndpoint token_endpoint;
  TodoStore todos;
  CorsPolicy cors;
  std::optional<std::string> jwks_json;  // only when the signing key is asymmetric
  // Set once by ReferenceServer::start before the first request; for the self-description.
  std::string base_url{};
  // The self-description shows the demo fixture's passwords (ServerOptions::show_demo_credentials).
  bool show_demo_credentials = false;
  std::atomic<unsigned> exceptions_caught{0};
};

}  // namespace authprobe::server
