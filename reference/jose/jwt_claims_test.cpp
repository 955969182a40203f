// JwtVerifier claim rules (RFC 7519 §4.1, RFC 9068 §2.2) with an injected clock.
#include <catch2/catch.hpp>

#include "reference/jose/claims.hpp"
#include "reference/jose/testing/token_factory.hpp"

using authprobe::Result;
using namespace authprobe::jose;
using namespace authprobe::jose::testing;
using nlohmann::json;

namespace {

JoseErrc error_of(const Result<Claims>& result) {
  REQUIRE_FALSE(result.has_value());
  return static_cast<JoseErrc>(result.error().code.value());
}

Result<Claims> verify(const json& claims, std::chrono::seconds leeway = std::chrono::seconds{0}) {
  return JwtVerifier(key_set(hs256_key()), policy(leeway)).verify(token_with_claims(claims), now);
}

json with(const char* name, json value) {
  json claims = good_claims();
  claims[name] = std::move(value);
  return claims;
}

json without(const char* name) {
  json claims = good_claims();
  claims.erase(name);
  return claims;
}

}  // namespace

TEST_CASE("a minted access token verifies and its claims come back", "[unit]") {
  Claims claims;
  claims.iss = issuer;
  claims.sub = "alice";
  claims.aud = {audience};
  claims.client_id = "cli";
  claims.jti = "id-1";
  claims.scope = "todos:read todos:write";
  claims.roles = {"admin", "user"};
  claims.iat = now;
  claims.exp = now + lifetime;
  auto token = mint_access_token(claims, hs256_key());
  REQUIRE(token);
  auto decoded = decode_unverified(*token);
  REQUIRE(decoded);
  CHECK(decoded->header_json == R"({"alg":"HS256","typ":"at+jwt","kid":"k1"})");
  CHECK(json::parse(decoded->payload)["aud"] == audience);  // one audience: a string

  auto verified = JwtVerifier(key_set(hs256_key()), policy()).verify(*token, now);
  REQUIRE(verified);
  CHECK(verified->sub == "alice");
  CHECK(verified->aud == std::vector<std::string>{audience});
  CHECK(verified->client_id == "cli");
  CHECK(verified->jti == "id-1");
  CHECK(verified->iat == now);
  CHECK(verified->exp == now + lifetime);
  CHECK(verified->has_scope("todos:write"));
  CHECK_FALSE(verified->has_scope("todos"));
  CHECK(verified->has_role("admin"));
  CHECK_FALSE(verified->has_role("Admin"));
}

TEST_CASE("exp must be a number: string, bool and null are bad_claim_type", "[unit]") {
  CHECK(error_of(verify(with("exp", std::to_string(now + lifetime)))) == JoseErrc::bad_claim_type);
  CHECK(error_of(verify(with("exp", true))) == JoseErrc::bad_claim_type);
  CHECK(error_of(verify(with("exp", nullptr))) == JoseErrc::bad_claim_type);
  CHECK(error_of(verify(with("exp", json::array({now + lifetime})))) == JoseErrc::bad_claim_type);
}

TEST_CASE("a token is valid strictly before exp", "[unit]") {
  CHECK(error_of(verify(with("exp", now))) == JoseErrc::expired);
  CHECK(error_of(verify(with("exp", now - 1))) == JoseErrc::expired);
  CHECK(verify(with("exp", now + 1)).has_value());
  CHECK(verify(with("exp", now + 0.5)).has_value());  // fractional NumericDate
  CHECK(error_of(verify(with("exp", now - 0.5))) == JoseErrc::expired);
}

TEST_CASE("leeway extends exp by exactly its length", "[unit]") {
  constexpr std::int64_t leeway = 60;
  const std::chrono::seconds l{leeway};
  CHECK(error_of(verify(with("exp", now - leeway - 1), l)) == JoseErrc::expired);
  CHECK(error_of(verify(with("exp", now - leeway), l)) == JoseErrc::expired);
  CHECK(verify(with("exp", now - leeway + 5), l).has_value());
}

