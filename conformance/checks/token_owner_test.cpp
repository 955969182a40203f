// token_owner: whose token a finding names, read from the `sub` of a JWT access token.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "conformance/checks/token_owner.hpp"
#include "conformance/forge/base64url.hpp"
#include "conformance/http_constants.hpp"

namespace authprobe::conformance::support {
namespace {

std::string unsigned_jwt(const nlohmann::json& claims) {
  return forge::b64url_encode(R"({"alg":"HS256"})") + "." + forge::b64url_encode(claims.dump()) + ".c2ln";
}

TargetProfile two_users() {
  TargetProfile t;
  t.users["alice"] = TestUser{"alice", "pw-a", {"user"}, {}, false};
  t.users["bob"] = TestUser{"bob", "pw-b", {"admin", "user"}, {}, false};
  return t;
}

}  // namespace

TEST_CASE("token_owner names the fixture user and roles behind a JWT's sub", "[unit]") {
  const auto owner = token_owner(two_users(), unsigned_jwt({{"sub", "bob"}}));
  CHECK(owner == R"(token for sub "bob" (fixture user bob; roles admin, user))");
}

TEST_CASE("token_owner says when the sub is no fixture user, absent, or the token is opaque", "[unit]") {
  const auto t = two_users();
  CHECK(token_owner(t, unsigned_jwt({{"sub", 42}})) == "token for sub 42 (not a fixture user's name)");
  CHECK(token_owner(t, unsigned_jwt({{"iss", "x"}})) == "token without sub: its owner is not readable");
  CHECK(token_owner(t, "2YotnFZFEjr1zCsicMWpAA") == "opaque token: its owner is not readable");
}

TEST_CASE("with_owner leaves a note alone when the response issued no token", "[unit]") {
  Response refused;
  refused.status = http::status::bad_request;
  refused.body = R"({"error":"invalid_request"})";
  CHECK(with_owner(two_users(), "username twice", refused) == "username twice");
  Response issued;
  issued.status = http::status::ok;
  issued.body = nlohmann::json{{"access_token", unsigned_jwt({{"sub", "alice"}})}, {"token_type", "Bearer"}}.dump();
  CHECK(with_owner(two_users(), "username twice", issued) ==
        R"(username twice [token for sub "alice" (fixture user alice; roles user)])");
}

}  // namespace authprobe::conformance::support
