#pragma once
// Public keys as JWKs (RFC 7517 §4, RFC 7518 §6, RFC 8037 §2) in both directions: the forge
// embeds ATK's JWK in forged headers and JWKS documents, and reads a target's JWKS to obtain
// PUB for key-confusion attacks.
#include <nlohmann/json.hpp>

#include "conformance/forge/forge_result.hpp"
#include "conformance/forge/keys.hpp"

namespace authprobe::conformance::forge {

// {"kty":"RSA","n","e"} / {"kty":"EC","crv":"P-256","x","y"} / {"kty":"OKP","crv":"Ed25519","x"}.
[[nodiscard]] Result<nlohmann::json> public_jwk(const PKey& key);
[[nodiscard]] Result<PKey> public_key_from_jwk(const nlohmann::json& jwk);

// Raw public components: the RSA modulus (big-endian, no leading zero), or the EC point's
// x||y, or the 32-byte Ed25519 public key.
[[nodiscard]] Result<Bytes> raw_public_key(const PKey& key);
[[nodiscard]] Result<Bytes> rsa_public_exponent(const PKey& key);

}  // namespace authprobe::conformance::forge
