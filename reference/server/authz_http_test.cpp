// Roles and scopes: 401 versus 403 (catalog AUTHZ-01..12, BEARER-11).
#include <catch2/catch.hpp>

#include "reference/server/testing/fixture_users.hpp"
#include "reference/server/testing/test_server.hpp"

using namespace authprobe::server::testing;

namespace {

std::string token_of(httplib::Client& client, std::string_view user, std::string_view password,
                     std::string_view scope = {}) {
  return login(client, user, password, scope).at("access_token");
}

void check_insufficient_scope(const httplib::Result& r, const std::string& scope) {
  REQUIRE(r);
  CHECK(r->status == 403);
  const auto challenge = challenge_of(r);
  CHECK(challenge.find(R"(error="insufficient_scope")") != std::string::npos);
  CHECK(challenge.find("scope=\"" + scope + "\"") != std::string::npos);
  CHECK(r->get_header_value("Cache-Control") == "no-store");
}

}  // namespace

TEST_CASE("AUTHZ-01/BEARER-11: alice's token on /admin and on POST /api/todos is 403 insufficient_scope", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const auto alice = token_of(client, "alice", password_of::alice);
  check_insufficient_scope(client.Get("/admin", bearer(alice)), "admin");
  check_insufficient_scope(client.Post("/api/todos", bearer(alice), R"({"title":"x"})", "application/json"),
                           "todos:write");
  CHECK(client.Get("/api/todos", bearer(alice))->status == 200);
}

TEST_CASE("Bob's token reaches /admin and writes todos; a narrowed token of bob does not reach /admin", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const auto bob = token_of(client, "bob", password_of::bob);
  CHECK(client.Get("/admin", bearer(bob))->status == 200);
  const auto created = client.Post("/api/todos", bearer(bob), R"({"title":"fix it"})", "application/json");
  REQUIRE(created);
  CHECK(created->status == 201);
  const auto listed = client.Get("/api/todos", bearer(bob));
  REQUIRE(listed);
  CHECK(json_of(listed).at("todos").at(0).at("title") == "fix it");
  const auto narrowed = token_of(client, "bob", password_of::bob, "todos:read");
  check_insufficient_scope(client.Get("/admin", bearer(narrowed)), "admin");
}

TEST_CASE("POST /api/todos validates its JSON body", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const auto bob = token_of(client, "bob", password_of::bob);
  for (const std::string& body : std::vector<std::string>{"{", R"({"title":""})", R"({"title":7})", "[]"}) {
    const auto r = client.Post("/api/todos", bearer(bob), body, "application/json");
    REQUIRE(r);
    CHECK(r->status == 400);
    CHECK(json_of(r).at("error") == "invalid_request");
  }
  CHECK(client.Post("/api/todos", bearer(bob), R"({"title":"x"})", "text/plain")->status == 415);
}

TEST_CASE("AUTHZ-03: authentication failures on /admin are 401 before any authorization", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const auto none = client.Get("/admin");
  REQUIRE(none);
  CHECK(none->status == 401);
  CHECK(challenge_of(none) == R"(Basic realm="authprobe", charset="UTF-8" | Bearer realm="authprobe")");
  const auto garbage = client.Get("/admin", bearer("garbage"));
  REQUIRE(garbage);
  CHECK(garbage->status == 401);
  CHECK(challenge_of(garbage).find(R"(error="invalid_token")") != std::string::npos);
}

TEST_CASE("AUTHZ-08/09: other methods and path variants never grant admin", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const auto alice = token_of(client, "alice", password_of::alice);
  for (const std::string& path : std::vector<std::string>{"/ADMIN", "/admin/", "//admin", "/%61dmin", "/admin;x=1", "/admin%20", "/admin.json",
                                 "/./admin", "/x/../admin"}) {
    const auto r = client.Get(path, bearer(alice));
    REQUIRE(r);
    INFO(path);
    CHECK((r->status == 403 || r->status == 404 || r->status == 400));
  }
  CHECK(client.Put("/api/todos", bearer(alice), "{}", "application/json")->status == 405);
  CHECK(client.Delete("/api/todos", bearer(alice))->status == 405);
}

TEST_CASE("AUTHZ-10: HEAD mirrors GET's status and challenge", "[http]") {
  TestServer ts;
  auto client = ts.client();
  for (const std::string& path : std::vector<std::string>{"/admin", "/profile", "/users/me"}) {
    const auto get = client.Get(path);
    const auto head = client.Head(path);
    REQUIRE((get && head));
    CHECK(head->status == get->status);
    CHECK(challenge_of(head) == challenge_of(get));
    CHECK(head->body.empty());
  }
}

TEST_CASE("AUTHZ-12: alice cannot read bob's record, bob can read anyone's", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const auto alice = token_of(client, "alice", password_of::alice);
  const auto own = client.Get("/api/users/alice", bearer(alice));
  REQUIRE(own);
  CHECK(own->status == 200);
  CHECK(own->body.find("password") == std::string::npos);
  const auto other = client.Get("/api/users/bob", bearer(alice));
  const auto missing = client.Get("/api/users/zed", bearer(alice));
  REQUIRE((other && missing));
  CHECK(other->status == 403);
  CHECK(other->body.find("admin\"]") == std::string::npos);
  CHECK(missing->status == other->status);
  CHECK(missing->body == other->body);
  const auto bob = token_of(client, "bob", password_of::bob);
  CHECK(client.Get("/api/users/alice", bearer(bob))->status == 200);
  CHECK(client.Get("/api/users/zed", bearer(bob))->status == 404);
}
