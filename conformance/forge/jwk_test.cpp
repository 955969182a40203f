#include "conformance/forge/jwk.hpp"

#include <catch2/catch.hpp>

#include "conformance/forge/sign.hpp"

namespace forge = authprobe::conformance::forge;

namespace {
void check_round_trip(const forge::PKey& key, forge::Alg alg) {
  const auto jwk = forge::public_jwk(key);
  REQUIRE(jwk);
  const auto back = forge::public_key_from_jwk(*jwk);
  REQUIRE(back);
  CHECK(EVP_PKEY_eq(key.get(), back->get()) == 1);
  // The re-imported public key verifies what the private key signed.
  const auto sig = forge::sign(alg, key, "input").value();
  CHECK(forge::verify(alg, *back, "input", sig));
}
}  // namespace

TEST_CASE("RSA, P-256 and Ed25519 public keys round-trip through JWK", "[unit]") {
  check_round_trip(forge::generate_rsa().value(), forge::Alg::RS256);
  check_round_trip(forge::generate_p256().value(), forge::Alg::ES256);
  check_round_trip(forge::generate_ed25519().value(), forge::Alg::EdDSA);
}

TEST_CASE("an RSA JWK has kty, n and e = AQAB", "[unit]") {
  const auto jwk = forge::public_jwk(forge::generate_rsa().value()).value();
  CHECK(jwk["kty"] == "RSA");
  CHECK(jwk["e"] == "AQAB");
  CHECK(jwk["n"].get<std::string>().size() == 342);  // 256 bytes in base64url
}

TEST_CASE("malformed JWKs are refused as values", "[unit]") {
  CHECK_FALSE(forge::public_key_from_jwk(nlohmann::json::array()));
  CHECK_FALSE(forge::public_key_from_jwk({{"kty", 5}}));
  CHECK_FALSE(forge::public_key_from_jwk({{"kty", "EC"}, {"crv", "P-256"}, {"x", "AA"}, {"y", "AA"}}));
  CHECK_FALSE(forge::public_key_from_jwk({{"kty", "oct"}, {"k", "AA"}}));
}
