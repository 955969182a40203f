#pragma once
// Access tokens: compact JWS (RFC 7515) carrying RFC 9068 claims. The verifier is the hot
// path of every protected request: it decodes with strict base64url, parses the claims with
// simdjson, and never throws; every malformed input is a JoseErrc.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reference/jose/key.hpp"

namespace authprobe::jose {

struct Claims {
  std::string iss;
  std::string sub;
  std::vector<std::string> aud;     // a string "aud" becomes one element
  std::string client_id;
  std::string jti;
  std::string scope;                // space-delimited scope-tokens (RFC 9068 §2.2.3)
  std::vector<std::string> roles;   // RFC 9068 §2.2.3.1
  std::int64_t iat = 0;
  std::int64_t nbf = 0;             // 0: absent
  std::int64_t exp = 0;

  [[nodiscard]] bool has_scope(std::string_view scope_token) const;  // exact token match
  [[nodiscard]] bool has_role(std::string_view role) const;
};

// The JWT type an access token must carry (RFC 9068 §2.1); "application/at+jwt" also accepted.
inline constexpr std::string_view access_token_typ = "at+jwt";
// Leeway on exp/nbf: default 0, never more than a few minutes (RFC 7519 §4.1.4).
inline constexpr std::chrono::seconds max_leeway{300};

struct ValidationPolicy {
  std::string issuer;               // exact match required
  std::string audience;             // must be "aud" or one element of it
  std::chrono::seconds leeway{0};
  bool require_at_jwt_typ = true;
};

// Keys the verifier trusts, each bound to its algorithm; selected by "kid" when present,
// otherwise by "alg" among keys without a kid or when there is exactly one key.
class KeySet {
 public:
  // Loads a JWK Set (RFC 7517 §5). Every key must carry "alg" (its one algorithm) and pass
  // Key::from_jwk; the set is refused when two keys share a "kid" (or, without kids, an alg)
  // or when it mixes symmetric and asymmetric keys (both ambiguous; Wycheproof expects it).
  [[nodiscard]] static Result<KeySet> from_jwks(const nlohmann::json& jwks);

  void add(Key key);
  [[nodiscard]] const std::vector<Key>& keys() const { return keys_; }
  // {"keys":[...]} with the public JWK of every asymmetric key.
  [[nodiscard]] std::string jwks_json() const;
  // The key a header names: by `kid` (unknown_kid if none has it, alg_not_allowed if it is
  // bound to another alg), else the key for `alg` as described above.
  [[nodiscard]] Result<const Key*> select(std::optional<std::string_view> kid, Algorithm alg) const;

 private:
  std::vector<Key> keys_;
};

struct Jws {
  std::string header_json;
  std::string payload;
};

// Compact JWS without claim semantics (for the RFC and Wycheproof vectors, and `jwt verify`).
[[nodiscard]] Result<std::string> sign_compact(std::string_view header_json, std::string_view payload, const Key& key);
[[nodiscard]] Result<Jws> verify_compact(std::string_view token, const KeySet& keys);

// The protected header mint_access_token writes for `key`: {"alg":..,"typ":"at+jwt","kid":..}.
[[nodiscard]] std::string access_token_header_json(const Key& key);
// Mints an access token: header {"alg","typ":"at+jwt","kid"?}, claims from `claims`
// (iss, sub, aud as a string when it has one element, client_id, iat, nbf when set, exp,
// jti, scope, roles; empty strings/lists and zero times are left out).
[[nodiscard]] Result<std::string> mint_access_token(const Claims& claims, const Key& key);

// Compact tokens longer than this are refused before any decoding (malformed_token).
inline constexpr std::size_t max_token_bytes = 16 * 1024;

class JwtVerifier {
 public:
  // A policy that validate() refuses is never clamped or repaired: the verifier is built
  // but fails closed, answering every verify() with that bad_policy error. Use create() or
  // validate() at start-up to turn the mistake into a configuration error instead.
  JwtVerifier(KeySet keys, ValidationPolicy policy);
  [[nodiscard]] static Result<void> validate(const ValidationPolicy& policy);
  [[nodiscard]] static Result<JwtVerifier> create(KeySet keys, ValidationPolicy policy);

  // `now` in seconds since the epoch (injected so tests control the clock).
  [[nodiscard]] Result<Claims> verify(std::string_view token, std::int64_t now) const;
  // The same pipeline into a caller-owned Claims whose buffers are reused (see parse_claims):
  // a thread that keeps one verifies without allocating. On failure `out` holds a mix.
  [[nodiscard]] Result<void> verify_into(std::string_view token, std::int64_t now, Claims& out) const;

 private:
  // The exact first segment mint_access_token writes for a key, mapped to the key the full
  // header check selects for it (computed once through that same check), so tokens this
  // server minted skip decoding and parsing a header whose verdict is already known.
  struct KnownHeader {
    std::string segment;
    std::size_t key_index = 0;
  };

  KeySet keys_;
  ValidationPolicy policy_;
  std::optional<Error> policy_error_;
  std::vector<KnownHeader> known_headers_;
};

// A fresh "jti" (RFC 7519 §4.1.7): 256 random bits, base64url. The one jti generator: the
// token endpoint, `authprobe jwt` and the benchmarks all take theirs from here.
[[nodiscard]] Result<std::string> new_token_id();

// Unverified decode for `authprobe jwt decode`: never used for a security decision.
[[nodiscard]] Result<Jws> decode_unverified(std::string_view token);

}  // namespace authprobe::jose
