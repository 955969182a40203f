// JSON Web Keys (RFC 7517, RFC 7518 §6, RFC 8037 §2) to and from Keys. A JWK may narrow a
// key's purpose ("alg", "use", "key_ops"); every narrowing must allow signatures with `alg`.
#include <algorithm>
#include <array>
#include <memory>

#include <nlohmann/json.hpp>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/param_build.h>

#include "reference/jose/base64url.hpp"
#include "reference/jose/ecdsa_signature.hpp"
#include "reference/jose/key_impl.hpp"

namespace authprobe::jose {
namespace {

using nlohmann::json;

struct BnFree {
  void operator()(BIGNUM* b) const { BN_free(b); }
};
struct ParamBldFree {
  void operator()(OSSL_PARAM_BLD* b) const { OSSL_PARAM_BLD_free(b); }
};
struct ParamFree {
  void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;

constexpr std::size_t ed25519_key_bytes = 32;
constexpr unsigned char uncompressed_point = 0x04;  // SEC 1 §2.3.3

tl::unexpected<Error> bad(std::string detail) { return fail(JoseErrc::bad_key, "JWK: " + std::move(detail)); }

// An optional string member: absent -> nullopt; present but not a string -> error.
Result<std::optional<std::string>> optional_string(const json& jwk, const char* name) {
  const auto it = jwk.find(name);
  if (it == jwk.end()) return std::optional<std::string>{};
  if (!it->is_string()) return bad(std::string("\"") + name + "\" must be a string");
  return std::optional<std::string>(it->get<std::string>());
}

Result<std::string> required_bytes(const json& jwk, const char* name) {
  auto text = optional_string(jwk, name);
  if (!text) return tl::unexpected(text.error());
  if (!*text) return bad(std::string("\"") + name + "\" is missing");
  std::string out;
  if (!base64url::decode_into(**text, out)) return bad(std::string("\"") + name + "\" is not strict base64url");
  return out;
}

// RFC 7517 §4.2/§4.3: a key for signatures has "use":"sig" and "key_ops" with sign/verify.
Result<void> check_purpose(const json& jwk, Algorithm alg) {
  auto jwk_alg = optional_string(jwk, "alg");
  if (!jwk_alg) return tl::unexpected(jwk_alg.error());
  if (*jwk_alg && **jwk_alg != algorithm_name(alg))
    return bad("\"alg\" is " + **jwk_alg + ", the key is used for " + std::string(algorithm_name(alg)));
  auto use = optional_string(jwk, "use");
  if (!use) return tl::unexpected(use.error());
  if (*use && **use != "sig") return bad("\"use\" is " + **use + ", not sig");
  const auto ops = jwk.find("key_ops");
  if (ops == jwk.end()) return {};
  if (!ops->is_array()) return bad("\"key_ops\" must be an array");
  bool signs = false;
  for (const auto& op : *ops) {
    if (!op.is_string()) return bad("\"key_ops\" holds a non-string");
    signs = signs || op == "sign" || op == "verify";
  }
  if (!signs) return bad("\"key_ops\" allows neither sign nor verify");
  return {};
}

BnPtr to_bn(const std::string& bytes) {
  return BnPtr(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()), nullptr));
}

Result<PkeyPtr> from_params(const char* type, OSSL_PARAM_BLD* builder, bool has_private) {
  std::unique_ptr<OSSL_PARAM, ParamFree> params(OSSL_PARAM_BLD_to_param(builder));
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> context(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1 ||
      EVP_PKEY_fromdata(context.get(), &raw, has_private ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
    return bad(std::string("not a usable ") + type + " key");
  return PkeyPtr(raw);
}

Result<PkeyPtr> rsa_from_jwk(const json& jwk) {
  auto n = required_bytes(jwk, "n");
  auto e = required_bytes(jwk, "e");
  if (!n) return tl::unexpected(n.error());
  if (!e) return tl::unexpected(e.error());
  std::unique_ptr<OSSL_PARAM_BLD, ParamBldFree> builder(OSSL_PARAM_BLD_new());
  std::vector<BnPtr> numbers;
  auto push = [&](const char* param, const std::string& bytes) {
    numbers.push_back(to_bn(bytes));
    return numbers.back() && OSSL_PARAM_BLD_push_BN(builder.get(), param, numbers.back().get()) == 1;
  };
  if (!builder || !push(OSSL_PKEY_PARAM_RSA_N, *n) || !push(OSSL_PKEY_PARAM_RSA_E, *e)) return bad("bad RSA numbers");
  const bool has_private = jwk.contains("d");
  if (has_private) {
    // RFC 7518 §6.3.2: "d" alone, or "d" with all of the CRT parameters.
    static constexpr std::array<std::pair<const char*, const char*>, 6> members = {{
        {"d", OSSL_PKEY_PARAM_RSA_D},
        {"p", OSSL_PKEY_PARAM_RSA_FACTOR1},
        {"q", OSSL_PKEY_PARAM_RSA_FACTOR2},
        {"dp", OSSL_PKEY_PARAM_RSA_EXPONENT1},
        {"dq", OSSL_PKEY_PARAM_RSA_EXPONENT2},
        {"qi", OSSL_PKEY_PARAM_RSA_COEFFICIENT1},
    }};
    const bool has_crt = jwk.contains("p");
    for (const auto& [member, param] : members) {
      if (!has_crt && std::string_view(member) != "d") break;
      auto value = required_bytes(jwk, member);
      if (!value) return tl::unexpected(value.error());
      if (!push(param, *value)) return bad("bad RSA private numbers");
    }
  }
  return from_params("RSA", builder.get(), has_private);
}

Result<PkeyPtr> ec_from_jwk(const json& jwk) {
  auto crv = optional_string(jwk, "crv");
  if (!crv) return tl::unexpected(crv.error());
  if (!*crv || **crv != "P-256") return bad("ES256 needs \"crv\":\"P-256\"");
  auto x = required_bytes(jwk, "x");
  auto y = required_bytes(jwk, "y");
  if (!x) return tl::unexpected(x.error());
  if (!y) return tl::unexpected(y.error());
  // RFC 7518 §6.2.1.2: each coordinate is the full size of the field, 32 bytes for P-256.
  if (x->size() != es256_coordinate_bytes || y->size() != es256_coordinate_bytes)
    return bad("P-256 coordinates must be 32 bytes");
  std::string point(1, static_cast<char>(uncompressed_point));
  point += *x;
  point += *y;
  std::unique_ptr<OSSL_PARAM_BLD, ParamBldFree> builder(OSSL_PARAM_BLD_new());
  BnPtr d;
  const bool has_private = jwk.contains("d");
  if (has_private) {
    auto d_bytes = required_bytes(jwk, "d");
    if (!d_bytes) return tl::unexpected(d_bytes.error());
    if (d_bytes->size() != es256_coordinate_bytes) return bad("P-256 \"d\" must be 32 bytes");
    d = to_bn(*d_bytes);
  }
  if (!builder || OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, "P-256", 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) != 1 ||
      (has_private && (!d || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PRIV_KEY, d.get()) != 1)))
    return bad("bad EC numbers");
  auto pkey = from_params("EC", builder.get(), has_private);
  if (!pkey || !has_private) return pkey;
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> context(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey->get(), nullptr));
  if (!context || EVP_PKEY_pairwise_check(context.get()) != 1) return bad("\"d\" does not match \"x\",\"y\"");
  return pkey;
}

