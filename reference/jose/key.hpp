#pragma once
// A signing or verification key bound to exactly one algorithm (RFC 8725 §3.1, RFC 7517 §4.4).
// Keys are parsed once at start; a Key holds ready OpenSSL state (for HMAC: the precomputed
// inner/outer pad state), so nothing is parsed per request. Copies share that state.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "reference/jose/jose_errc.hpp"

namespace authprobe::jose {

// RS384/RS512/PS384/PS512 are not needed by the server; they are here so the Wycheproof
// vectors that use them (RSA key sets of RFC 7518 §3.3 and §3.5) are checked, not skipped.
enum class Algorithm { HS256, HS384, HS512, RS256, PS256, ES256, EdDSA, RS384, RS512, PS384, PS512 };

// Exact, case-sensitive names (RFC 7515 §4.1.1). "none" and every spelling of it: nullopt.
[[nodiscard]] std::optional<Algorithm> algorithm_from_name(std::string_view name);
[[nodiscard]] std::string_view algorithm_name(Algorithm alg);
[[nodiscard]] bool is_hmac(Algorithm alg);
// Every algorithm, in enum order (for CLI help and data-driven tests).
[[nodiscard]] const std::vector<Algorithm>& all_algorithms();

// HMAC secrets shorter than this are refused (RFC 7518 §3.2 asks for at least the hash size).
inline constexpr std::size_t min_hmac_key_bytes = 32;
// RFC 7518 §3.2: "A key of the same size as the hash output (for instance, 256 bits for
// HS256) or larger MUST be used": 32, 48 and 64 bytes for HS256/384/512.
[[nodiscard]] std::size_t min_hmac_key_bytes_for(Algorithm alg);
// RSA moduli below this are refused (RFC 7518 §3.3: 2048 bits or larger MUST be used).
inline constexpr int min_rsa_modulus_bits = 2048;

// A fresh random HMAC secret as raw bytes (64 bytes, enough for HS512), for `keygen`.
[[nodiscard]] Result<std::string> generate_hmac_secret();

class Key {
 public:
  [[nodiscard]] static Result<Key> hmac(std::string_view secret, Algorithm alg, std::string kid = {});
  // A PEM private key (can sign and verify) or public key (verify only).
  [[nodiscard]] static Result<Key> from_pem(std::string_view pem, Algorithm alg, std::string kid = {});
  // A JWK (RFC 7517); its "alg" member, when present, must equal `alg`.
  [[nodiscard]] static Result<Key> from_jwk(const nlohmann::json& jwk, Algorithm alg);
  // A fresh random key (HS*: 64 random bytes; RS/PS: 2048-bit; ES256: P-256; EdDSA: Ed25519).
  [[nodiscard]] static Result<Key> generate(Algorithm alg, std::string kid = {});

  [[nodiscard]] Algorithm algorithm() const;
  [[nodiscard]] const std::string& kid() const;
  [[nodiscard]] bool can_sign() const;
  [[nodiscard]] bool is_symmetric() const;
  // The public half as a JWK with "kty", "alg", "use":"sig", "kid"; nullopt for HMAC keys.
  [[nodiscard]] std::optional<nlohmann::json> public_jwk() const;
  // PEM text of the private key (for keygen); empty for public-only and HMAC keys.
  [[nodiscard]] std::string private_pem() const;
  [[nodiscard]] std::string public_pem() const;

  // Raw signature over `signing_input` (the ES256 form is the 64-byte R||S of RFC 7518 §3.4).
  [[nodiscard]] Result<std::string> sign(std::string_view signing_input) const;
  // Constant-time for HMAC (CRYPTO_memcmp).
  [[nodiscard]] bool verify(std::string_view signing_input, std::string_view signature) const;
  // The same check on the third segment of a compact JWS, still base64url-encoded. For HMAC
  // the expected MAC is encoded and compared in constant time, which also refuses every
  // non-canonical spelling; bad_base64url or bad_signature on failure.
  [[nodiscard]] Result<void> verify_segment(std::string_view signing_input, std::string_view signature_b64url) const;

  struct Impl;
  // For this module's own files (the key factories); not for callers.
  [[nodiscard]] static Key adopt(std::shared_ptr<const Impl> impl) { return Key(std::move(impl)); }
  [[nodiscard]] const Impl& impl() const { return *impl_; }

 private:
  explicit Key(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> impl_;
};

}  // namespace authprobe::jose
