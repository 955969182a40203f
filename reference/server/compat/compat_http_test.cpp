// --compat fastapi beyond the tutorials' own exchanges (those are tutorial_exchanges.json): how
// the tutorial behaviour reaches the routes the conformance profile adds, and where this server
// stays with the RFCs because no catalog row excuses the tutorial.
#include <regex>

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

// The tutorials' login: the form alone, no client authentication.
std::string token_of(httplib::Client& client, std::string_view user, std::string_view password) {
  const auto r = post_token(client, "username=" + form_encode(user) + "&password=" + form_encode(password), {});
  REQUIRE(r);
  REQUIRE(r->status == 200);
  return json_of(r).at("access_token");
}

}  // namespace

TEST_CASE("fastapi: grant_type is optional, the token type lowercase, the answer never cached, no refresh token", "[http]") {
  TestServer ts(fastapi());
  auto client = ts.client();
  const auto r = post_token(client, "username=johndoe&password=" + form_encode(tutorial_password_of::johndoe), {});
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(json_of(r).at("token_type") == "bearer");
  CHECK_FALSE(json_of(r).contains("refresh_token"));
  CHECK(r->get_header_value("Cache-Control") == "no-store");
}

TEST_CASE("fastapi: /token authenticates no client: client credentials change nothing", "[http]") {
  TestServer ts(fastapi());
  auto client = ts.client();
  const std::string form = "username=johndoe&password=" + form_encode(tutorial_password_of::johndoe);
  const auto basic = post_token(client, form, {{"Authorization", client_basic("cli", "not-the-secret")}});
  REQUIRE(basic);
  CHECK(basic->status == 200);
  const auto body = post_token(client, form + "&client_id=cli&client_secret=wrong", {});
  REQUIRE(body);
  CHECK(body->status == 200);
}

TEST_CASE("fastapi: the query is never read at /token, and a malformed form is refused in the 422 shape", "[http]") {
  TestServer ts(fastapi());
  auto client = ts.client();
  const auto query = client.Post("/token?username=johndoe&password=secret", "", std::string(form_type));
  REQUIRE(query);
  CHECK(query->status == 422);
  CHECK(json_of(query).at("detail").size() == 2);  // username and password, as FastAPI reads only the body
  // FastAPI would take the last username; this server refuses the repeat (catalog TOKEN-11).
  const auto repeated = post_token(client, "username=johndoe&username=bob&password=secret", {});
  REQUIRE(repeated);
  CHECK(repeated->status == 422);
  CHECK(json_of(repeated).at("detail").at(0).at("loc") == nlohmann::json{"body"});
}

TEST_CASE("fastapi: the disabled user's token is refused with Inactive user on every Bearer route, Basic too", "[http]") {
  TestServer ts(fastapi());
  auto client = ts.client();
  const auto token = token_of(client, "alice", tutorial_password_of::alice);
  for (const char* path : {"/users/me/", "/users/me/items/", "/api/todos", "/admin"}) {
    INFO(path);
    const auto r = client.Get(path, bearer(token));
    REQUIRE(r);
    CHECK(r->status == 400);
    CHECK(json_of(r) == nlohmann::json{{"detail", "Inactive user"}});
  }
  const auto basic = client.Get("/profile", {{"Authorization", basic_auth("alice", tutorial_password_of::alice)}});
  REQUIRE(basic);
  CHECK(basic->status == 400);
}

TEST_CASE("fastapi: a missing scope on the todo API is the scopes tutorial's 401 naming it", "[http]") {
  TestServer ts(fastapi());
  auto client = ts.client();
  const auto token = token_of(client, "johndoe", tutorial_password_of::johndoe);
  const auto r = client.Post("/api/todos", bearer(token), R"({"title":"x"})", "application/json");
  REQUIRE(r);
  CHECK(r->status == 401);
  CHECK(challenge_of(r) == R"(Bearer scope="todos:write")");
  CHECK(json_of(r).at("detail") == "Not enough permissions");
}

TEST_CASE("fastapi: a user without full_name and email gets them as null, as the tutorials' User model", "[http]") {
  TestServer ts(fastapi());
  auto client = ts.client();
  const auto r = client.Get("/users/me/", bearer(token_of(client, "dave", password_of::dave)));
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(json_of(r) == nlohmann::json{{"username", "dave"}, {"email", nullptr}, {"full_name", nullptr}, {"disabled", false}});
}

TEST_CASE("fastapi: the Basic challenge keeps its realm (RFC 7617 §2; no catalog row excuses it)", "[http]") {
  TestServer ts(fastapi());
  auto client = ts.client();
  const auto r = client.Get("/profile");
  REQUIRE(r);
  CHECK(r->status == 401);
  CHECK(challenge_of(r).rfind("Basic realm=", 0) == 0);
}

TEST_CASE("fastapi: only the slash a route declares is added by redirect; strict never redirects", "[http]") {
  TestServer ts(fastapi());
  auto client = ts.client();
  const auto items = client.Post("/users/me/items", "", std::string(form_type));  // any method, as Starlette
  REQUIRE(items);
  CHECK(items->status == 307);
  CHECK(items->get_header_value("Location") == "http://127.0.0.1:" + std::to_string(ts.port()) + "/users/me/items/");
  // Starlette would also strip a slash (/admin/ -> /admin); the strict server's 404 stays, as no
  // catalog row covers a redirect (AUTHZ-09).
  const auto admin = client.Get("/admin/");
  REQUIRE(admin);
  CHECK(admin->status == 404);
  TestServer strict;
  auto strict_client = strict.client();
  const auto me = strict_client.Get("/users/me/");
  REQUIRE(me);
  CHECK(me->status == 404);
}

TEST_CASE("fastapi: X-Process-Time beside Server-Timing on every response, errors included; strict has none", "[http]") {
  TestServer ts(fastapi());
  auto client = ts.client();
  const std::regex seconds("[0-9]+\\.[0-9]{6}");
  for (const char* path : {"/health", "/nonexistent", "/users/me/"}) {
    INFO(path);
    const auto r = client.Get(path);
    REQUIRE(r);
    CHECK(std::regex_match(r->get_header_value("X-Process-Time"), seconds));
    CHECK(r->get_header_value("Server-Timing").rfind("total;dur=", 0) == 0);
  }
  TestServer strict;
  auto strict_client = strict.client();
  const auto r = strict_client.Get("/health");
  REQUIRE(r);
  CHECK_FALSE(r->has_header("X-Process-Time"));
  CHECK(r->has_header("Server-Timing"));
}
