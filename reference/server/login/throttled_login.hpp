#pragma once
// The one login path shared by Basic-authenticated routes and the password grant: the
// throttle first (a throttled attempt costs no hash and reveals nothing about the password),
// then the password check, then the outcome is recorded.
#include <chrono>
#include <cstdint>
#include <string_view>

#include <tl/expected.hpp>

#include "reference/server/http/auth_error.hpp"
#include "reference/server/login/account_store.hpp"
#include "reference/server/login/login_throttle.hpp"

namespace authprobe::server {

struct LoginAttempt {
  std::string_view username;
  std::string_view password;
  std::string_view client_address;  // httplib's Request::remote_addr
  std::int64_t now = 0;             // seconds since the epoch (the server clock)
};

struct LoginRefusal {
  LoginFailure reason = LoginFailure::bad_credentials;
  std::chrono::seconds retry_after{0};  // throttled only
};

[[nodiscard]] tl::expected<Account, LoginRefusal> throttled_login(AccountStore& accounts, LoginThrottle& throttle,
                                                                  const LoginAttempt& attempt);

// 429 Too Many Requests with Retry-After (RFC 6585 §4); the same words whether or not the
// account exists.
[[nodiscard]] AuthError too_many_failures(std::chrono::seconds retry_after);

}  // namespace authprobe::server
