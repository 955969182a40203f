#include "reference/server/tokens/refresh_token_store.hpp"

#include <catch2/catch.hpp>

using namespace authprobe::server;

namespace {
constexpr std::int64_t t0 = 1700000000;
RefreshTokenStore store() { return RefreshTokenStore(std::chrono::seconds(60), 100); }
}  // namespace

TEST_CASE("Refresh tokens are long random strings, different every time", "[unit]") {
  auto s = store();
  const auto a = s.issue({"alice", "cli", "todos:read"}, t0);
  const auto b = s.issue({"alice", "cli", "todos:read"}, t0);
  CHECK(a != b);
  CHECK(a.size() >= 43);  // 256 bits in unpadded base64url
}

TEST_CASE("Rotation retires the old token and the successor works", "[unit]") {
  auto s = store();
  const auto r1 = s.issue({"alice", "cli", "todos:read"}, t0);
  const auto r2 = s.rotate(r1, "cli", t0);
  REQUIRE(r2);
  CHECK(s.inspect(*r2, "cli", t0).value().username == "alice");
}

TEST_CASE("Replaying a rotated token revokes the whole family (RFC 9700 4.14.2)", "[unit]") {
  auto s = store();
  const auto r1 = s.issue({"alice", "cli", "todos:read"}, t0);
  const auto r2 = s.rotate(r1, "cli", t0).value();
  CHECK(s.rotate(r1, "cli", t0).error() == RefreshError::reused);
  CHECK(s.rotate(r2, "cli", t0).error() == RefreshError::revoked);
}

TEST_CASE("A refresh token is bound to its client and expires", "[unit]") {
  auto s = store();
  const auto r1 = s.issue({"alice", "cli", "todos:read"}, t0);
  CHECK(s.inspect(r1, "other", t0).error() == RefreshError::wrong_client);
  CHECK(s.inspect(r1, "cli", t0 + 60).error() == RefreshError::expired);
  CHECK(s.inspect("never-issued", "cli", t0).error() == RefreshError::unknown);
}
