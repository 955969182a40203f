// The profile fields that describe real servers: how tokens are obtained,
// scopes to request, an identity per flow, the disabled user by flag, an expired-token fixture,
// the HS key's encoding and a second confidential client.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "conformance/command_output.hpp"
#include "conformance/target_profile.hpp"
#include "conformance/token_acquisition.hpp"

namespace authprobe::conformance {
namespace {

ProfileResult<TargetProfile> parse(const std::string& text) { return parse_target_profile(text, "p.json"); }

}  // namespace

TEST_CASE("a profile without token_acquisition keeps the OAuth password grant, or none without a token endpoint",
          "[unit]") {
  auto oauth = parse(R"({"endpoints": {"token": "/token"}, "users": {"alice": {"password": "pw"}}})");
  REQUIRE(oauth);
  CHECK(oauth->acquisition_kind() == AcquisitionKind::oauth_password);
  CHECK(oauth->oauth_tokens());
  auto basic_only = parse(R"({"endpoints": {"basic_user": "/profile"}, "flows": {"basic": true, "password_grant": false}})");
  REQUIRE(basic_only);
  CHECK(basic_only->acquisition_kind() == AcquisitionKind::none);
}

TEST_CASE("a JSON login route with a nested token member is read from token_acquisition", "[unit]") {
  auto profile = parse(R"({
    "endpoints": {"token": "/api/login", "bearer_read": "/api/items"},
    "users": {"alice": {"password": "pw"}},
    "token_acquisition": {"kind": "login",
      "login": {"credentials": "json", "username_field": "email", "access_token": "data.access",
                "refresh_token": "data.refresh"}}})");
  REQUIRE(profile);
  CHECK(profile->acquisition_kind() == AcquisitionKind::login);
  CHECK_FALSE(profile->oauth_tokens());
  CHECK_FALSE(profile->flows.password_grant);  // the OAuth TOKEN checks SKIP on such a server
  CHECK(profile->acquisition.login.username_field == "email");
  CHECK(profile->acquisition.login.password_field == "password");
  CHECK(profile->acquisition.login.access_token_path == "data.access");
  CHECK(profile->acquisition.login.refresh_token_path == "data.refresh");

  // The request the suite sends, and how it reads the answer.
  auto request = acquisition::request_for(*profile, *profile->user("alice"), "alice");
  REQUIRE(request);
  CHECK(request->method == "POST");
  CHECK(request->target == "/api/login");
  CHECK(nlohmann::json::parse(request->body) == nlohmann::json{{"email", "alice"}, {"password", "pw"}});
  Response answer;
  answer.status = 200;
  answer.body = R"({"data": {"access": "tok-1", "refresh": "ref-1"}})";
  auto grant = acquisition::read_response(*profile, answer, "alice");
  REQUIRE(grant);
  CHECK(grant->access_token == "tok-1");
  CHECK(grant->refresh_token == "ref-1");

  answer.body = R"({"data": {"access": 5}})";
  auto wrong_shape = acquisition::read_response(*profile, answer, "alice");
  REQUIRE_FALSE(wrong_shape);
  CHECK(wrong_shape.error().field == "token_acquisition.login.access_token");

  answer.status = 401;
  answer.body = R"({"error": "bad credentials"})";
  auto refused = acquisition::read_response(*profile, answer, "alice");
  REQUIRE_FALSE(refused);
  CHECK(refused.error().field == "users.alice.password");
  CHECK(refused.error().reason.find("POST /api/login answered 401 bad credentials") != std::string::npos);
}

TEST_CASE("a token route behind Basic sends the user's Basic credentials and no body", "[unit]") {
  auto profile = parse(R"({"endpoints": {"token": {"method": "POST", "path": "/api/tokens"}},
    "users": {"alice": {"password": "pw"}},
    "token_acquisition": {"kind": "login", "login": {"credentials": "basic", "access_token": "token"}}})");
  REQUIRE(profile);
  auto request = acquisition::request_for(*profile, *profile->user("alice"), "alice");
  REQUIRE(request);
  CHECK(request->body.empty());
  CHECK(request->headers == HeaderLines{{"Authorization", "Basic YWxpY2U6cHc="}});
}

