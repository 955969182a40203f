#pragma once
// Builds tokens for the verifier tests: any header and claims, signed with a fixed HS256
// key, or left unsigned/forged by hand where a test needs bytes sign_compact would refuse.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "reference/jose/base64url.hpp"
#include "reference/jose/jwt.hpp"

namespace authprobe::jose::testing {

inline constexpr std::int64_t now = 1'700'000'000;
inline constexpr std::int64_t lifetime = 600;
inline const std::string issuer = "https://issuer.example";
inline const std::string audience = "authprobe-api";

inline Key hs256_key(std::string kid = "k1") { return *Key::hmac(std::string(64, 's'), Algorithm::HS256, std::move(kid)); }

inline KeySet key_set(const Key& key) {
  KeySet keys;
  keys.add(key);
  return keys;
}

inline ValidationPolicy policy(std::chrono::seconds leeway = std::chrono::seconds{0}) {
  ValidationPolicy out;
  out.issuer = issuer;
  out.audience = audience;
  out.leeway = leeway;
  return out;
}

inline nlohmann::json good_claims() {
  return {{"iss", issuer}, {"sub", "alice"}, {"aud", audience}, {"iat", now}, {"exp", now + lifetime}};
}

inline nlohmann::json good_header() { return {{"alg", "HS256"}, {"typ", "at+jwt"}, {"kid", "k1"}}; }

// header.payload.signature with the raw texts given (no JSON re-serialisation) and an
// HS256 MAC under hs256_key() over exactly those segments.
inline std::string signed_token(const std::string& header_text, const std::string& claims_text) {
  std::string input = base64url::encode(header_text) + "." + base64url::encode(claims_text);
  return input + "." + base64url::encode(*hs256_key().sign(input));
}

inline std::string signed_token(const nlohmann::json& header, const nlohmann::json& claims) {
  return signed_token(header.dump(), claims.dump());
}

inline std::string token_with_claims(const nlohmann::json& claims) { return signed_token(good_header(), claims); }

}  // namespace authprobe::jose::testing
