#pragma once
// Who is asking: credentials from the request, checked. Authentication failures are decided
// here, before any authorization (catalog AUTHZ-03: 401 before 403).
//   - more than one Authorization field: 400 (RFC 9110 §5.3; catalog HTTP-01/02)
//   - Authorization plus access_token in the query or a form body: 400 invalid_request
//     (RFC 6750 §2, §3.1: one transmission method per request; catalog BEARER-12)
//   - access_token in the query alone is not supported: treated as no credentials
//     (RFC 9700 §4.3.2; catalog BEARER-13)
//   - a scheme the resource does not take: no credentials (RFC 6750 §3; catalog BEARER-07)
//   - Basic: wrong password, unknown or disabled user: one identical 401 (catalog BASIC-04)
//   - Bearer: verified with the keys parsed at start, then the user must still exist and be
//     active; a disabled or deleted user gets the same 401 invalid_token as a forged token.
#include <cstdint>
#include <functional>
#include <optional>

#include <httplib.h>
#include <tl/expected.hpp>

#include "reference/config/server_config.hpp"
#include "reference/jose/jwt.hpp"
#include "reference/server/http/auth_error.hpp"
#include "reference/server/http/error_response.hpp"
#include "reference/server/login/account_store.hpp"
#include "reference/server/login/login_throttle.hpp"

namespace authprobe::server {

enum class AuthMethod { basic, bearer };

struct Principal {
  Account account;
  AuthMethod method = AuthMethod::basic;
  std::optional<jose::Claims> claims;  // Bearer only
};

using Clock = std::function<std::int64_t()>;  // seconds since the epoch
[[nodiscard]] Clock system_clock_seconds();

class Authenticator {
 public:
  Authenticator(AccountStore& accounts, LoginThrottle& throttle, jose::JwtVerifier verifier,
                config::CompatMode compat, Clock clock);

  [[nodiscard]] tl::expected<Principal, AuthError> authenticate(const httplib::Request& request, Offer offer) const;

 private:
  [[nodiscard]] tl::expected<Principal, AuthError> check_basic(std::string_view user_id, std::string_view password,
                                                                   std::string_view client_address) const;
  [[nodiscard]] tl::expected<Principal, AuthError> check_bearer(std::string_view token) const;

  AccountStore& accounts_;
  LoginThrottle& throttle_;
  jose::JwtVerifier verifier_;
  config::CompatMode compat_;
  Clock clock_;
};

}  // namespace authprobe::server
