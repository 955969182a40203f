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

}  // namespace authprobe::conformance