Result<PkeyPtr> okp_from_jwk(const json& jwk) {
  auto crv = optional_string(jwk, "crv");
  if (!crv) return tl::unexpected(crv.error());
  if (!*crv || **crv != "Ed25519") return bad("EdDSA needs \"crv\":\"Ed25519\"");
  auto x = required_bytes(jwk, "x");
  if (!x) return tl::unexpected(x.error());
  if (x->size() != ed25519_key_bytes) return bad("Ed25519 \"x\" must be 32 bytes");
  if (!jwk.contains("d")) {
    PkeyPtr pkey(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                             reinterpret_cast<const unsigned char*>(x->data()), x->size()));
    if (!pkey) return bad("not an Ed25519 public key");
    return pkey;
  }
  auto d = required_bytes(jwk, "d");
  if (!d) return tl::unexpected(d.error());
  if (d->size() != ed25519_key_bytes) return bad("Ed25519 \"d\" must be 32 bytes");
  PkeyPtr pkey(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr,
                                            reinterpret_cast<const unsigned char*>(d->data()), d->size()));
  std::string derived(ed25519_key_bytes, '\0');
  std::size_t length = derived.size();
  if (!pkey ||
      EVP_PKEY_get_raw_public_key(pkey.get(), reinterpret_cast<unsigned char*>(derived.data()), &length) != 1 ||
      derived != *x)
    return bad("\"d\" does not match \"x\"");
  return pkey;
}

