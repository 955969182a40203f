#include "reference/jose/key.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "reference/jose/ecdsa_signature.hpp"
#include "reference/jose/jwt.hpp"

using namespace authprobe::jose;

namespace {

constexpr std::string_view input = "eyJhbGciOiJFUzI1NiJ9.cGF5bG9hZA";

std::string pem_of(EVP_PKEY* pkey) {
  BIO* bio = BIO_new(BIO_s_mem());
  REQUIRE(PEM_write_bio_PrivateKey(bio, pkey, nullptr, nullptr, 0, nullptr, nullptr) == 1);
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<std::size_t>(length));
  BIO_free(bio);
  return out;
}

}  // namespace

TEST_CASE("algorithm names are exact and none is never one of them", "[unit]") {
  for (Algorithm alg : all_algorithms()) CHECK(algorithm_from_name(algorithm_name(alg)) == alg);
  for (const char* none : {"none", "None", "NONE", "nOnE", ""}) CHECK_FALSE(algorithm_from_name(none));
  CHECK_FALSE(algorithm_from_name("hs256"));
  CHECK_FALSE(algorithm_from_name("HS256 "));
  CHECK_FALSE(algorithm_from_name("ES512"));
}

TEST_CASE("HMAC keys shorter than the hash output are refused", "[unit]") {
  CHECK(Key::hmac(std::string(31, 'k'), Algorithm::HS256).error().code == JoseErrc::bad_key);
  CHECK(Key::hmac(std::string(47, 'k'), Algorithm::HS384).error().code == JoseErrc::bad_key);
  CHECK(Key::hmac(std::string(63, 'k'), Algorithm::HS512).error().code == JoseErrc::bad_key);
  CHECK(Key::hmac("", Algorithm::HS256).error().code == JoseErrc::bad_key);
  CHECK(Key::hmac(std::string(32, 'k'), Algorithm::HS256).has_value());
  CHECK(Key::hmac(std::string(200, 'k'), Algorithm::HS512).has_value());  // longer than a block: hashed first
  CHECK(Key::hmac(std::string(64, 'k'), Algorithm::RS256).error().code == JoseErrc::bad_key);
}

TEST_CASE("every algorithm signs and verifies with a generated key, and refuses another key's signature", "[unit]") {
  for (Algorithm alg : all_algorithms()) {
    INFO(algorithm_name(alg));
    auto key = Key::generate(alg);
    auto other = Key::generate(alg);
    REQUIRE(key);
    REQUIRE(other);
    CHECK(key->can_sign());
    auto signature = key->sign(input);
    REQUIRE(signature);
    CHECK(key->verify(input, *signature));
    CHECK_FALSE(key->verify(std::string(input) + "x", *signature));
    CHECK_FALSE(other->verify(input, *signature));
  }
}

TEST_CASE("HMAC with a key longer than the block equals RFC 4231 test case 6", "[unit]") {
  // RFC 4231 §4.7: a 131-byte key of 0xaa, longer than the block, is hashed first (RFC 2104 §2).
  auto key = Key::hmac(std::string(131, '\xaa'), Algorithm::HS256);
  REQUIRE(key);
  auto mac = key->sign("Test Using Larger Than Block-Size Key - Hash Key First");
  REQUIRE(mac);
  const unsigned char expected[] = {0x60, 0xe4, 0x31, 0x59, 0x1e, 0xe0, 0xb6, 0x7f, 0x0d, 0x8a, 0x26,
                                    0xaa, 0xcb, 0xf5, 0xb7, 0x7f, 0x8e, 0x0b, 0xc6, 0x21, 0x37, 0x28,
                                    0xc5, 0x14, 0x05, 0x46, 0x04, 0x0f, 0x0e, 0xe3, 0x7f, 0x54};
  CHECK(*mac == std::string(reinterpret_cast<const char*>(expected), sizeof expected));
}

TEST_CASE("ES256 signatures are the 64-byte R||S form and no other length or encoding verifies", "[unit]") {
  auto key = Key::generate(Algorithm::ES256);
  REQUIRE(key);
  auto signature = key->sign(input);
  REQUIRE(signature);
  CHECK(signature->size() == es256_signature_bytes);
  CHECK(key->verify(input, *signature));
  CHECK_FALSE(key->verify(input, signature->substr(1)));
  CHECK_FALSE(key->verify(input, *signature + '\0'));
  CHECK_FALSE(key->verify(input, '\0' + *signature));
  auto der = ecdsa_raw_to_der(*signature);
  REQUIRE(der);
  CHECK_FALSE(key->verify(input, *der));
  // CVE-2022-21449: r = s = 0 must never verify.
  CHECK_FALSE(key->verify(input, std::string(es256_signature_bytes, '\0')));
}

