#include "conformance/forge/sign.hpp"

#include <catch2/catch.hpp>

#include "conformance/forge/base64url.hpp"
#include "conformance/forge/compact.hpp"

namespace forge = authprobe::conformance::forge;

namespace {
// RFC 7515 Appendix A.1 (HS256): the JWK "k" and the JWS Signing Input (CRLFs inside).
constexpr std::string_view a1_key_b64u =
    "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
constexpr std::string_view a1_input =
    "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
constexpr std::string_view a1_signature = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

// RFC 8037 Appendix A.4 (Ed25519 is deterministic, so the bytes must match).
constexpr std::string_view a4_seed_b64u = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
constexpr std::string_view a4_input = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
constexpr std::string_view a4_signature =
    "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
}  // namespace

TEST_CASE("HS256 signing reproduces the RFC 7515 A.1 signature", "[unit]") {
  const auto key = forge::b64url_decode(a1_key_b64u).value();
  const auto mac = forge::hmac_sign(forge::Alg::HS256, key, a1_input);
  REQUIRE(mac);
  CHECK(forge::b64url_encode(*mac) == a1_signature);
}

TEST_CASE("HMAC accepts the empty key and gives the known HMAC-SHA256 of nothing", "[unit]") {
  const auto mac = forge::hmac_sign(forge::Alg::HS256, "", "");
  REQUIRE(mac);
  // HMAC-SHA256(key = "", message = "") is a published constant.
  CHECK(forge::b64url_encode(*mac) == "thNnmggU2ex3L5XXeMNfxf8Wl8STcVZTxscSFEKSxa0");
}

TEST_CASE("HS384 and HS512 produce 48- and 64-byte MACs", "[unit]") {
  CHECK(forge::hmac_sign(forge::Alg::HS384, "k", "x").value().size() == 48);
  CHECK(forge::hmac_sign(forge::Alg::HS512, "k", "x").value().size() == 64);
  CHECK_FALSE(forge::hmac_sign(forge::Alg::RS256, "k", "x"));
}

TEST_CASE("Ed25519 signing reproduces RFC 8037 A.4", "[unit]") {
  const auto key = forge::ed25519_from_seed(forge::b64url_decode(a4_seed_b64u).value());
  REQUIRE(key);
  const auto sig = forge::sign(forge::Alg::EdDSA, *key, a4_input);
  REQUIRE(sig);
  CHECK(forge::b64url_encode(*sig) == a4_signature);
  CHECK(forge::verify(forge::Alg::EdDSA, *key, a4_input, *sig));
}

TEST_CASE("ES256 signatures are 64-byte R||S and verify with OpenSSL", "[unit]") {
  const auto key = forge::generate_p256().value();
  const auto sig = forge::sign(forge::Alg::ES256, key, "payload");
  REQUIRE(sig);
  CHECK(sig->size() == 64);
  CHECK(forge::verify(forge::Alg::ES256, key, "payload", *sig));
  CHECK_FALSE(forge::verify(forge::Alg::ES256, key, "other", *sig));
}

TEST_CASE("RS256 is deterministic and PS256 is randomized, and both verify", "[unit]") {
  const auto key = forge::generate_rsa().value();
  const auto rs1 = forge::sign(forge::Alg::RS256, key, "payload").value();
  const auto rs2 = forge::sign(forge::Alg::RS256, key, "payload").value();
  CHECK(rs1 == rs2);
  CHECK(rs1.size() == 256);
  CHECK(forge::verify(forge::Alg::RS256, key, "payload", rs1));
  const auto ps1 = forge::sign(forge::Alg::PS256, key, "payload").value();
  const auto ps2 = forge::sign(forge::Alg::PS256, key, "payload").value();
  CHECK(ps1 != ps2);
  CHECK(forge::verify(forge::Alg::PS256, key, "payload", ps1));
  CHECK_FALSE(forge::verify(forge::Alg::RS256, key, "payload", ps1));
}

TEST_CASE("a key of the wrong type cannot sign", "[unit]") {
  const auto ec = forge::generate_p256().value();
  CHECK_FALSE(forge::sign(forge::Alg::RS256, ec, "x"));
}

TEST_CASE("ECDSA raw and DER forms convert both ways", "[unit]") {
  const auto key = forge::generate_p256().value();
  const auto raw = forge::sign(forge::Alg::ES256, key, "x").value();
  const auto der = forge::ecdsa_raw_to_der(raw);
  REQUIRE(der);
  CHECK(static_cast<unsigned char>((*der)[0]) == 0x30);
  CHECK(forge::ecdsa_der_to_raw(*der, 32).value() == raw);
}

TEST_CASE("algorithm names are the registered, case-sensitive ones", "[unit]") {
  CHECK(forge::alg_name(forge::Alg::EdDSA) == "EdDSA");
  CHECK(forge::alg_from_name("PS256") == forge::Alg::PS256);
  CHECK_FALSE(forge::alg_from_name("hs256"));
}