TEST_CASE("the client-credentials kind authenticates each user as a client and asks for its scopes", "[unit]") {
  auto profile = parse(R"({"endpoints": {"token": "/oauth/token"},
    "users": {"alice": {"username": "svc-a", "password": "s3cret", "scopes": ["read"]}},
    "scopes": {"read": "items:read"},
    "clients": {"auth": "basic", "confidential": {"id": "unused", "secret": "x"}},
    "token_acquisition": {"kind": "oauth_client_credentials", "request_scopes": true}})");
  REQUIRE(profile);
  auto request = acquisition::request_for(*profile, *profile->user("alice"), "alice");
  REQUIRE(request);
  CHECK(request->body == "grant_type=client_credentials&scope=items%3Aread");
  CHECK(request->headers.front().second == "Basic c3ZjLWE6czNjcmV0");  // svc-a:s3cret
}

TEST_CASE("request_scopes asks for each user's scopes, or the per-user list, in the password grant", "[unit]") {
  auto profile = parse(R"({"endpoints": {"token": "/token"},
    "users": {"alice": {"password": "pw", "scopes": ["read"]},
              "bob": {"password": "pw", "scopes": ["read", "admin"], "request_scopes": ["admin"]}},
    "scopes": {"read": "r", "admin": "adm"},
    "token_acquisition": {"kind": "oauth_password", "request_scopes": true}})");
  REQUIRE(profile);
  CHECK(profile->requested_scopes(*profile->user("alice")) == std::vector<std::string>{"r"});
  CHECK(profile->requested_scopes(*profile->user("bob")) == std::vector<std::string>{"adm"});
  auto request = acquisition::password_grant_request(*profile, *profile->endpoints.token, *profile->user("alice"), {}, {});
  CHECK(request.body == "grant_type=password&username=alice&password=pw&scope=r");
  // A check that asks for a scope itself keeps its own.
  auto own = acquisition::password_grant_request(*profile, *profile->endpoints.token, *profile->user("alice"),
                                                 {{"scope", "other"}}, {});
  CHECK(own.body == "grant_type=password&username=alice&password=pw&scope=other");
}

TEST_CASE("the disabled user is whichever user is marked disabled, and Basic may use another identity", "[unit]") {
  auto profile = parse(R"({"endpoints": {"token": "/token", "basic_user": "/profile"},
    "flows": {"basic": true},
    "users": {"johndoe": {"password": "secret"},
              "alice": {"password": "secret2", "disabled": true,
                        "basic": {"username": "alice-basic", "password": "basic-pw"}}}})");
  REQUIRE(profile);
  REQUIRE(profile->user("carol") != nullptr);
  CHECK(profile->user("carol")->username == "alice");
  const auto on_basic = profile->basic_user("alice");
  REQUIRE(on_basic);
  CHECK(on_basic->username == "alice-basic");
  CHECK(on_basic->password == "basic-pw");
  CHECK(profile->user("alice")->password == "secret2");  // the token flow keeps its identity
}

TEST_CASE("the HS key is accepted as text, hex or base64url, as the profile states", "[unit]") {
  const auto key_of = [](const std::string& key_json) {
    return parse(R"({"endpoints": {"token": "/token"}, "token": {"key": )" + key_json + "}}");
  };
  auto text = key_of(R"({"hs_secret": "secret", "hs_encoding": "text"})");
  REQUIRE(text);
  CHECK(text->token.key.hs_secret_b64u == "c2VjcmV0");
  auto hex = key_of(R"({"hs_secret": "736563726574", "hs_encoding": "hex"})");
  REQUIRE(hex);
  CHECK(hex->token.key.hs_secret_b64u == "c2VjcmV0");
  auto b64u = key_of(R"({"hs_secret": "c2VjcmV0", "hs_encoding": "base64url"})");
  REQUIRE(b64u);
  CHECK(b64u->token.key.hs_secret_b64u == "c2VjcmV0");
  auto legacy = key_of(R"({"hs_secret_b64u": "c2VjcmV0"})");
  REQUIRE(legacy);
  CHECK(legacy->token.key.hs_secret_b64u == "c2VjcmV0");

  auto unstated = key_of(R"({"hs_secret": "secret"})");
  REQUIRE_FALSE(unstated);
  CHECK(unstated.error().field == "token.key.hs_encoding");
  auto not_hex = key_of(R"({"hs_secret": "xyz", "hs_encoding": "hex"})");
  REQUIRE_FALSE(not_hex);
  CHECK(not_hex.error().field == "token.key.hs_secret");
  auto unknown = key_of(R"({"hs_secret": "x", "hs_encoding": "rot13"})");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().field == "token.key.hs_encoding");
}