TEST_CASE("PEM keys load once: private keys sign, public keys only verify", "[unit]") {
  for (Algorithm alg : {Algorithm::RS256, Algorithm::PS256, Algorithm::ES256, Algorithm::EdDSA}) {
    INFO(algorithm_name(alg));
    auto generated = Key::generate(alg);
    REQUIRE(generated);
    auto loaded = Key::from_pem(generated->private_pem(), alg, "kid-1");
    REQUIRE(loaded);
    CHECK(loaded->can_sign());
    CHECK(loaded->kid() == "kid-1");
    auto public_only = Key::from_pem(generated->public_pem(), alg);
    REQUIRE(public_only);
    CHECK_FALSE(public_only->can_sign());
    CHECK(public_only->private_pem().empty());
    CHECK(public_only->sign(input).error().code == JoseErrc::bad_key);
    auto signature = loaded->sign(input);
    REQUIRE(signature);
    CHECK(public_only->verify(input, *signature));
  }
}

TEST_CASE("PEM keys of the wrong type, garbage and small RSA moduli are refused", "[unit]") {
  auto ec = Key::generate(Algorithm::ES256);
  REQUIRE(ec);
  CHECK(Key::from_pem(ec->private_pem(), Algorithm::RS256).error().code == JoseErrc::bad_key);
  CHECK(Key::from_pem(ec->private_pem(), Algorithm::EdDSA).error().code == JoseErrc::bad_key);
  CHECK(Key::from_pem(ec->private_pem(), Algorithm::HS256).error().code == JoseErrc::bad_key);
  CHECK(Key::from_pem("-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----\n", Algorithm::RS256)
            .error()
            .code == JoseErrc::bad_key);
  EVP_PKEY* small = EVP_RSA_gen(1024);
  REQUIRE(small != nullptr);
  auto refused = Key::from_pem(pem_of(small), Algorithm::RS256);
  EVP_PKEY_free(small);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == JoseErrc::bad_key);
}

TEST_CASE("public JWKs round-trip and verify the original key's signatures", "[unit]") {
  for (Algorithm alg : {Algorithm::RS256, Algorithm::PS256, Algorithm::ES256, Algorithm::EdDSA}) {
    INFO(algorithm_name(alg));
    auto key = Key::generate(alg, "k");
    REQUIRE(key);
    auto jwk = key->public_jwk();
    REQUIRE(jwk);
    CHECK((*jwk)["use"] == "sig");
    CHECK((*jwk)["kid"] == "k");
    CHECK((*jwk)["alg"] == std::string(algorithm_name(alg)));
    CHECK_FALSE(jwk->contains("d"));
    auto back = Key::from_jwk(*jwk, alg);
    REQUIRE(back);
    CHECK_FALSE(back->can_sign());
    auto signature = key->sign(input);
    REQUIRE(signature);
    CHECK(back->verify(input, *signature));
  }
  auto hmac = Key::generate(Algorithm::HS256);
  REQUIRE(hmac);
  CHECK_FALSE(hmac->public_jwk());
}

TEST_CASE("a JWK must be meant for this algorithm and for signatures", "[unit]") {
  auto key = Key::generate(Algorithm::ES256);
  REQUIRE(key);
  const nlohmann::json good = *key->public_jwk();
  auto with = [&](const char* name, nlohmann::json value) {
    nlohmann::json jwk = good;
    jwk[name] = std::move(value);
    return Key::from_jwk(jwk, Algorithm::ES256);
  };
  CHECK(with("use", "enc").error().code == JoseErrc::bad_key);
  CHECK(with("key_ops", {"encrypt"}).error().code == JoseErrc::bad_key);
  CHECK(with("key_ops", "verify").error().code == JoseErrc::bad_key);
  CHECK(with("key_ops", {"verify"}).has_value());
  CHECK(with("alg", "ES384").error().code == JoseErrc::bad_key);
  CHECK(with("kty", "RSA").error().code == JoseErrc::bad_key);
  CHECK(with("crv", "P-384").error().code == JoseErrc::bad_key);
  CHECK(with("x", "AAAA").error().code == JoseErrc::bad_key);
  CHECK(with("x", std::string(good["x"]) + "=").error().code == JoseErrc::bad_key);
  CHECK(Key::from_jwk(good, Algorithm::RS256).error().code == JoseErrc::bad_key);
  CHECK(Key::from_jwk(nlohmann::json::array(), Algorithm::ES256).error().code == JoseErrc::bad_key);
  const nlohmann::json oct = {{"kty", "oct"}, {"k", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg"}};
  CHECK(Key::from_jwk(oct, Algorithm::HS256).error().code == JoseErrc::bad_key);  // 31 bytes
}

TEST_CASE("the JWK Set document lists only public keys", "[unit]") {
  KeySet keys;
  keys.add(*Key::generate(Algorithm::HS256, "secret"));
  keys.add(*Key::generate(Algorithm::ES256, "ec"));
  const auto document = nlohmann::json::parse(keys.jwks_json());
  REQUIRE(document["keys"].size() == 1);
  CHECK(document["keys"][0]["kid"] == "ec");
  CHECK_FALSE(document["keys"][0].contains("d"));
  CHECK(keys.jwks_json().find("secret") == std::string::npos);
}
