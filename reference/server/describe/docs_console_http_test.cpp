// The auth console's two companion routes (the page itself runs in headless Chromium,
// tools/browser/docs_console_test.py): GET /docs/accounts.json, the users and clients of GET /
// for the one-click logins, and POST /docs/expired-token, the caller's own token signed again
// with exp in the past, which must never be a usable token.
#include <chrono>
#include <cstdint>
#include <string>

#include <catch2/catch.hpp>

#include "reference/jose/base64url.hpp"
#include "reference/server/testing/fixture_users.hpp"
#include "reference/server/testing/test_server.hpp"

namespace {

using namespace authprobe::server::testing;

constexpr std::string_view all_passwords[] = {password_of::alice, password_of::bob, password_of::carol,
                                              password_of::dave, password_of::erin, secret_of::cli,
                                              secret_of::cli_reserved, secret_of::svc};

nlohmann::json payload_of(const std::string& jwt) {
  const auto first = jwt.find('.');
  const auto second = jwt.find('.', first + 1);
  REQUIRE(second != std::string::npos);
  std::string json;
  REQUIRE(authprobe::jose::base64url::decode_into(jwt.substr(first + 1, second - first - 1), json));
  return nlohmann::json::parse(json);
}

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string access_token_of(httplib::Client& client, std::string_view user, std::string_view password) {
  return login(client, user, password).at("access_token").get<std::string>();
}

const nlohmann::json* find_by(const nlohmann::json& list, const char* key, std::string_view value) {
  for (const auto& item : list)
    if (item.at(key) == value) return &item;
  return nullptr;
}

}  // namespace

TEST_CASE("The expired-token route asks for a Bearer token, like any protected route", "[http][describe]") {
  TestServer server;
  auto client = server.client();
  const auto anonymous = client.Post("/docs/expired-token", "", "application/json");
  REQUIRE(anonymous);
  CHECK(anonymous->status == 401);
  CHECK(challenge_of(anonymous) == R"(Bearer realm="authprobe")");
  // Basic is not a way in: the route re-signs a token, and Basic brings none.
  const auto basic = client.Post("/docs/expired-token", {{"Authorization", basic_auth("alice", password_of::alice)}},
                                 "", "application/json");
  REQUIRE(basic);
  CHECK(basic->status == 401);
}

TEST_CASE("The expired-token route returns the caller's token expired, and every route refuses it", "[http][describe]") {
  TestServerSettings settings;
  settings.leeway = std::chrono::seconds{30};  // the copy must be past the verifier's leeway, not just past exp
  TestServer server(settings);
  auto client = server.client();
  const std::string live = access_token_of(client, "bob", password_of::bob);
  const auto before = now_seconds();
  const auto answer = client.Post("/docs/expired-token", bearer(live), "", "application/json");
  REQUIRE(answer);
  REQUIRE(answer->status == 200);
  CHECK(answer->get_header_value("Cache-Control") == "no-store");
  const std::string expired = json_of(answer).at("access_token");
  CHECK(expired != live);

  const auto claims = payload_of(expired);
  const auto original = payload_of(live);
  CHECK(claims.at("sub") == "bob");
  CHECK(claims.at("scope") == original.at("scope"));
  CHECK(claims.at("client_id") == original.at("client_id"));
  CHECK(claims.at("jti") != original.at("jti"));
  CHECK(claims.at("exp").get<std::int64_t>() + 30 < before);
  // Issued a token lifetime before it expired: it was never valid at any time after the request.
  CHECK(claims.at("iat").get<std::int64_t>() < claims.at("exp").get<std::int64_t>());
  CHECK(json_of(answer).at("exp") == claims.at("exp"));

  // bob holds every role and scope: his live token passes each of these, the expired copy none.
  for (const char* path : {"/users/me", "/admin", "/api/todos", "/api/users/bob"}) {
    INFO(path);
    const auto refused = client.Get(path, bearer(expired));
    REQUIRE(refused);
    CHECK(refused->status == 401);
    CHECK_THAT(challenge_of(refused), Catch::Contains(R"(error="invalid_token")"));
    CHECK_THAT(challenge_of(refused), Catch::Contains("expired"));
    const auto admitted = client.Get(path, bearer(live));
    REQUIRE(admitted);
    CHECK(admitted->status == 200);
  }
  const auto write = client.Post("/api/todos", bearer(expired), R"({"title":"x"})", "application/json");
  REQUIRE(write);
  CHECK(write->status == 401);
  // Nor does it buy a fresh one: the route itself refuses an expired token.
  const auto again = client.Post("/docs/expired-token", bearer(expired), "", "application/json");
  REQUIRE(again);
  CHECK(again->status == 401);
  CHECK_THAT(challenge_of(again), Catch::Contains(R"(error="invalid_token")"));
}

