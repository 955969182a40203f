#pragma once
// POST /token: the resource-owner password grant (RFC 6749 §4.3) and the refresh_token grant
// (§6) with rotation and reuse detection (RFC 9700 §4.14.2). Every response, success or
// error, carries Cache-Control: no-store and Pragma: no-cache (§5.1, catalog TOKEN-02/03).
#include <chrono>
#include <cstdint>
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
  std::chrono::seconds leeway{0};  // the verifier's leeway on exp (expired_copy must exceed it)
};

// An access token signed again with its expiry already past (expired_copy): a token the server
// itself signed, refused by every resource for its exp alone.
struct ExpiredToken {
  std::string access_token;
  std::int64_t exp = 0;
};

// How long before now an expired copy expired, on top of the leeway: a minute, so that the
// refusal does not hinge on a clock tick and a student reading the payload sees a past time.
inline constexpr std::chrono::seconds expired_copy_age{60};

class TokenEndpoint {
 public:
  TokenEndpoint(TokenSettings settings, AccountStore& accounts, LoginThrottle& throttle,
                RefreshTokenStore& refresh_tokens, jose::Key signing_key, Clock clock);

  // The JSON success body, or the error to send (the caller maps it through error_response).
  [[nodiscard]] tl::expected<nlohmann::json, AuthError> handle(const httplib::Request& request) const;
  // The errors handle() answers in this endpoint's mode, named, for the OpenAPI examples.
  [[nodiscard]] std::vector<std::pair<std::string, AuthError>> documented_errors() const;

  // Whether a token request must name a client (strict: RFC 6749 §3.2.1); --compat fastapi
  // takes requests without one, as the tutorials send them.
  [[nodiscard]] bool requires_client() const { return settings_.compat == config::CompatMode::strict; }

  // POST /docs/expired-token: the claims of a verified access token (the caller's own) signed
  // again with a fresh jti and exp more than the leeway in the past, so that a class can see
  // how an expired token is refused (401 invalid_token). It grants nothing: no resource accepts
  // it, and it can't be exchanged for a live one (the refresh grant takes refresh tokens only).
  [[nodiscard]] tl::expected<ExpiredToken, AuthError> expired_copy(const jose::Claims& presented) const;

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
