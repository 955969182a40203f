// HTTP Basic at GET /profile and GET /admin (catalog BASIC-01..10, AUTHZ-02).
#include <catch2/catch.hpp>

#include "reference/server/testing/fixture_users.hpp"
#include "reference/server/testing/test_server.hpp"

using namespace authprobe::server::testing;

namespace {
constexpr auto basic_challenge = R"(Basic realm="authprobe", charset="UTF-8")";

httplib::Headers auth(const std::string& value) { return {{"Authorization", value}}; }
}  // namespace

TEST_CASE("BASIC-01: /profile without credentials is 401 with a Basic realm challenge", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const auto r = client.Get("/profile");
  REQUIRE(r);
  CHECK(r->status == 401);
  CHECK(challenge_of(r) == basic_challenge);
  CHECK(r->get_header_value("Cache-Control") == "no-store");
  CHECK(r->get_header_value("Content-Type") == "application/json");
}

TEST_CASE("BASIC-02/05: alice logs in with the scheme in any case", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const std::string token68 = basic_auth("alice", password_of::alice).substr(6);
  for (const std::string& scheme : std::vector<std::string>{"Basic ", "basic ", "BASIC ", "Basic  "}) {
    const auto r = client.Get("/profile", auth(scheme + token68));
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(json_of(r).at("username") == "alice");
    CHECK(r->get_header_value("Cache-Control") == "no-store");
  }
  CHECK(ts.server().exceptions_caught() == 0);
}

TEST_CASE("BASIC-03/04: wrong password, unknown user and disabled user get identical 401s", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const auto wrong = client.Get("/profile", auth(basic_auth("alice", "wrong-password")));
  const auto unknown = client.Get("/profile", auth(basic_auth("zed", "anything")));
  const auto disabled = client.Get("/profile", auth(basic_auth("carol", password_of::carol)));
  REQUIRE((wrong && unknown && disabled));
  for (const auto* r : {&unknown, &disabled}) {
    CHECK((*r)->status == wrong->status);
    CHECK((*r)->body == wrong->body);
    CHECK(challenge_of(*r) == challenge_of(wrong));
    CHECK((*r)->headers.size() == wrong->headers.size());
  }
  CHECK(wrong->status == 401);
  CHECK(challenge_of(wrong) == basic_challenge);
}

TEST_CASE("BASIC-06/07/09/10: malformed Basic credentials are 401 with a challenge, never a login", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const std::string alice_pw(password_of::alice);
  for (const std::string& value : std::vector<std::string>{std::string("Basic\t") + basic_auth("alice", alice_pw).substr(6), std::string("Basic !!!!"),
        std::string("Basic YWxpY2U6cHc==="), std::string("Basic ") + std::string(4096, 'A'), std::string("Basic"),
        std::string("Basic Og=="), basic_auth("", alice_pw), basic_auth("alice", ""), basic_auth("alice", "").substr(0, 6) + "YWxpY2U=",
        basic_auth(std::string("alice\0junk", 10), alice_pw), basic_auth("alice", alice_pw + std::string("\0x", 2)),
        basic_auth("alice", alice_pw + "\r\n")}) {
    const auto r = client.Get("/profile", auth(value));
    REQUIRE(r);
    INFO(value);
    CHECK(r->status == 401);
    CHECK(challenge_of(r) == basic_challenge);
  }
  CHECK(ts.server().exceptions_caught() == 0);
}

TEST_CASE("BASIC-08/11: erin's password with a colon and non-ASCII authenticates (first-colon split, UTF-8)", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const auto r = client.Get("/profile", auth(basic_auth("erin", password_of::erin)));
  REQUIRE(r);
  CHECK(r->status == 200);
}

TEST_CASE("HASH-01: dave's 80-byte password works and its 72-byte prefix does not", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const std::string full(password_of::dave);
  CHECK(client.Get("/profile", auth(basic_auth("dave", full)))->status == 200);
  CHECK(client.Get("/profile", auth(basic_auth("dave", full.substr(0, 72))))->status == 401);
  CHECK(client.Get("/profile", auth(basic_auth("dave", full.substr(0, 72) + "XXXXXXXX")))->status == 401);
}

TEST_CASE("AUTHZ-02: alice's correct Basic credentials on /admin are 403, bob's are 200", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const auto alice = client.Get("/admin", auth(basic_auth("alice", password_of::alice)));
  REQUIRE(alice);
  CHECK(alice->status == 403);
  CHECK(alice->get_header_value("Cache-Control") == "no-store");
  CHECK(client.Get("/admin", auth(basic_auth("bob", password_of::bob)))->status == 200);
}

TEST_CASE("AUTHZ-03: a wrong password on /admin is 401 offering both schemes", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const auto r = client.Get("/admin", auth(basic_auth("bob", "wrong")));
  REQUIRE(r);
  CHECK(r->status == 401);
  CHECK(challenge_of(r) == std::string(basic_challenge) + R"( | Bearer realm="authprobe")");
}
