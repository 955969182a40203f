// Bearer-protected resources (catalog BEARER-01..16, JWT acceptance basics).
#include <catch2/catch.hpp>

#include "reference/server/testing/fixture_users.hpp"
#include "reference/server/testing/raw_http.hpp"
#include "reference/server/testing/test_server.hpp"

using namespace authprobe::server::testing;

namespace {

constexpr auto bare_bearer = R"(Bearer realm="authprobe")";

std::string alice_token(httplib::Client& client) { return login(client, "alice", password_of::alice).at("access_token"); }

void check_invalid_token(const httplib::Result& r) {
  REQUIRE(r);
  CHECK(r->status == 401);
  CHECK(challenge_of(r).find(R"(error="invalid_token")") != std::string::npos);
  CHECK(r->get_header_value("Cache-Control") == "no-store");
}

}  // namespace

TEST_CASE("BEARER-01: no credentials is 401 with a Bearer challenge and no error", "[http]") {
  TestServer ts;
  auto client = ts.client();
  for (const std::string& path : std::vector<std::string>{"/users/me", "/api/todos", "/api/users/alice"}) {
    const auto r = client.Get(path);
    REQUIRE(r);
    CHECK(r->status == 401);
    CHECK(challenge_of(r) == bare_bearer);
  }
}

TEST_CASE("BEARER-02/06/TOKEN-23: a fresh token works with the scheme in any case", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const auto token = alice_token(client);
  for (const std::string& scheme : std::vector<std::string>{"Bearer ", "bearer ", "BEARER "}) {
    const auto r = client.Get("/users/me", {{"Authorization", scheme + token}});
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(json_of(r).at("username") == "alice");
    CHECK(r->get_header_value("Cache-Control") == "no-store");
  }
}

TEST_CASE("BEARER-03/JWT-06: garbage and tampered tokens are 401 invalid_token", "[http]") {
  TestServer ts;
  auto client = ts.client();
  std::string token = alice_token(client);
  const auto payload_at = token.find('.') + 3;
  token[payload_at] = token[payload_at] == 'A' ? 'B' : 'A';
  check_invalid_token(client.Get("/users/me", bearer("abc")));
  check_invalid_token(client.Get("/users/me", bearer(token)));
  check_invalid_token(client.Get("/users/me", bearer(alice_token(client) + "x")));
}

TEST_CASE("BEARER-04: an expired token is 401 invalid_token", "[http]") {
  TestServerSettings settings;
  settings.access_token_ttl = std::chrono::seconds(60);
  TestServer ts(settings);
  auto client = ts.client();
  const auto token = alice_token(client);
  REQUIRE(client.Get("/users/me", bearer(token))->status == 200);
  ts.advance_clock(std::chrono::seconds(61));
  check_invalid_token(client.Get("/users/me", bearer(token)));
}

TEST_CASE("BEARER-07: Basic or another scheme on a Bearer resource counts as no credentials", "[http]") {
  TestServer ts;
  auto client = ts.client();
  for (const std::string& value : std::vector<std::string>{basic_auth("alice", password_of::alice), std::string("Token abc")}) {
    const auto r = client.Get("/users/me", {{"Authorization", value}});
    REQUIRE(r);
    CHECK(r->status == 401);
    CHECK(challenge_of(r) == bare_bearer);
  }
}

TEST_CASE("BEARER-08/16: malformed Bearer values are 400 invalid_request or 401 invalid_token", "[http]") {
  TestServer ts;
  auto client = ts.client();
  for (const std::string& value : std::vector<std::string>{"Bearer", "Bearer    ", "Bearer a b", "Bearer tok,en", "Bearer t\xC3\xB6k",
                                  "Bearer " + std::string(8192, 'a')}) {
    const auto r = client.Get("/users/me", {{"Authorization", value}});
    REQUIRE(r);
    INFO(value.substr(0, 20));
    const std::string challenge = challenge_of(r);
    if (r->status == 400) {
      CHECK(challenge.find(R"(error="invalid_request")") != std::string::npos);
    } else {
      CHECK(r->status == 401);
      CHECK(challenge.find(R"(error="invalid_token")") != std::string::npos);
    }
  }
  CHECK(ts.server().exceptions_caught() == 0);
}

TEST_CASE("BEARER-10: error descriptions never echo the token", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const std::string hostile = "eyJhbGciOiJIUzI1NiIsImtpZCI6IlwiXFwifQ.e30.c2ln";  // kid "\"\\"
  const auto r = client.Get("/users/me", bearer(hostile));
  REQUIRE(r);
  CHECK(r->status == 401);
  CHECK(r->body.find(hostile) == std::string::npos);
  CHECK(challenge_of(r).find("eyJ") == std::string::npos);
}

TEST_CASE("BEARER-12: a token in the header and in the query or a form body is 400 invalid_request", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const auto token = alice_token(client);
  const auto query = client.Get("/users/me?access_token=" + token, bearer(token));
  REQUIRE(query);
  CHECK(query->status == 400);
  CHECK(challenge_of(query).find(R"(error="invalid_request")") != std::string::npos);
  const auto form = client.Post("/api/todos", bearer(token), "access_token=" + token, std::string(form_type));
  REQUIRE(form);
  CHECK(form->status == 400);
}

TEST_CASE("BEARER-13/14/15: tokens in the query, a form body or a cookie are not credentials", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const auto token = alice_token(client);
  const auto query = client.Get("/users/me?access_token=" + token);
  REQUIRE(query);
  CHECK(query->status == 401);
  CHECK(challenge_of(query) == bare_bearer);
  CHECK(client.Post("/api/todos", "access_token=" + token, std::string(form_type))->status == 401);
  CHECK(client.Get("/users/me", {{"Cookie", "access_token=" + token}})->status == 401);
}

TEST_CASE("AUTHZ-13: a token of a user disabled or deleted after issue is refused like a forged one", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const std::string erin = login(client, "erin", password_of::erin).at("access_token");
  REQUIRE(client.Get("/users/me", bearer(erin))->status == 200);

  auto users = fixture_users();
  users.find_user("erin")->disabled = true;
  ts.server().replace_users(users);
  const auto disabled = client.Get("/users/me", bearer(erin));
  check_invalid_token(disabled);

  std::erase_if(users.users, [](const auto& user) { return user.username == "erin"; });
  ts.server().replace_users(users);
  const auto deleted = client.Get("/users/me", bearer(erin));
  check_invalid_token(deleted);
  CHECK(deleted->body == disabled->body);
  CHECK(challenge_of(deleted) == challenge_of(disabled));
}