TEST_CASE("huge and extreme exp values neither overflow nor crash", "[unit]") {
  CHECK(verify(with("exp", 1e300), std::chrono::seconds{300}).has_value());
  CHECK(verify(with("exp", std::numeric_limits<std::int64_t>::max()), std::chrono::seconds{300}).has_value());
  CHECK(verify(with("exp", std::numeric_limits<std::uint64_t>::max())).has_value());
  CHECK(error_of(verify(with("exp", -1e300))) == JoseErrc::expired);
  CHECK(error_of(verify(with("exp", std::numeric_limits<std::int64_t>::min()))) == JoseErrc::expired);
  // Out of double range: not a number simdjson will represent.
  const std::string text = R"({"iss":")" + issuer + R"(","sub":"a","aud":")" + audience + R"(","exp":1e400})";
  CHECK(error_of(JwtVerifier(key_set(hs256_key()), policy()).verify(signed_token(good_header().dump(), text), now)) ==
        JoseErrc::bad_json);
}

TEST_CASE("nbf in the future beyond the leeway is not_yet_valid", "[unit]") {
  CHECK(error_of(verify(with("nbf", now + 10))) == JoseErrc::not_yet_valid);
  CHECK(verify(with("nbf", now)).has_value());
  CHECK(verify(with("nbf", now + 10), std::chrono::seconds{10}).has_value());
  CHECK(error_of(verify(with("nbf", now + 11), std::chrono::seconds{10})) == JoseErrc::not_yet_valid);
  CHECK(error_of(verify(with("nbf", "now"))) == JoseErrc::bad_claim_type);
  CHECK(error_of(verify(with("iat", "now"))) == JoseErrc::bad_claim_type);
}

TEST_CASE("iss must match exactly", "[unit]") {
  CHECK(error_of(verify(with("iss", issuer + "/"))) == JoseErrc::bad_issuer);
  CHECK(error_of(verify(with("iss", "HTTPS://issuer.example"))) == JoseErrc::bad_issuer);
  CHECK(error_of(verify(with("iss", 1))) == JoseErrc::bad_claim_type);
  CHECK(error_of(verify(without("iss"))) == JoseErrc::missing_claim);
}

TEST_CASE("aud is a string or an array of strings that contains our audience", "[unit]") {
  CHECK(verify(with("aud", audience)).has_value());
  CHECK(verify(with("aud", {"other", audience})).has_value());
  CHECK(error_of(verify(with("aud", "other"))) == JoseErrc::bad_audience);
  CHECK(error_of(verify(with("aud", {"other"}))) == JoseErrc::bad_audience);
  CHECK(error_of(verify(with("aud", json::array()))) == JoseErrc::bad_audience);
  CHECK(error_of(verify(with("aud", 7))) == JoseErrc::bad_claim_type);
  CHECK(error_of(verify(with("aud", {audience, 7}))) == JoseErrc::bad_claim_type);
  CHECK(error_of(verify(without("aud"))) == JoseErrc::missing_claim);
}

TEST_CASE("sub, scope and roles have their types", "[unit]") {
  CHECK(error_of(verify(with("sub", 42))) == JoseErrc::bad_claim_type);
  CHECK(error_of(verify(without("sub"))) == JoseErrc::missing_claim);
  CHECK(error_of(verify(with("scope", {"a", "b"}))) == JoseErrc::bad_claim_type);
  CHECK(error_of(verify(with("roles", "admin"))) == JoseErrc::bad_claim_type);
  CHECK(error_of(verify(with("roles", {"admin", 1}))) == JoseErrc::bad_claim_type);
  CHECK(error_of(verify(with("client_id", false))) == JoseErrc::bad_claim_type);
  CHECK(error_of(verify(with("jti", 3))) == JoseErrc::bad_claim_type);
  CHECK(error_of(verify(without("exp"))) == JoseErrc::missing_claim);
  CHECK(verify(with("custom", {{"nested", {1, 2, 3}}})).has_value());
}

