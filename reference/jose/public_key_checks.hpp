#pragma once
// Refuses public keys that verify but must not be trusted.
#include <openssl/evp.h>

#include "reference/core/result.hpp"
#include "reference/jose/key.hpp"

namespace authprobe::jose {

// The key type fits `alg` (RSA for RS*/PS*, EC P-256 for ES256, Ed25519 for EdDSA); RSA:
// modulus of at least min_rsa_modulus_bits, odd public exponent of at least 3, no ROCA
// fingerprint; EC: the point is on the curve.
[[nodiscard]] Result<void> check_public_key(EVP_PKEY* pkey, Algorithm alg);

// CVE-2017-15361 (ROCA): the moduli Infineon's library generated are, modulo each small
// prime p below, powers of 65537. Nemec et al., "The Return of Coppersmith's Attack", §5.
[[nodiscard]] bool has_roca_fingerprint(const BIGNUM* modulus);

}  // namespace authprobe::jose
