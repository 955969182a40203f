// The server's token policy end to end [K]: tokens signed with the real key but wrong claims.
#include <catch2/catch.hpp>

#include "reference/jose/jwt.hpp"
#include "reference/server/testing/test_server.hpp"

using namespace authprobe;
using namespace authprobe::server::testing;

namespace {

jose::Claims alice_claims(std::int64_t now) {
  jose::Claims claims;
  claims.iss = test_issuer;
  claims.sub = "alice";
  claims.aud = {std::string(test_audience)};
  claims.client_id = "cli";
  claims.jti = "test-jti-0123456789abcdef";
  claims.scope = "todos:read";
  claims.roles = {"user"};
  claims.iat = now;
  claims.exp = now + 600;
  return claims;
}

std::int64_t now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

TEST_CASE("JWT-22/26/28/29 and AUTHZ-06/07: wrong issuer, audience, expiry or role claims are refused", "[http]") {
  const auto key = jose::Key::generate(jose::Algorithm::HS256).value();
  TestServerSettings settings;
  settings.signing_key = key;
  TestServer ts(settings);
  auto client = ts.client();
  auto get = [&](const jose::Claims& claims, const std::string& path) {
    return client.Get(path, bearer(jose::mint_access_token(claims, key).value()))->status;
  };

  CHECK(get(alice_claims(now()), "/users/me") == 200);
  auto other_issuer = alice_claims(now());
  other_issuer.iss = std::string(test_issuer) + "/";
  CHECK(get(other_issuer, "/users/me") == 401);
  auto other_audience = alice_claims(now());
  other_audience.aud = {"other"};
  CHECK(get(other_audience, "/users/me") == 401);
  CHECK(get(alice_claims(now() - 3600), "/users/me") == 401);
  auto no_jti = alice_claims(now());
  no_jti.jti.clear();
  CHECK(get(no_jti, "/users/me") == 401);
  auto no_client = alice_claims(now());
  no_client.client_id.clear();
  CHECK(get(no_client, "/users/me") == 401);

  // A forged role in a validly signed token is not enough: alice's record says "user".
  auto escalated = alice_claims(now());
  escalated.roles = {"admin"};
  escalated.scope = "todos:read admin";
  CHECK(get(escalated, "/admin") == 403);
  auto readonly = alice_claims(now());
  readonly.scope = "readonly Todos:read todos:read,todos:write";
  CHECK(get(readonly, "/api/todos") == 403);
  CHECK(ts.server().exceptions_caught() == 0);
}
