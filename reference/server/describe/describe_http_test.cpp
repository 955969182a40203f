// The server describing itself: GET / (the text `authprobe serve` prints) and GET
// /openapi.json, both generated from the route table, held equal to it and to what the server
// really answers.
#include <set>
#include <string>
#include <utility>

#include <catch2/catch.hpp>

#include "reference/server/routes.hpp"
#include "reference/server/testing/fixture_users.hpp"
#include "reference/server/testing/test_server.hpp"

namespace {

using namespace authprobe::server;
using namespace authprobe::server::testing;
using Operations = std::set<std::pair<std::string, std::string>>;  // (path, method)

constexpr std::string_view all_passwords[] = {password_of::alice, password_of::bob, password_of::carol,
                                              password_of::dave, password_of::erin, secret_of::cli,
                                              secret_of::cli_reserved, secret_of::svc};

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

using authprobe::config::CompatMode;

TestServerSettings in_mode(CompatMode mode) {
  TestServerSettings settings;
  settings.compat = mode;
  return settings;
}

Operations table_operations(CompatMode mode) {
  Operations out;
  for (const auto& route : route_table(mode))
    for (const auto& operation : route.operations) out.emplace(route.path, lower(method_name(operation.method)));
  return out;
}

nlohmann::json fetch_openapi(httplib::Client& client) {
  const auto result = client.Get("/openapi.json");
  REQUIRE(result);
  REQUIRE(result->status == 200);
  return nlohmann::json::parse(result->body);
}

// A concrete path for an OpenAPI template: every {parameter} becomes alice.
std::string concrete(std::string path) {
  for (auto open = path.find('{'); open != std::string::npos; open = path.find('{'))
    path.replace(open, path.find('}', open) - open + 1, "alice");
  return path;
}

}  // namespace

TEST_CASE("GET / is the server's description as text, every route listed", "[http][describe]") {
  TestServerSettings settings;
  settings.show_demo_credentials = true;
  TestServer server(settings);
  auto client = server.client();
  const auto result = client.Get("/");
  REQUIRE(result);
  CHECK(result->status == 200);
  CHECK(result->get_header_value("Content-Type").rfind("text/plain", 0) == 0);
  CHECK(result->get_header_value("Cache-Control") == "no-store");
  CHECK(result->body == server.server().description());
  for (const auto& route : route_table(CompatMode::strict)) {
    std::string listed = " ";  // built with += (GCC 12 -Wrestrict false positive on " " + std::string)
    listed += route.path;
    listed += ' ';
    CHECK_THAT(result->body, Catch::Contains(listed));
  }
  CHECK_THAT(result->body, Catch::Contains(std::string(password_of::alice)));
  CHECK_THAT(result->body, Catch::Contains(std::string(secret_of::cli)));
  CHECK_THAT(result->body, Catch::Contains("curl"));
}

TEST_CASE("Without the demo fixture, GET / shows no password and says why", "[http][describe]") {
  TestServer server;  // the fixture users, but not declared the demo fixture: treated as an operator's file
  auto client = server.client();
  const auto result = client.Get("/");
  REQUIRE(result);
  INFO(result->body);
  for (const auto password : all_passwords) CHECK(result->body.find(password) == std::string::npos);
  CHECK_THAT(result->body, Catch::Contains("supplied by the operator"));
  CHECK_THAT(result->body, Catch::Contains("alice"));
}

TEST_CASE("GET / in --compat fastapi lists the tutorials' users and routes and reads /users/me/", "[http][describe]") {
  TestServerSettings settings = in_mode(CompatMode::fastapi);
  settings.show_demo_credentials = true;
  TestServer server(settings);
  auto client = server.client();
  const auto result = client.Get("/");
  REQUIRE(result);
  CHECK(result->body == server.server().description());
  for (const auto& route : route_table(CompatMode::fastapi)) {
    std::string listed = " ";
    listed += route.path;
    listed += ' ';
    CHECK_THAT(result->body, Catch::Contains(listed));
  }
  CHECK_THAT(result->body, Catch::Contains("fastapi mode"));
  CHECK_THAT(result->body, Catch::Contains(std::string(tutorial_password_of::alice)));  // the disabled one's, published
  CHECK_THAT(result->body, Catch::Contains("username='johndoe' --data-urlencode password='secret'"));
  CHECK_THAT(result->body, Catch::Contains("/users/me/\n"));
  CHECK_THAT(result->body, Catch::Contains("without client authentication"));
}

TEST_CASE("The OpenAPI document has one operation per route-table entry, and no other", "[http][describe]") {
  const auto mode = GENERATE(CompatMode::strict, CompatMode::fastapi);
  INFO(authprobe::config::compat_name(mode));
  TestServer server(in_mode(mode));
  auto client = server.client();
  const auto document = fetch_openapi(client);
  CHECK(document.at("openapi") == "3.1.0");
  Operations documented;
  for (const auto& [path, item] : document.at("paths").items())
    for (const auto& [method, operation] : item.items()) documented.emplace(path, method);
  CHECK(documented == table_operations(mode));
}

