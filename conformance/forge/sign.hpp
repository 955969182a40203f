#pragma once
// Signatures over a JWS Signing Input with any key the forge holds (RFC 7518 §3). The
// harness signs with algorithms and keys of its own choosing, including ones a correct
// server must refuse (empty HMAC keys, an attacker's RSA key, a public key used as a MAC key).
#include <optional>
#include <string_view>

#include "conformance/forge/forge_result.hpp"
#include "conformance/forge/keys.hpp"

namespace authprobe::conformance::forge {

enum class Alg { HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA };

// The registered "alg" value (RFC 7518 §3.1, RFC 8037 §3.1).
[[nodiscard]] std::string_view alg_name(Alg alg);
[[nodiscard]] std::optional<Alg> alg_from_name(std::string_view name);
[[nodiscard]] bool is_hmac(Alg alg);

// HMAC with any key bytes, the empty key included (RFC 7518 §3.2).
[[nodiscard]] Result<Bytes> hmac_sign(Alg alg, std::string_view key, std::string_view input);
// RS*/PS* (salt length = hash length, RFC 7518 §3.5), ES* as the raw R||S of RFC 7518 §3.4,
// EdDSA (RFC 8037 §3.1).
[[nodiscard]] Result<Bytes> sign(Alg alg, const PKey& key, std::string_view input);
// Verification, so tests can confirm the forge's own signatures with OpenSSL.
[[nodiscard]] bool verify(Alg alg, const PKey& key, std::string_view input, std::string_view signature);

// ECDSA signature conversions between the JWS form (R||S, each `half` bytes) and ASN.1 DER.
[[nodiscard]] Result<Bytes> ecdsa_raw_to_der(std::string_view raw);
[[nodiscard]] Result<Bytes> ecdsa_der_to_raw(std::string_view der, std::size_t half);

}  // namespace authprobe::conformance::forge
