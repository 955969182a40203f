#include "reference/server/login/login_throttle.hpp"

#include <string>

#include <catch2/catch.hpp>

namespace {

using authprobe::config::LoginThrottleConfig;
using authprobe::server::LoginThrottle;
using std::chrono::seconds;

constexpr std::int64_t t0 = 1'700'000'000;
constexpr std::string_view here = "192.0.2.1";

LoginThrottleConfig small() {
  LoginThrottleConfig c;
  c.account_failures = 3;
  c.address_failures = 10;
  c.base_delay = seconds(2);
  c.max_delay = seconds(16);
  c.forget_after = seconds(60);
  c.max_tracked_keys = 16;
  return c;
}

void fail_times(LoginThrottle& t, std::string_view user, std::string_view address, int n, std::int64_t now) {
  for (int i = 0; i < n; ++i) t.record_failure(user, address, now);
}

}  // namespace

TEST_CASE("An account is admitted until its free failures are used, then refused with a retry time", "[unit]") {
  LoginThrottle t(small());
  fail_times(t, "alice", here, 2, t0);
  CHECK_FALSE(t.admit("alice", here, t0).has_value());
  t.record_failure("alice", here, t0);
  const auto wait = t.admit("alice", here, t0);
  REQUIRE(wait.has_value());
  CHECK(*wait >= seconds(2));  // base delay, rounded up to whole seconds
  CHECK_FALSE(t.admit("bob", "192.0.2.2", t0).has_value());  // other accounts from elsewhere are unaffected
}

TEST_CASE("Each failure past the allowance doubles the lockout, up to max_delay", "[unit]") {
  LoginThrottle t(small());
  std::int64_t now = t0;
  std::vector<std::int64_t> waits;
  for (int i = 0; i < 8; ++i) {
    t.record_failure("alice", here, now);
    if (auto wait = t.admit("alice", here, now)) {
      waits.push_back(wait->count());
      now += wait->count();  // the attacker waits out each lockout, then guesses again
    }
  }
  REQUIRE(waits.size() == 6);
  CHECK(waits[0] == 3);  // 2 s (+1 for the whole-second clock)
  CHECK(waits[1] == 5);
  CHECK(waits[2] == 9);
  CHECK(waits[3] == 17);
  CHECK(waits[4] == 17);  // capped at 16 s
  CHECK(waits[5] == 17);
}

TEST_CASE("A lockout is soft: it expires by itself and a success clears the account", "[unit]") {
  LoginThrottle t(small());
  fail_times(t, "alice", here, 3, t0);
  const auto wait = t.admit("alice", here, t0);
  REQUIRE(wait.has_value());
  CHECK_FALSE(t.admit("alice", here, t0 + wait->count()).has_value());
  t.record_success("alice");
  t.record_failure("alice", here, t0 + wait->count());
  CHECK_FALSE(t.admit("alice", here, t0 + wait->count()).has_value());  // the count started over
}

TEST_CASE("Refused attempts are not failures: hammering a locked account does not extend the lockout", "[unit]") {
  LoginThrottle t(small());
  fail_times(t, "alice", here, 3, t0);
  const auto first = t.admit("alice", here, t0);
  REQUIRE(first.has_value());
  for (int i = 0; i < 100; ++i) (void)t.admit("alice", here, t0 + 1);
  CHECK_FALSE(t.admit("alice", here, t0 + first->count()).has_value());
}

TEST_CASE("Spraying many usernames from one address is throttled by the address", "[unit]") {
  LoginThrottle t(small());
  for (int i = 0; i < 10; ++i) t.record_failure("user" + std::to_string(i), here, t0);
  CHECK(t.admit("someone-new", here, t0).has_value());
  CHECK_FALSE(t.admit("someone-new", "192.0.2.99", t0).has_value());
}

TEST_CASE("IPv6 clients are counted per /64", "[unit]") {
  LoginThrottle t(small());
  for (int i = 0; i < 10; ++i) t.record_failure("user" + std::to_string(i), "2001:db8:1:2::" + std::to_string(i + 1), t0);
  CHECK(t.admit("x", "2001:db8:1:2:ffff::1", t0).has_value());
  CHECK_FALSE(t.admit("x", "2001:db8:1:3::1", t0).has_value());
}

TEST_CASE("Tracked keys are capped and forgotten after forget_after", "[unit]") {
  LoginThrottle t(small());
  for (int i = 0; i < 1000; ++i) t.record_failure("user" + std::to_string(i), "198.51.100." + std::to_string(i % 250), t0 + i);
  CHECK(t.tracked_accounts() <= 16);
  CHECK(t.tracked_addresses() <= 16);
  const std::string huge(1 << 20, 'u');  // a 1 MiB username costs one 16-byte key
  t.record_failure(huge, here, t0);
  CHECK(t.tracked_accounts() <= 16);
  fail_times(t, "alice", here, 3, t0 + 2000);
  CHECK(t.admit("alice", here, t0 + 2000).has_value());
  CHECK_FALSE(t.admit("alice", here, t0 + 2000 + 60 + 17).has_value());  // forgotten, not locked
}

TEST_CASE("A disabled throttle admits everything and tracks nothing", "[unit]") {
  auto c = small();
  c.enabled = false;
  LoginThrottle t(c);
  fail_times(t, "alice", here, 50, t0);
  CHECK_FALSE(t.admit("alice", here, t0).has_value());
  CHECK(t.tracked_accounts() == 0);
}