TEST_CASE("supplied tokens, expired-token fixtures and a second client are read; contradictions are errors",
          "[unit]") {
  auto profile = parse(R"({"endpoints": {"bearer_read": "/items"},
    "users": {"alice": {"token_env": "ALICE_TOKEN", "expired_token": "old.token.value"},
              "bob": {"token_command": "get-token bob"}},
    "clients": {"auth": "basic", "confidential": {"id": "a", "secret": "x"},
                "second_confidential": {"id": "b", "secret": "y"}},
    "token_acquisition": {"kind": "supplied"}})");
  REQUIRE(profile);
  CHECK(profile->acquisition_kind() == AcquisitionKind::supplied);
  CHECK(profile->user("alice")->token->env == "ALICE_TOKEN");
  CHECK(profile->user("alice")->token->field == "users.alice.token_env");
  CHECK(profile->user("alice")->expired_token->value == "old.token.value");
  CHECK(profile->user("bob")->token->command == "get-token bob");
  CHECK(profile->clients.second_confidential->id == "b");

  auto two_sources = parse(R"({"endpoints": {}, "users": {"alice": {"token": "t", "token_env": "T"}},
    "token_acquisition": {"kind": "supplied"}})");
  REQUIRE_FALSE(two_sources);
  CHECK(two_sources.error().field == "users.alice.token");
  auto none_given = parse(R"({"endpoints": {}, "users": {"alice": {"password": "pw"}}, "token_acquisition": {"kind": "supplied"}})");
  REQUIRE_FALSE(none_given);
  auto contradiction = parse(R"({"endpoints": {"token": "/login"}, "users": {"alice": {"password": "pw"}},
    "flows": {"password_grant": true}, "token_acquisition": {"kind": "login"}})");
  REQUIRE_FALSE(contradiction);
  CHECK(contradiction.error().field == "flows.password_grant");
  auto no_route = parse(R"({"endpoints": {}, "users": {"alice": {"password": "pw"}}, "token_acquisition": {"kind": "login"}})");
  REQUIRE_FALSE(no_route);
  CHECK(no_route.error().field == "endpoints.token");
  auto bad_path = parse(R"({"endpoints": {"token": "/login"}, "users": {"alice": {"password": "pw"}},
    "token_acquisition": {"kind": "login", "login": {"access_token": "data..x"}}})");
  REQUIRE_FALSE(bad_path);
  auto bad_kind = parse(R"({"endpoints": {}, "token_acquisition": {"kind": "saml"}})");
  REQUIRE_FALSE(bad_kind);
  CHECK(bad_kind.error().field == "token_acquisition.kind");
}

TEST_CASE("a supplied token is read from the environment or a command, trimmed, and failures name the field",
          "[unit]") {
  setenv("AUTHPROBE_TEST_SUPPLIED", "  tok-from-env\n", 1);
  auto from_env = acquisition::supplied(SuppliedToken{std::nullopt, "AUTHPROBE_TEST_SUPPLIED", std::nullopt, "users.alice.token_env"});
  REQUIRE(from_env);
  CHECK(*from_env == "tok-from-env");
  auto from_command = acquisition::supplied(SuppliedToken{std::nullopt, std::nullopt, "echo tok-from-command", "f"});
  REQUIRE(from_command);
  CHECK(*from_command == "tok-from-command");
  auto failing = acquisition::supplied(SuppliedToken{std::nullopt, std::nullopt, "exit 3", "users.bob.token_command"});
  REQUIRE_FALSE(failing);
  CHECK(failing.error().field == "users.bob.token_command");
  CHECK(failing.error().reason.find("status 3") != std::string::npos);
  auto empty = acquisition::supplied(SuppliedToken{std::nullopt, std::nullopt, "true", "f"});
  CHECK_FALSE(empty);
}

TEST_CASE("a token command that hangs or floods is stopped within its limits", "[unit]") {
  CommandLimits limits;
  limits.timeout = std::chrono::milliseconds(300);
  limits.max_output_bytes = 1024;
  auto hangs = command_output("sleep 30", limits);
  REQUIRE_FALSE(hangs);
  CHECK(hangs.error().find("timed out") != std::string::npos);
  auto closes_stdout_and_hangs = command_output("exec >/dev/null; sleep 30", limits);
  REQUIRE_FALSE(closes_stdout_and_hangs);
  CHECK(closes_stdout_and_hangs.error().find("timed out") != std::string::npos);
  auto floods = command_output("yes", limits);
  REQUIRE_FALSE(floods);
  CHECK(floods.error().find("more than 1024 bytes") != std::string::npos);
}

}  // namespace authprobe::conformance