TEST_CASE("The accounts document lists the demo users and clients with their published passwords",
          "[http][describe]") {
  TestServerSettings settings;
  settings.show_demo_credentials = true;
  TestServer server(settings);
  auto client = server.client();
  const auto answer = client.Get("/docs/accounts.json");
  REQUIRE(answer);
  CHECK(answer->status == 200);
  CHECK(answer->get_header_value("Cache-Control") == "no-store");
  const auto document = json_of(answer);
  CHECK(document.at("mode") == "strict");
  CHECK(document.at("demo") == true);
  CHECK(document.at("client_required") == true);
  const auto* alice = find_by(document.at("users"), "username", "alice");
  REQUIRE(alice != nullptr);
  CHECK(alice->at("password") == password_of::alice);
  CHECK(alice->at("disabled") == false);
  const auto* carol = find_by(document.at("users"), "username", "carol");
  REQUIRE(carol != nullptr);
  CHECK(carol->at("disabled") == true);
  CHECK(document.at("users").size() == fixture_users().users.size());
  const auto* cli = find_by(document.at("clients"), "client_id", "cli");
  REQUIRE(cli != nullptr);
  CHECK(cli->at("secret") == secret_of::cli);
  CHECK(cli->at("grant_types") == nlohmann::json{"password", "refresh_token"});
  const auto* pub = find_by(document.at("clients"), "client_id", "pub");
  REQUIRE(pub != nullptr);
  CHECK(pub->at("public") == true);
  CHECK_FALSE(pub->contains("secret"));
  // Every password it shows logs in (it is the fixture's, not a copy that drifted).
  CHECK(login(client, "alice", alice->at("password").get<std::string>()).contains("access_token"));
}

TEST_CASE("Without the demo fixture, the accounts document shows names but no password", "[http][describe]") {
  TestServer server;  // the fixture users, not declared the demo fixture: an operator's file
  auto client = server.client();
  const auto answer = client.Get("/docs/accounts.json");
  REQUIRE(answer);
  CHECK(answer->status == 200);
  INFO(answer->body);
  for (const auto password : all_passwords) CHECK(answer->body.find(password) == std::string::npos);
  const auto document = json_of(answer);
  CHECK(document.at("demo") == false);
  CHECK(find_by(document.at("users"), "username", "alice") != nullptr);
  for (const auto& user : document.at("users")) CHECK_FALSE(user.contains("password"));
  for (const auto& item : document.at("clients")) CHECK_FALSE(item.contains("secret"));
}

TEST_CASE("In --compat fastapi the accounts document says /token takes requests without a client",
          "[http][describe]") {
  TestServerSettings settings;
  settings.compat = authprobe::config::CompatMode::fastapi;
  TestServer server(settings);
  auto client = server.client();
  const auto answer = client.Get("/docs/accounts.json");
  REQUIRE(answer);
  const auto document = json_of(answer);
  CHECK(document.at("mode") == "fastapi");
  CHECK(document.at("client_required") == false);
  // And it is so: a login without any client gets a token.
  const auto token = post_token(client, password_form("johndoe", tutorial_password_of::johndoe), {});
  REQUIRE(token);
  CHECK(token->status == 200);
}
