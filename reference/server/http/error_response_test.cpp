#include "reference/server/http/error_response.hpp"

#include <catch2/catch.hpp>

using namespace authprobe::server;
using authprobe::config::CompatMode;

namespace {

httplib::Response respond(const AuthError& error, Offer offer, CompatMode compat = CompatMode::strict) {
  httplib::Response response;
  write_error(error, {"authprobe", compat, offer}, response);
  return response;
}

std::vector<std::string> challenges(const httplib::Response& response) {
  std::vector<std::string> out;
  const auto range = response.headers.equal_range("WWW-Authenticate");
  for (auto it = range.first; it != range.second; ++it) out.push_back(it->second);
  return out;
}

// RFC 6749 §5.2: error and error_description use %x20-21 / %x23-5B / %x5D-7E only.
bool restricted_ascii(const std::string& s) {
  for (const char c : s)
    if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') return false;
  return true;
}

}  // namespace

TEST_CASE("No credentials on a Bearer resource: 401 with a Bearer challenge and no error code", "[unit]") {
  const auto r = respond(make_error(AuthErrorKind::no_credentials, "authentication required"), Offer::bearer);
  CHECK(r.status == 401);
  CHECK(challenges(r) == std::vector<std::string>{R"(Bearer realm="authprobe")"});
  CHECK(r.get_header_value("Cache-Control") == "no-store");
}

TEST_CASE("No credentials on a Basic-or-Bearer resource offers both challenges", "[unit]") {
  const auto r = respond(make_error(AuthErrorKind::no_credentials), Offer::basic_and_bearer);
  CHECK(challenges(r) ==
        std::vector<std::string>{R"(Basic realm="authprobe", charset="UTF-8")", R"(Bearer realm="authprobe")"});
}

TEST_CASE("Insufficient scope is a 403 whose challenge names the scope", "[unit]") {
  AuthError e = make_error(AuthErrorKind::insufficient_scope, "needs more");
  e.scope = "admin";
  const auto r = respond(e, Offer::bearer);
  CHECK(r.status == 403);
  CHECK(challenges(r).at(0) ==
        R"(Bearer realm="authprobe", error="insufficient_scope", error_description="needs more", scope="admin")");
}

TEST_CASE("Token endpoint errors are JSON with a registered code and no-store caching", "[unit]") {
  for (const auto kind : {AuthErrorKind::invalid_request, AuthErrorKind::invalid_grant,
                          AuthErrorKind::unsupported_grant_type, AuthErrorKind::invalid_scope,
                          AuthErrorKind::unauthorized_client}) {
    const auto r = respond(make_error(kind, "fixed text"), Offer::none);
    CHECK(r.status == 400);
    const auto body = nlohmann::json::parse(r.body);
    CHECK(body.at("error") == error_code_name(kind));
    CHECK(restricted_ascii(body.at("error").get<std::string>()));
    CHECK(r.get_header_value("Cache-Control") == "no-store");
    CHECK(r.get_header_value("Pragma") == "no-cache");
    CHECK(challenges(r).empty());
  }
}

TEST_CASE("invalid_client is a 401 with a Basic challenge", "[unit]") {
  const auto r = respond(make_error(AuthErrorKind::invalid_client, "client authentication failed"), Offer::none);
  CHECK(r.status == 401);
  CHECK(challenges(r) == std::vector<std::string>{R"(Basic realm="authprobe", charset="UTF-8")"});
}

TEST_CASE("405 carries Allow and 503 carries Retry-After", "[unit]") {
  AuthError e = make_error(AuthErrorKind::method_not_allowed);
  e.allow = "POST, OPTIONS";
  CHECK(respond(e, Offer::none).get_header_value("Allow") == "POST, OPTIONS");
  const auto busy = respond(make_error(AuthErrorKind::busy), Offer::none);
  CHECK(busy.status == 503);
  CHECK(busy.get_header_value("Retry-After") == "1");
}

TEST_CASE("fastapi compat answers a bad password at the token endpoint like tutorial004", "[unit]") {
  const auto r = respond(make_error(AuthErrorKind::invalid_grant), Offer::none, CompatMode::fastapi);
  CHECK(r.status == 401);
  CHECK(challenges(r) == std::vector<std::string>{"Bearer"});
  CHECK(nlohmann::json::parse(r.body) == nlohmann::json{{"detail", "Incorrect username or password"}});
}

TEST_CASE("fastapi compat answers failed form fields with FastAPI 0.92's 422 validation list", "[unit]") {
  AuthError e = make_error(AuthErrorKind::unprocessable);
  e.fields = {{"grant_type", FieldProblem::pattern_mismatch, "password"}, {"username", FieldProblem::missing, {}}};
  const auto r = respond(e, Offer::none, CompatMode::fastapi);
  CHECK(r.status == 422);
  CHECK(nlohmann::json::parse(r.body) ==
        nlohmann::json::parse(R"({"detail": [
          {"loc": ["body", "grant_type"], "msg": "string does not match regex \"password\"",
           "type": "value_error.str.regex", "ctx": {"pattern": "password"}},
          {"loc": ["body", "username"], "msg": "field required", "type": "value_error.missing"}]})"));
}

TEST_CASE("fastapi compat: a role refusal is the RBAC tutorial's 403, a scope refusal names the route's scopes", "[unit]") {
  const auto role = respond(make_error(AuthErrorKind::forbidden, "the admin role is required"), Offer::bearer,
                            CompatMode::fastapi);
  CHECK(role.status == 403);
  CHECK(challenges(role).empty());
  CHECK(nlohmann::json::parse(role.body) == nlohmann::json{{"detail", "Not enough permissions"}});
  httplib::Response scoped;
  AuthError missing = make_error(AuthErrorKind::insufficient_scope);
  missing.scope = "items me";
  write_error(missing, {"authprobe", CompatMode::fastapi, Offer::bearer, "items me"}, scoped);
  CHECK(scoped.status == 401);
  CHECK(challenges(scoped) == std::vector<std::string>{R"(Bearer scope="items me")"});
  httplib::Response invalid;
  write_error(make_error(AuthErrorKind::invalid_token), {"authprobe", CompatMode::fastapi, Offer::bearer, "me"}, invalid);
  CHECK(challenges(invalid) == std::vector<std::string>{R"(Bearer scope="me")"});
}
