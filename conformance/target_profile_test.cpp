#include <catch2/catch.hpp>

#include "conformance/suite.hpp"
#include "conformance/target_profile.hpp"

namespace authprobe::conformance {

TEST_CASE("every shipped target profile loads", "[unit]") {
  const std::string dir = std::string(AUTHPROBE_SOURCE_DIR) + "/fixtures/profiles/";
  for (const char* name : {"reference.json", "reference-fastapi.json", "fastapi-tutorial.json", "profile.example.jsonc"}) {
    INFO(name);
    if (std::string(name) == "profile.example.jsonc") setenv("MY_BOB_PASSWORD", "from-the-environment", 1);
    auto profile = load_target_profile(dir + name);
    REQUIRE(profile);
    CHECK(profile->endpoints.token.has_value());
    CHECK(profile->user("alice") != nullptr);
  }
}

// Found by fuzz/target_profile_fuzz.cpp (fixtures/fuzz/target_profile/crash-number-overflow.json):
// nlohmann throws out_of_range, not parse_error, for a number beyond double's range.
TEST_CASE("a profile with a number too large for a double is an error, not an exception", "[unit]") {
  auto profile = parse_target_profile(R"({"token": {"ttl_seconds": 2e308}})", "big.json");
  REQUIRE_FALSE(profile);
  CHECK(profile.error().file == "big.json");
  CHECK(profile.error().problem.find("not valid JSON") != std::string::npos);
}

TEST_CASE("the reference profile maps the fixture contract", "[unit]") {
  auto profile = load_target_profile(std::string(AUTHPROBE_SOURCE_DIR) + "/fixtures/profiles/reference.json");
  REQUIRE(profile);
  CHECK(profile->endpoints.bearer_read->path == "/api/todos");
  CHECK(profile->endpoints.bearer_write->method == "POST");
  CHECK(profile->scope("read") == "todos:read");
  CHECK(profile->user("carol")->disabled);
  CHECK(profile->user("dave")->password.size() == 80);
  CHECK(profile->clients.auth == ClientAuth::basic);
  CHECK_FALSE(profile->key_known());
  CHECK(profile->token.audience == "authprobe-api");
}

TEST_CASE("the embedded reference profiles equal the shipped files", "[unit]") {
  auto embedded = embedded_reference_profile();
  REQUIRE(embedded);
  CHECK(embedded->name == "reference");
  auto fastapi = embedded_reference_profile(true);
  REQUIRE(fastapi);
  CHECK(fastapi->name == "reference-fastapi");
}

TEST_CASE("profile errors name the file, the field and the problem", "[unit]") {
  auto unknown = parse_target_profile(R"({"endpoints": {"tokn": "/token"}})", "p.json");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().message() == "p.json: endpoints.tokn: unknown field");

  auto bad_type = parse_target_profile(R"({"endpoints": {"token": "/token"}, "users": {"alice": {"password": 5}}})", "p.json");
  REQUIRE_FALSE(bad_type);
  CHECK(bad_type.error().field == "users.alice.password");

  auto missing_env = parse_target_profile(
      R"({"endpoints": {"token": "/token"}, "users": {"alice": {"password_env": "AUTHPROBE_TEST_UNSET_VARIABLE"}}})", "p.json");
  REQUIRE_FALSE(missing_env);
  CHECK(missing_env.error().problem.find("not set") != std::string::npos);

  auto no_path = parse_target_profile(R"({"endpoints": {"token": "token"}})", "p.json");
  REQUIRE_FALSE(no_path);
  CHECK(no_path.error().field == "endpoints.token");

  CHECK_FALSE(parse_target_profile("{not json", "p.json"));
}

TEST_CASE("protected_by says whether a protected resource is role- or scope-protected", "[unit]") {
  auto profile = parse_target_profile(R"({"endpoints": {"token": "/token",
      "bearer_read": "/api/todos",
      "bearer_write": {"method": "POST", "path": "/api/todos", "protected_by": {"scope": "todos:write"}},
      "bearer_admin": {"path": "/admin", "protected_by": {"role": "admin"}},
      "basic_admin": {"path": "/basic/admin", "protected_by": {"role": "root"}}}})", "p.json");
  REQUIRE(profile);
  CHECK_FALSE(profile->endpoints.bearer_read->protected_by);  // not given: the checks use flows.scopes
  REQUIRE(profile->endpoints.bearer_write->protected_by);
  CHECK(profile->endpoints.bearer_write->protected_by->kind == Protection::Kind::scope);
  CHECK(profile->endpoints.bearer_write->protected_by->name == "todos:write");
  REQUIRE(profile->endpoints.bearer_admin->protected_by);
  CHECK(profile->endpoints.bearer_admin->protected_by->kind == Protection::Kind::role);
  CHECK(profile->endpoints.bearer_admin->protected_by->name == "admin");
  CHECK(profile->endpoints.basic_admin->protected_by->name == "root");

  // The reference server asks the admin scope of tokens and the admin role of Basic users.
  auto reference = load_target_profile(std::string(AUTHPROBE_SOURCE_DIR) + "/fixtures/profiles/reference.json");
  REQUIRE(reference);
  CHECK(reference->endpoints.bearer_admin->protected_by->kind == Protection::Kind::scope);
  CHECK(reference->endpoints.basic_admin->protected_by->kind == Protection::Kind::role);
}

TEST_CASE("a protected_by that is not exactly one role or scope is a profile error", "[unit]") {
  const auto load = [](const std::string& protection) {
    return parse_target_profile(R"({"endpoints": {"token": "/token", "bearer_admin": {"path": "/admin", "protected_by": )" +
                                    protection + "}}}",
                                "p.json");
  };
  for (const char* bad : {R"({"role": "admin", "scope": "admin"})", "{}", R"({"role": ""})", R"({"scope": 7})",
                          R"({"group": "admin"})", R"("admin")"}) {
    INFO(bad);
    auto profile = load(bad);
    REQUIRE_FALSE(profile);
    CHECK(profile.error().field.rfind("endpoints.bearer_admin.protected_by", 0) == 0);
  }
  // Only protected resources take it: elsewhere it is an unknown field, like any typo.
  auto on_token = parse_target_profile(R"({"endpoints": {"token": {"path": "/token", "protected_by": {"role": "x"}}}})", "p.json");
  REQUIRE_FALSE(on_token);
  CHECK(on_token.error().message() == "p.json: endpoints.token.protected_by: unknown field");
}

}  // namespace authprobe::conformance
