#pragma once
// POST /token: the resource-owner password grant (RFC 6749 §4.3) and the refresh_token grant
// (§6) with rotation and reuse detection (RFC 9700 §4.14.2). Every response, success or
// error, carries Cache-Control: no-store and Pragma: no-cache (§5.1, catalog TOKEN-02/03).
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include "reference/config/server_config.hpp"
#include "reference/jose/key.hpp"
#include "reference/parse/form.hpp"
#include "reference/server/authenticate.hpp"
#include "reference/server/login/account_store.hpp"
#include "reference/server/login/login_throttle.hpp"
#include "reference/server/tokens/refresh_token_store.hpp"

namespace authprobe::server {

struct TokenSettings {
  std::string issuer;
  std::string audience;
  std::chrono::seconds access_token_ttl{900};
  config::CompatMode compat = config::CompatMode::strict;
};

class TokenEndpoint {
 public:
  TokenEndpoint(TokenSettings settings, AccountStore& accounts, LoginThrottle& throttle,
                RefreshTokenStore& refresh_tokens, jose::Key signing_key, Clock clock);

  // The JSON success body, or the error to send (the caller maps it through error_response).
  [[nodiscard]] tl::expected<nlohmann::json, AuthError> handle(const httplib::Request& request) const;
  // The errors handle() answers in this endpoint's mode, named, for the OpenAPI examples.
  [[nodiscard]] std::vector<std::pair<std::string, AuthError>> documented_errors() const;

 private:
  struct Issue {
    Account account;
    std::string client_id;
    std::vector<std::string> scope;
    bool with_refresh_token = false;
    std::string refresh_token;  // set by the refresh grant (the rotated successor)
  };

  [[nodiscard]] tl::expected<nlohmann::json, AuthError> tutorial_form(const httplib::Request& request) const;
  [[nodiscard]] tl::expected<nlohmann::json, AuthError> password_grant(const parse::FormParams& form,
                                                                       const std::optional<config::Client>& client,
                                                                       std::string_view client_address) const;
  [[nodiscard]] tl::expected<nlohmann::json, AuthError> refresh_grant(const parse::FormParams& form,
                                                                      const std::optional<config::Client>& client) const;
  [[nodiscard]] tl::expected<nlohmann::json, AuthError> issue(Issue issue) const;

  TokenSettings settings_;
  AccountStore& accounts_;
  LoginThrottle& throttle_;
  RefreshTokenStore& refresh_tokens_;
  jose::Key signing_key_;
  Clock clock_;
};

inline constexpr std::string_view grant_password = "password";
inline constexpr std::string_view grant_refresh_token = "refresh_token";

}  // namespace authprobe::server
