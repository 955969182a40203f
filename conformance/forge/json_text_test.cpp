#include "conformance/forge/json_text.hpp"

#include <catch2/catch.hpp>

#include "conformance/forge/claims.hpp"

namespace forge = authprobe::conformance::forge;

TEST_CASE("a raw member value survives byte for byte", "[unit]") {
  const auto text = forge::with_member_raw(R"({"sub":"alice","exp":1})", "exp", "18446744073709551616");
  REQUIRE(text);
  CHECK(*text == R"({"sub":"alice","exp":18446744073709551616})");
}

TEST_CASE("appending a member keeps the first occurrence, giving a duplicate name", "[unit]") {
  const auto text = forge::append_member_raw(R"({"scope":"read"})", "scope", R"("admin")");
  REQUIRE(text);
  CHECK(*text == R"({"scope":"read","scope":"admin"})");
}

TEST_CASE("a member can be removed and added to an empty object", "[unit]") {
  CHECK(forge::without_member(R"({"a":1,"b":2})", "a").value() == R"({"b":2})");
  CHECK(forge::append_member_raw("{}", "a", "true").value() == R"({"a":true})");
  CHECK_FALSE(forge::without_member("[1]", "a"));
}

TEST_CASE("escalation raises scope and role, refreshes exp and keeps the other claims", "[unit]") {
  const auto escalation = forge::escalation_for({"todos:read", "todos:write", "admin"}, 1000);
  const auto payload = forge::escalate(R"({"sub":"alice","scope":"todos:read","exp":5,"jti":"x"})", escalation);
  REQUIRE(payload);
  const auto claims = forge::parse_object(*payload).value();
  CHECK(claims["sub"] == "alice");
  CHECK(claims["jti"] == "x");
  CHECK(claims["scope"] == "todos:read todos:write admin");
  CHECK(claims["role"] == "admin");
  CHECK(claims["roles"] == nlohmann::json::array({"admin"}));
  CHECK(claims["exp"] == 1000 + forge::forged_lifetime_seconds);
  CHECK(forge::scope_of(*payload) == "todos:read todos:write admin");
}
