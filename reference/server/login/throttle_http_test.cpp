// Login throttling over HTTP (catalog BASIC-13, TOKEN-25; ASVS 4.0.3 V2.2.1): 429 with
// Retry-After past the allowance, at /profile (Basic) and /token, soft lockout only.
#include <string>

#include <catch2/catch.hpp>

#include "reference/server/testing/fixture_users.hpp"
#include "reference/server/testing/test_server.hpp"

using namespace authprobe::server::testing;

namespace {

constexpr int free_failures = 3;

TestServerSettings throttled(authprobe::config::CompatMode compat = authprobe::config::CompatMode::strict) {
  TestServerSettings s;
  s.compat = compat;
  s.login_throttle.account_failures = free_failures;
  s.login_throttle.address_failures = 1000;
  return s;
}

httplib::Headers auth(const std::string& value) { return {{"Authorization", value}}; }

std::chrono::seconds retry_after_of(const httplib::Result& r) {
  const std::string value = r->get_header_value("Retry-After");
  REQUIRE_FALSE(value.empty());
  return std::chrono::seconds(std::stoll(value));
}

}  // namespace

TEST_CASE("BASIC-13: wrong Basic passwords past the allowance get 429 with Retry-After; the lockout expires", "[http]") {
  TestServer ts(throttled());
  auto client = ts.client();
  for (int i = 0; i < free_failures; ++i) {
    const auto r = client.Get("/profile", auth(basic_auth("alice", "guess-" + std::to_string(i))));
    REQUIRE(r);
    CHECK(r->status == 401);
  }
  const auto refused = client.Get("/profile", auth(basic_auth("alice", "guess-x")));
  REQUIRE(refused);
  CHECK(refused->status == 429);
  CHECK(json_of(refused).at("error") == "too_many_requests");
  CHECK(refused->get_header_value("Cache-Control") == "no-store");
  const auto wait = retry_after_of(refused);
  CHECK(wait >= std::chrono::seconds(1));

  // Locked means locked: the right password is not even checked until the lockout ends ...
  const auto early = client.Get("/profile", auth(basic_auth("alice", password_of::alice)));
  REQUIRE(early);
  CHECK(early->status == 429);
  // ... and then it works (soft lockout).
  ts.advance_clock(wait);
  const auto later = client.Get("/profile", auth(basic_auth("alice", password_of::alice)));
  REQUIRE(later);
  CHECK(later->status == 200);
  CHECK(ts.server().exceptions_caught() == 0);
}

TEST_CASE("TOKEN-25: wrong passwords at /token past the allowance get 429; the right one works after Retry-After", "[http]") {
  TestServer ts(throttled());
  auto client = ts.client();
  for (int i = 0; i < free_failures; ++i) {
    const auto r = post_token(client, password_form("alice", "guess-" + std::to_string(i)));
    REQUIRE(r);
    CHECK(r->status == 400);
    CHECK(json_of(r).at("error") == "invalid_grant");
  }
  const auto refused = post_token(client, password_form("alice", password_of::alice));
  REQUIRE(refused);
  CHECK(refused->status == 429);
  CHECK(refused->get_header_value("Cache-Control") == "no-store");
  ts.advance_clock(retry_after_of(refused));
  const auto later = post_token(client, password_form("alice", password_of::alice));
  REQUIRE(later);
  CHECK(later->status == 200);
  // Other users were never affected.
  const auto bob = post_token(client, password_form("bob", password_of::bob));
  REQUIRE(bob);
  CHECK(bob->status == 200);
}

TEST_CASE("Basic and /token share one count per account", "[http]") {
  TestServer ts(throttled());
  auto client = ts.client();
  for (int i = 0; i < free_failures; ++i)
    (void)client.Get("/profile", auth(basic_auth("alice", "guess-" + std::to_string(i))));
  const auto r = post_token(client, password_form("alice", "guess"));
  REQUIRE(r);
  CHECK(r->status == 429);
}

TEST_CASE("An unknown user is throttled exactly like a real one (no enumeration)", "[http]") {
  TestServer ts(throttled());
  auto client = ts.client();
  std::vector<int> alice, zed;
  for (int i = 0; i <= free_failures; ++i) {
    const auto a = post_token(client, password_form("alice", "guess-" + std::to_string(i)));
    const auto z = post_token(client, password_form("zed", "guess-" + std::to_string(i)));
    REQUIRE(a);
    REQUIRE(z);
    alice.push_back(a->status);
    zed.push_back(z->status);
  }
  CHECK(alice == zed);
  CHECK(alice.back() == 429);
}

TEST_CASE("Spraying one password over many usernames from one address is throttled", "[http]") {
  TestServerSettings s;
  s.login_throttle.account_failures = 100;
  s.login_throttle.address_failures = 5;
  TestServer ts(s);
  auto client = ts.client();
  int first_429 = -1;
  for (int i = 0; i < 10 && first_429 < 0; ++i) {
    const auto r = post_token(client, password_form("user" + std::to_string(i), "Winter2024!"));
    REQUIRE(r);
    if (r->status == 429) first_429 = i;
  }
  CHECK(first_429 == 5);
}

TEST_CASE("In --compat fastapi the 429 keeps the detail shape and Retry-After", "[http]") {
  TestServer ts(throttled(authprobe::config::CompatMode::fastapi));
  auto client = ts.client();
  for (int i = 0; i < free_failures; ++i) (void)post_token(client, password_form("alice", "guess-" + std::to_string(i)));
  const auto r = post_token(client, password_form("alice", "guess"));
  REQUIRE(r);
  CHECK(r->status == 429);
  CHECK(json_of(r).contains("detail"));
  CHECK(retry_after_of(r) >= std::chrono::seconds(1));
}

TEST_CASE("With login_throttle off, 30 wrong passwords never get a 429 (benchmarks)", "[http]") {
  TestServerSettings s;
  s.login_throttle.enabled = false;
  TestServer ts(s);
  auto client = ts.client();
  int throttled_count = 0;
  for (int i = 0; i < 30; ++i) {
    const auto r = post_token(client, password_form("alice", "guess-" + std::to_string(i)));
    REQUIRE(r);
    if (r->status == 429) ++throttled_count;
  }
  CHECK(throttled_count == 0);
}