TEST_CASE("Every documented operation is answered by the server, with the documented security", "[http][describe]") {
  const auto mode = GENERATE(CompatMode::strict, CompatMode::fastapi);
  INFO(authprobe::config::compat_name(mode));
  TestServer server(in_mode(mode));
  auto client = server.client();
  const auto document = fetch_openapi(client);
  const auto bob = login(client, "bob", password_of::bob);
  const auto headers = bearer(bob.at("access_token").get<std::string>());
  for (const auto& [path, item] : document.at("paths").items())
    for (const auto& [method, operation] : item.items()) {
      INFO(method << " " << path);
      const std::string target = concrete(path);
      const bool open = operation.at("security").empty();
      // No credentials: an open operation is reached, a protected one asks for them (401).
      const auto anonymous = method == "get" ? client.Get(target) : client.Post(target, "", "application/json");
      REQUIRE(anonymous);
      // The key set exists only with an asymmetric signing key; TestServer's is HS256.
      CHECK((anonymous->status != 404 || path == "/.well-known/jwks.json"));
      CHECK(anonymous->status != 405);
      if (!open) {
        CHECK(anonymous->status == 401);
        CHECK(operation.at("responses").contains("401"));
        CHECK_FALSE(anonymous->get_header_value("WWW-Authenticate").empty());
        if (method == "get") {
          const bool basic_only = operation.at("security").size() == 1 && operation.at("security")[0].contains("basicAuth");
          const httplib::Headers credentials =
              basic_only ? httplib::Headers{{"Authorization", basic_auth("bob", password_of::bob)}} : headers;
          const auto admitted = client.Get(target, credentials);  // bob has every role and scope
          REQUIRE(admitted);
          CHECK(admitted->status == 200);
        }
      }
      CHECK(operation.at("responses").contains("405"));
    }
}

TEST_CASE("The OpenAPI error examples are what the server answers", "[http][describe]") {
  TestServer server;
  auto client = server.client();
  const auto document = fetch_openapi(client);
  const auto& unauthorized = document.at("paths").at("/admin").at("get").at("responses").at("401");
  const auto anonymous = client.Get("/admin");
  REQUIRE(anonymous);
  CHECK(unauthorized.at("content").at("application/json").at("examples").at("no_credentials").at("value") ==
        json_of(anonymous));
  CHECK_THAT(unauthorized.at("headers").at("WWW-Authenticate").at("description").get<std::string>(),
             Catch::Contains(challenge_of(anonymous).substr(0, challenge_of(anonymous).find(" | "))));
  const auto alice = login(client, "alice", password_of::alice);
  const auto refused = client.Get("/admin", bearer(alice.at("access_token").get<std::string>()));
  REQUIRE(refused);
  REQUIRE(refused->status == 403);
  const auto& forbidden = document.at("paths").at("/admin").at("get").at("responses").at("403");
  CHECK(forbidden.at("content").at("application/json").at("examples").at("insufficient_scope").at("value").at("error") ==
        "insufficient_scope");
  const auto& schemes = document.at("components").at("securitySchemes");
  CHECK(schemes.at("oauth2Password").at("flows").at("password").at("tokenUrl") == "/token");
  CHECK(schemes.at("oauth2Password").at("flows").at("password").at("scopes").contains("todos:write"));
  CHECK(schemes.at("basicAuth").at("scheme") == "basic");
  CHECK(schemes.at("bearerJWT").at("bearerFormat") == "JWT");
}

TEST_CASE("In --compat fastapi the OpenAPI examples are the tutorials' answers the server gives", "[http][describe]") {
  TestServer server(in_mode(CompatMode::fastapi));
  auto client = server.client();
  const auto document = fetch_openapi(client);
  const auto& admin = document.at("paths").at("/admin").at("get").at("responses");
  const std::string token = login(client, "johndoe", tutorial_password_of::johndoe).at("access_token");
  const auto refused = client.Get("/admin", bearer(token));
  REQUIRE(refused);
  REQUIRE(refused->status == 403);
  CHECK(admin.at("403").at("content").at("application/json").at("examples").at("forbidden").at("value") == json_of(refused));
  const auto& items = document.at("paths").at("/users/me/items/").at("get");
  CHECK(items.at("security").at(0).at("oauth2Password") == nlohmann::json{"items", "me"});
  const auto garbage = client.Get("/users/me/items/", bearer("not-a-jwt"));
  REQUIRE(garbage);
  CHECK_THAT(items.at("responses").at("401").at("headers").at("WWW-Authenticate").at("description").get<std::string>(),
             Catch::Contains("invalid_token: " + challenge_of(garbage)));
  const auto& token_errors = document.at("paths").at("/token").at("post").at("responses");
  CHECK(token_errors.contains("422"));
  CHECK_FALSE(token_errors.at("401").at("content").at("application/json").at("examples").contains("invalid_client"));
}

TEST_CASE("GET /docs is one self-contained page under a strict Content-Security-Policy", "[http][describe]") {
  TestServer server;
  auto client = server.client();
  const auto result = client.Get("/docs");
  REQUIRE(result);
  CHECK(result->status == 200);
  CHECK(result->get_header_value("Content-Type").rfind("text/html", 0) == 0);
  const std::string policy = result->get_header_value("Content-Security-Policy");
  CHECK(policy.rfind("default-src 'none'; script-src 'sha256-", 0) == 0);
  CHECK_THAT(policy, Catch::Contains("connect-src 'self'"));
  CHECK(policy.find("unsafe-inline") == std::string::npos);
  // No external asset: no src= or href= to anywhere but this server's own paths.
  CHECK(result->body.find(" src=") == std::string::npos);
  CHECK(result->body.find("href=\"http") == std::string::npos);
}
