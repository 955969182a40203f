// --compat fastapi: the FastAPI tutorials' shapes, side by side with strict.
#include <catch2/catch.hpp>

#include "reference/server/testing/fixture_users.hpp"
#include "reference/server/testing/test_server.hpp"

using namespace authprobe::server::testing;

namespace {
TestServerSettings fastapi() {
  TestServerSettings settings;
  settings.compat = authprobe::config::CompatMode::fastapi;
  return settings;
}
}  // namespace

TEST_CASE("fastapi: a bad password at /token is 401 with Bearer and a detail body", "[http]") {
  TestServer ts(fastapi());
  auto client = ts.client();
  const auto r = post_token(client, password_form("alice", "wrong"), {});
  REQUIRE(r);
  CHECK(r->status == 401);
  CHECK(challenge_of(r) == "Bearer");
  CHECK(json_of(r) == nlohmann::json{{"detail", "Incorrect username or password"}});
}

TEST_CASE("fastapi: grant_type and client are optional, the token type is lowercase", "[http]") {
  TestServer ts(fastapi());
  auto client = ts.client();
  const auto r = post_token(client, "username=alice&password=" + form_encode(password_of::alice), {});
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(json_of(r).at("token_type") == "bearer");
  CHECK(r->get_header_value("Cache-Control") == "no-store");
}

TEST_CASE("fastapi: a missing form field is 422 with a validation list", "[http]") {
  TestServer ts(fastapi());
  auto client = ts.client();
  const auto r = post_token(client, "password=x", {});
  REQUIRE(r);
  CHECK(r->status == 422);
  CHECK(json_of(r).at("detail").at(0).at("loc") == nlohmann::json{"body", "username"});
}

TEST_CASE("fastapi: a disabled user is told Inactive user with 400", "[http]") {
  TestServer ts(fastapi());
  auto client = ts.client();
  const auto r = post_token(client, password_form("carol", password_of::carol), {});
  REQUIRE(r);
  CHECK(r->status == 400);
  CHECK(json_of(r) == nlohmann::json{{"detail", "Inactive user"}});
}

TEST_CASE("fastapi: missing scope is 401 Not enough permissions with a scope challenge", "[http]") {
  TestServer ts(fastapi());
  auto client = ts.client();
  const std::string token = login(client, "alice", password_of::alice).at("access_token");
  const auto r = client.Get("/admin", bearer(token));
  REQUIRE(r);
  CHECK(r->status == 401);
  CHECK(challenge_of(r) == R"(Bearer scope="admin")");
  CHECK(json_of(r).at("detail") == "Not enough permissions");
  const auto none = client.Get("/users/me");
  REQUIRE(none);
  CHECK(json_of(none).at("detail") == "Not authenticated");
}

TEST_CASE("fastapi: the Basic challenge keeps its realm (RFC 7617 §2; no catalog row excuses it)", "[http]") {
  TestServer ts(fastapi());
  auto client = ts.client();
  const auto r = client.Get("/profile");
  REQUIRE(r);
  CHECK(r->status == 401);
  CHECK(challenge_of(r).rfind("Basic realm=", 0) == 0);
}
