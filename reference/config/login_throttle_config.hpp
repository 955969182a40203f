#pragma once
// Login throttling settings (ASVS 4.0.3 V2.2.1; RFC 6819 §4.4.3.6; catalog BASIC-13, TOKEN-25),
// the "login_throttle" object of the server config file:
//   "login_throttle": {"enabled": true,
//                      "account_failures": 10,      // free failures per username, 1 .. 1000
//                      "address_failures": 100,     // free failures per client address, 1 .. 100000
//                      "base_delay_seconds": 1,     // first lockout, doubled per further failure
//                      "max_delay_seconds": 300,    // a lockout never lasts longer (soft lockout)
//                      "forget_after_seconds": 900, // a key with no failure for this long is dropped
//                      "max_tracked_keys": 10000}   // per table (accounts, addresses); oldest evicted
// Benchmarks switch it off ("enabled": false, or `authprobe serve --no-login-throttle`).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace authprobe::config {

class FieldReader;

struct LoginThrottleConfig {
  bool enabled = true;
  // The conformance suite logs in with wrong passwords on purpose (BASIC-03/04/06/08/09,
  // TOKEN-13 ...): a normal run stays below these, 120 guesses at one account do not.
  unsigned account_failures = 10;
  unsigned address_failures = 100;
  std::chrono::seconds base_delay{1};
  std::chrono::seconds max_delay{300};
  std::chrono::seconds forget_after{900};
  std::size_t max_tracked_keys = 10000;
};

namespace limits {
inline constexpr std::int64_t max_account_failures = 1000;
inline constexpr std::int64_t max_address_failures = 100000;
inline constexpr std::chrono::seconds max_throttle_delay{24 * 60 * 60};
inline constexpr std::int64_t min_tracked_keys = 16;
inline constexpr std::int64_t max_tracked_keys = 10'000'000;
}  // namespace limits

// Reads top["login_throttle"] (absent: defaults). Errors go to `top`.
void read_login_throttle(FieldReader& top, LoginThrottleConfig& out);

// The problem with a merged setting, as {JSON pointer, problem}; nullopt when fine.
struct SettingProblem {
  std::string pointer;
  std::string problem;
};
[[nodiscard]] std::optional<SettingProblem> login_throttle_problem(const LoginThrottleConfig& config);

}  // namespace authprobe::config