std::string bn_bytes(EVP_PKEY* pkey, const char* param, int width = 0) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(pkey, param, &raw) != 1) return {};
  BnPtr number(raw);
  const int size = width > 0 ? width : BN_num_bytes(number.get());
  std::string out(static_cast<std::size_t>(size), '\0');
  if (BN_bn2binpad(number.get(), reinterpret_cast<unsigned char*>(out.data()), size) != size) return {};
  return out;
}

}  // namespace

Result<Key> Key::from_jwk(const json& jwk, Algorithm alg) {
  if (!jwk.is_object()) return bad("not a JSON object");
  auto kty = optional_string(jwk, "kty");
  if (!kty) return tl::unexpected(kty.error());
  if (!*kty) return bad("\"kty\" is missing");
  if (auto purpose = check_purpose(jwk, alg); !purpose) return tl::unexpected(purpose.error());
  auto kid = optional_string(jwk, "kid");
  if (!kid) return tl::unexpected(kid.error());
  std::string key_id = kid->value_or("");

  const std::string& type = **kty;
  if (is_hmac(alg)) {
    if (type != "oct") return bad(std::string(algorithm_name(alg)) + " needs \"kty\":\"oct\", not " + type);
    auto secret = required_bytes(jwk, "k");
    if (!secret) return tl::unexpected(secret.error());
    auto key = hmac(*secret, alg, std::move(key_id));
    OPENSSL_cleanse(secret->data(), secret->size());
    return key;
  }
  Result<PkeyPtr> pkey = bad("\"kty\":\"" + type + "\" does not fit " + std::string(algorithm_name(alg)));
  if (is_rsa(alg) && type == "RSA") pkey = rsa_from_jwk(jwk);
  else if (alg == Algorithm::ES256 && type == "EC") pkey = ec_from_jwk(jwk);
  else if (alg == Algorithm::EdDSA && type == "OKP") pkey = okp_from_jwk(jwk);
  if (!pkey) return tl::unexpected(pkey.error());
  const bool has_private = jwk.contains("d");
  return adopt_pkey(std::move(*pkey), alg, std::move(key_id), has_private);
}

std::optional<json> Key::public_jwk() const {
  if (is_symmetric() || !impl_->pkey) return std::nullopt;
  EVP_PKEY* pkey = impl_->pkey.get();
  json jwk = json::object();
  if (is_rsa(impl_->alg)) {
    jwk["kty"] = "RSA";
    jwk["n"] = base64url::encode(bn_bytes(pkey, OSSL_PKEY_PARAM_RSA_N));
    jwk["e"] = base64url::encode(bn_bytes(pkey, OSSL_PKEY_PARAM_RSA_E));
  } else if (impl_->alg == Algorithm::ES256) {
    constexpr int width = static_cast<int>(es256_coordinate_bytes);
    jwk["kty"] = "EC";
    jwk["crv"] = "P-256";
    jwk["x"] = base64url::encode(bn_bytes(pkey, OSSL_PKEY_PARAM_EC_PUB_X, width));
    jwk["y"] = base64url::encode(bn_bytes(pkey, OSSL_PKEY_PARAM_EC_PUB_Y, width));
  } else {
    std::string x(ed25519_key_bytes, '\0');
    std::size_t length = x.size();
    if (EVP_PKEY_get_raw_public_key(pkey, reinterpret_cast<unsigned char*>(x.data()), &length) != 1) return std::nullopt;
    jwk["kty"] = "OKP";
    jwk["crv"] = "Ed25519";
    jwk["x"] = base64url::encode(x);
  }
  jwk["alg"] = algorithm_name(impl_->alg);
  jwk["use"] = "sig";
  if (!impl_->kid.empty()) jwk["kid"] = impl_->kid;
  return jwk;
}

}  // namespace authprobe::jose
