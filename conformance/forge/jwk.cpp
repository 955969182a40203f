#include "conformance/forge/jwk.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/param_build.h>

#include "conformance/forge/base64url.hpp"

namespace authprobe::conformance::forge {
namespace {

constexpr std::size_t p256_coordinate_bytes = 32;
constexpr std::size_t ed25519_public_bytes = 32;
constexpr unsigned char uncompressed_point_tag = 0x04;  // SEC 1 §2.3.3

using BnPtr = std::unique_ptr<BIGNUM, decltype(&BN_free)>;
using ParamBld = std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)>;
using Params = std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)>;

Result<Bytes> bn_param(const PKey& key, const char* name) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key.get(), name, &raw) != 1) return fail("key lacks a parameter");
  BnPtr bn(raw, &BN_free);
  Bytes out(static_cast<std::size_t>(BN_num_bytes(bn.get())), '\0');
  BN_bn2bin(bn.get(), reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

Result<Bytes> ec_point(const PKey& key) {
  Bytes point(1 + 2 * p256_coordinate_bytes, '\0');
  std::size_t len = 0;
  if (EVP_PKEY_get_octet_string_param(key.get(), OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY,
                                      reinterpret_cast<unsigned char*>(point.data()), point.size(),
                                      &len) != 1 ||
      len != point.size() || static_cast<unsigned char>(point[0]) != uncompressed_point_tag) {
    return fail("EC key is not an uncompressed P-256 point");
  }
  return point.substr(1);
}

Result<PKey> from_params(const char* type, OSSL_PARAM_BLD* bld) {
  Params params(OSSL_PARAM_BLD_to_param(bld), &OSSL_PARAM_free);
  PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr), &EVP_PKEY_CTX_free);
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return fail("OpenSSL refused the JWK parameters");
  }
  return adopt(raw);
}

// nlohmann's value() throws on a member of the wrong type; a target's JWKS is untrusted input.
std::string text_member(const nlohmann::json& jwk, const char* name) {
  const auto it = jwk.find(name);
  return it != jwk.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Result<Bytes> member(const nlohmann::json& jwk, const char* name) {
  const auto it = jwk.find(name);
  if (it == jwk.end() || !it->is_string()) return fail(std::string("JWK lacks \"") + name + "\"");
  return b64url_decode_lenient(it->get<std::string>());
}

Result<PKey> rsa_from_jwk(const nlohmann::json& jwk) {
  auto n = member(jwk, "n");
  auto e = member(jwk, "e");
  if (!n || !e) return fail("RSA JWK needs n and e");
  BnPtr bn_n(BN_bin2bn(reinterpret_cast<const unsigned char*>(n->data()), static_cast<int>(n->size()), nullptr), &BN_free);
  BnPtr bn_e(BN_bin2bn(reinterpret_cast<const unsigned char*>(e->data()), static_cast<int>(e->size()), nullptr), &BN_free);
  ParamBld bld(OSSL_PARAM_BLD_new(), &OSSL_PARAM_BLD_free);
  if (!bn_n || !bn_e || !bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) != 1) {
    return fail("could not build RSA parameters");
  }
  return from_params("RSA", bld.get());
}

Result<PKey> ec_from_jwk(const nlohmann::json& jwk) {
  if (text_member(jwk, "crv") != "P-256") return fail("only P-256 EC JWKs are supported");
  auto x = member(jwk, "x");
  auto y = member(jwk, "y");
  if (!x || !y || x->size() != p256_coordinate_bytes || y->size() != p256_coordinate_bytes) {
    return fail("EC JWK needs 32-byte x and y");
  }
  Bytes point(1, static_cast<char>(uncompressed_point_tag));
  point += *x;
  point += *y;
  ParamBld bld(OSSL_PARAM_BLD_new(), &OSSL_PARAM_BLD_free);
  if (!bld ||
      OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "P-256", 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) != 1) {
    return fail("could not build EC parameters");
  }
  return from_params("EC", bld.get());
}

Result<PKey> okp_from_jwk(const nlohmann::json& jwk) {
  if (text_member(jwk, "crv") != "Ed25519") return fail("only Ed25519 OKP JWKs are supported");
  auto x = member(jwk, "x");
  if (!x || x->size() != ed25519_public_bytes) return fail("Ed25519 JWK needs a 32-byte x");
  EVP_PKEY* raw = EVP_PKEY_new_raw_public_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(x->data()), x->size());
  if (raw == nullptr) return fail("OpenSSL refused the Ed25519 key");
  return adopt(raw);
}

}  // namespace

Result<Bytes> raw_public_key(const PKey& key) {
  switch (key_kind(key)) {
    case KeyKind::rsa:
      return bn_param(key, OSSL_PKEY_PARAM_RSA_N);
    case KeyKind::ec_p256:
      return ec_point(key);
    case KeyKind::ed25519: {
      Bytes out(ed25519_public_bytes, '\0');
      std::size_t len = out.size();
      if (EVP_PKEY_get_raw_public_key(key.get(), reinterpret_cast<unsigned char*>(out.data()), &len) != 1) {
        return fail("could not read the Ed25519 public key");
      }
      return out;
    }
    case KeyKind::unsupported:
      break;
  }
  return fail("unsupported key type");
}

Result<Bytes> rsa_public_exponent(const PKey& key) {
  if (key_kind(key) != KeyKind::rsa) return fail("not an RSA key");
  return bn_param(key, OSSL_PKEY_PARAM_RSA_E);
}

Result<nlohmann::json> public_jwk(const PKey& key) {
  auto raw = raw_public_key(key);
  if (!raw) return fail(raw.error());
  switch (key_kind(key)) {
    case KeyKind::rsa: {
      auto e = rsa_public_exponent(key);
      if (!e) return fail(e.error());
      return nlohmann::json{{"kty", "RSA"}, {"n", b64url_encode(*raw)}, {"e", b64url_encode(*e)}};
    }
    case KeyKind::ec_p256:
      return nlohmann::json{{"kty", "EC"},
                            {"crv", "P-256"},
                            {"x", b64url_encode(raw->substr(0, p256_coordinate_bytes))},
                            {"y", b64url_encode(raw->substr(p256_coordinate_bytes))}};
    case KeyKind::ed25519:
      return nlohmann::json{{"kty", "OKP"}, {"crv", "Ed25519"}, {"x", b64url_encode(*raw)}};
    case KeyKind::unsupported:
      break;
  }
  return fail("unsupported key type");
}

Result<PKey> public_key_from_jwk(const nlohmann::json& jwk) {
  if (!jwk.is_object()) return fail("JWK is not an object");
  const std::string kty = text_member(jwk, "kty");
  if (kty == "RSA") return rsa_from_jwk(jwk);
  if (kty == "EC") return ec_from_jwk(jwk);
  if (kty == "OKP") return okp_from_jwk(jwk);
  return fail("unsupported JWK kty");
}

}  // namespace authprobe::conformance::forge
