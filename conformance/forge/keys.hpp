#pragma once
// Asymmetric keys for forging: the harness's own attacker keys (ATK, generated once per run)
// and, in [K] mode, the server key loaded from the target profile. OpenSSL 3 EVP only.
#include <memory>
#include <string_view>

#include <openssl/evp.h>

#include "conformance/forge/forge_result.hpp"

namespace authprobe::conformance::forge {

// Shared ownership: one EVP_PKEY is used read-only by many checks; OpenSSL 3 allows
// concurrent signing with the same key object.
using PKey = std::shared_ptr<EVP_PKEY>;

enum class KeyKind { rsa, ec_p256, ed25519, unsupported };

// RSA-2048 is the smallest size RFC 7518 §3.3 allows, so a rejected ATK token cannot be
// blamed on a weak key.
inline constexpr int attacker_rsa_bits = 2048;

[[nodiscard]] PKey adopt(EVP_PKEY* raw);
[[nodiscard]] KeyKind key_kind(const PKey& key);

[[nodiscard]] Result<PKey> generate_rsa(int bits = attacker_rsa_bits);
[[nodiscard]] Result<PKey> generate_p256();
[[nodiscard]] Result<PKey> generate_ed25519();
// Ed25519 from the 32-byte seed `d` (RFC 8037 §2), for the deterministic A.4 vector.
[[nodiscard]] Result<PKey> ed25519_from_seed(std::string_view seed);

// PEM private key (PKCS#8, traditional RSA or SEC1 EC) as a profile may provide it.
[[nodiscard]] Result<PKey> load_private_pem(std::string_view pem);
// PEM public key: SubjectPublicKeyInfo, or an X.509 certificate's key.
[[nodiscard]] Result<PKey> load_public_pem(std::string_view pem);

// The attacker key set of RFC 8725-style attacks (catalog: "ATK"), made once per run.
struct AttackerKeys {
  PKey rsa;
  PKey ec;
  PKey ed;
};
[[nodiscard]] Result<AttackerKeys> generate_attacker_keys();

}  // namespace authprobe::conformance::forge
