#include "reference/server/login/throttled_login.hpp"

#include <utility>

namespace authprobe::server {

tl::expected<Account, LoginRefusal> throttled_login(AccountStore& accounts, LoginThrottle& throttle,
                                                    const LoginAttempt& attempt) {
  if (auto wait = throttle.admit(attempt.username, attempt.client_address, attempt.now))
    return tl::unexpected(LoginRefusal{LoginFailure::throttled, *wait});
  auto account = accounts.check_password(attempt.username, attempt.password);
  if (account) {
    throttle.record_success(attempt.username);
    return std::move(*account);
  }
  // A disabled account's right password counts too: it must look like any other failure.
  if (account.error() != LoginFailure::busy)
    throttle.record_failure(attempt.username, attempt.client_address, attempt.now);
  return tl::unexpected(LoginRefusal{account.error(), {}});
}

AuthError too_many_failures(std::chrono::seconds retry_after) {
  AuthError error = make_error(AuthErrorKind::too_many_requests, "too many failed logins, retry later");
  error.retry_after = retry_after;
  return error;
}

}  // namespace authprobe::server
