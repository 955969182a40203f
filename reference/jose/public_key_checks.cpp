#include "reference/jose/public_key_checks.hpp"

#include <array>
#include <memory>
#include <string>

#include <openssl/bn.h>
#include <openssl/core_names.h>

#include "reference/jose/key_impl.hpp"

namespace authprobe::jose {
namespace {

struct BnFree {
  void operator()(BIGNUM* b) const { BN_free(b); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};

// The primes of the ROCA detector (crocs-muni/roca, detect.py); the generator is RSA's
// common public exponent.
constexpr std::array<BN_ULONG, 38> roca_primes = {3,  5,  7,  11, 13, 17, 19, 23, 29, 31, 37,  41,  43,
                                                  47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97,  101, 103,
                                                  107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167};
constexpr BN_ULONG roca_generator = 65537;
constexpr BN_ULONG min_rsa_exponent = 3;
constexpr std::string_view p256_group = "prime256v1";

bool in_subgroup_of_generator(BN_ULONG residue, BN_ULONG prime) {
  BN_ULONG power = 1;
  const BN_ULONG generator = roca_generator % prime;
  for (BN_ULONG i = 0; i < prime; ++i) {  // the subgroup has at most prime - 1 elements
    if (power == residue) return true;
    power = (power * generator) % prime;
    if (power == 1) break;
  }
  return power == residue;
}

Result<void> check_rsa(EVP_PKEY* pkey) {
  if (EVP_PKEY_get_bits(pkey) < min_rsa_modulus_bits)
    return fail(JoseErrc::bad_key, "RSA modulus of " + std::to_string(EVP_PKEY_get_bits(pkey)) +
                                       " bits; at least " + std::to_string(min_rsa_modulus_bits) + " required");
  BIGNUM* raw_n = nullptr;
  BIGNUM* raw_e = nullptr;
  EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_N, &raw_n);
  EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_E, &raw_e);
  std::unique_ptr<BIGNUM, BnFree> n(raw_n), e(raw_e);
  if (!n || !e) return fail(JoseErrc::bad_key, "RSA key without modulus or exponent");
  if (!BN_is_odd(e.get()) || BN_cmp(e.get(), BN_value_one()) <= 0 || BN_get_word(e.get()) < min_rsa_exponent)
    return fail(JoseErrc::bad_key, "RSA public exponent must be odd and at least 3");
  if (has_roca_fingerprint(n.get())) return fail(JoseErrc::bad_key, "RSA modulus has the ROCA fingerprint (CVE-2017-15361)");
  return {};
}

Result<void> check_ec(EVP_PKEY* pkey) {
  char group[64] = {};
  std::size_t length = 0;
  if (EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &length) != 1 ||
      std::string_view(group, length) != p256_group)
    return fail(JoseErrc::bad_key, "ES256 needs a P-256 key");
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> context(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr));
  if (!context || EVP_PKEY_public_check(context.get()) != 1)
    return fail(JoseErrc::bad_key, "EC public key is not a valid P-256 point");
  return {};
}

}  // namespace

bool has_roca_fingerprint(const BIGNUM* modulus) {
  for (BN_ULONG prime : roca_primes) {
    const BN_ULONG residue = BN_mod_word(modulus, prime);
    if (residue == static_cast<BN_ULONG>(-1) || !in_subgroup_of_generator(residue, prime)) return false;
  }
  return true;
}

Result<void> check_public_key(EVP_PKEY* pkey, Algorithm alg) {
  const std::string name(algorithm_name(alg));
  if (is_rsa(alg)) {
    if (EVP_PKEY_get_base_id(pkey) != EVP_PKEY_RSA) return fail(JoseErrc::bad_key, name + " needs an RSA key");
    return check_rsa(pkey);
  }
  if (alg == Algorithm::ES256) {
    if (EVP_PKEY_get_base_id(pkey) != EVP_PKEY_EC) return fail(JoseErrc::bad_key, name + " needs an EC key");
    return check_ec(pkey);
  }
  if (alg == Algorithm::EdDSA) {
    if (EVP_PKEY_get_base_id(pkey) != EVP_PKEY_ED25519) return fail(JoseErrc::bad_key, "EdDSA needs an Ed25519 key");
    return {};
  }
  return fail(JoseErrc::bad_key, name + " is not an asymmetric algorithm");
}

}  // namespace authprobe::jose
