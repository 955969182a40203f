#pragma once
// A signing or verification key bound to exactly one algorithm (RFC 8725 §3.1, RFC 7517 §4.4).
// Keys are parsed once at start; a Key holds ready OpenSSL state (for HMAC: the precomputed
// inner/outer pad state), so nothing is parsed per request. Copies share that state.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "reference/jose/jose_errc.hpp"

namespace authprobe::jose {

enum class Algorithm { HS256, HS384, HS512, RS256, PS256, ES256, EdDSA };

// Exact, case-sensitive names (RFC 7515 §4.1.1). "none" and every spelling of it: nullopt.
[[nodiscard]] std::optional<Algorithm> algorithm_from_name(std::string_view name);
[[nodiscard]] std::string_view algorithm_name(Algorithm alg);
[[nodiscard]] bool is_hmac(Algorithm alg);

// HMAC secrets shorter than this are refused (RFC 7518 §3.2 asks for at least the hash size).
inline constexpr std::size_t min_hmac_key_bytes = 32;

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

  struct Impl;

 private:
  explicit Key(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> impl_;
};

}  // namespace authprobe::jose