TEST_CASE("claims must be one JSON object with unique names", "[unit]") {
  const JwtVerifier verifier(key_set(hs256_key()), policy());
  const std::string header = good_header().dump();
  const std::string base = R"("iss":")" + issuer + R"(","sub":"a","aud":")" + audience + R"(")";
  const std::string exp = R"("exp":)" + std::to_string(now + lifetime);
  CHECK(verifier.verify(signed_token(header, "{" + base + "," + exp + "}"), now).has_value());
  CHECK(error_of(verifier.verify(signed_token(header, "{" + base + "," + exp + "," + exp + "}"), now)) == JoseErrc::bad_json);
  // Names are compared after unescaping: "\u0065xp" is "exp".
  CHECK(error_of(verifier.verify(signed_token(header, "{" + base + "," + exp + R"(,"\u0065xp":1})"), now)) ==
        JoseErrc::bad_json);
  CHECK(error_of(verifier.verify(signed_token(header, "[" + exp.substr(6) + "]"), now)) == JoseErrc::bad_json);
  CHECK(error_of(verifier.verify(signed_token(header, "{" + base + "," + exp + "} x"), now)) == JoseErrc::bad_json);
  CHECK(error_of(verifier.verify(signed_token(header, "{" + base + "," + exp + R"(,"n":"\xff"})"), now)) ==
        JoseErrc::bad_json);
}

TEST_CASE("deeply nested claims are refused, not recursed into", "[unit]") {
  for (std::size_t depth : {5000U, 10000U, 100000U}) {
    INFO("depth " << depth);
    std::string payload = "{\"x\":" + std::string(depth, '[') + std::string(depth, ']') + "}";
    Claims claims;
    CHECK(parse_claims(payload, claims).error().code == JoseErrc::bad_json);
    auto result = JwtVerifier(key_set(hs256_key()), policy()).verify(signed_token(good_header().dump(), payload), now);
    REQUIRE_FALSE(result);
    const auto code = static_cast<JoseErrc>(result.error().code.value());
    CHECK((code == JoseErrc::bad_json || code == JoseErrc::malformed_token));
  }
}

TEST_CASE("a leeway above max_leeway is refused, never clamped", "[unit]") {
  CHECK(JwtVerifier::validate(policy(max_leeway)).has_value());
  CHECK(JwtVerifier::validate(policy(max_leeway + std::chrono::seconds{1})).error().code == JoseErrc::bad_policy);
  CHECK(JwtVerifier::validate(policy(std::chrono::seconds{-1})).error().code == JoseErrc::bad_policy);
  CHECK(JwtVerifier::create(key_set(hs256_key()), policy(std::chrono::seconds{301})).error().code == JoseErrc::bad_policy);
  // Built anyway, the verifier fails closed, even for a perfectly good token.
  const JwtVerifier closed(key_set(hs256_key()), policy(std::chrono::seconds{301}));
  CHECK(error_of(closed.verify(token_with_claims(good_claims()), now)) == JoseErrc::bad_policy);
  ValidationPolicy no_issuer = policy();
  no_issuer.issuer.clear();
  CHECK(JwtVerifier::validate(no_issuer).error().code == JoseErrc::bad_policy);
}

TEST_CASE("verify_into reuses a Claims without carrying anything over from the token before", "[unit]") {
  const JwtVerifier verifier(key_set(hs256_key()), policy());
  json rich = good_claims();
  rich["aud"] = json::array({"other-api", audience});
  rich["roles"] = json::array({"admin", "user"});
  rich["scope"] = "todos:read admin";
  rich["client_id"] = "cli";
  rich["jti"] = "first-token-id";
  rich["nbf"] = now - 10;
  json sparse = good_claims();
  for (const char* name : {"roles", "scope", "client_id", "jti", "nbf", "iat"}) sparse.erase(name);

  Claims reused;
  REQUIRE(verifier.verify_into(token_with_claims(rich), now, reused));
  REQUIRE(reused.has_role("admin"));
  REQUIRE(reused.aud.size() == 2);

  REQUIRE(verifier.verify_into(token_with_claims(sparse), now, reused));
  const auto fresh = verifier.verify(token_with_claims(sparse), now);
  REQUIRE(fresh);
  CHECK(reused.roles.empty());
  CHECK_FALSE(reused.has_role("admin"));
  CHECK(reused.scope.empty());
  CHECK(reused.client_id.empty());
  CHECK(reused.jti.empty());
  CHECK(reused.nbf == 0);
  CHECK(reused.iat == 0);
  CHECK(reused.aud == fresh->aud);
  CHECK(reused.sub == fresh->sub);
  CHECK(reused.exp == fresh->exp);

  // A refused token leaves a mix behind, but the next good one overwrites all of it.
  CHECK_FALSE(verifier.verify_into(token_with_claims(with("roles", json::array({"admin", 7}))), now, reused));
  REQUIRE(verifier.verify_into(token_with_claims(sparse), now, reused));
  CHECK(reused.roles.empty());
}
