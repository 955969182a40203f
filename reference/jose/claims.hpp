#pragma once
// RFC 7519 §4.1 / RFC 9068 §2.2 claims: reading them from the payload and judging them.
#include <string>

#include "reference/jose/jwt.hpp"

namespace authprobe::jose {

struct ParsedClaims {
  Claims claims;
  bool has_iss = false;
  bool has_sub = false;
  bool has_aud = false;
  bool has_exp = false;
  bool has_nbf = false;
};

// Strict JSON object (json_strict.hpp); each registered claim present has its type:
// NumericDate numbers for exp/nbf/iat (fractions allowed, huge values saturate), strings
// for iss/sub/client_id/jti/scope, a string or an array of strings for aud, an array of
// strings for roles. Other members are left alone.
[[nodiscard]] Result<ParsedClaims> parse_claims(std::string& payload_json);

// missing_claim (iss, sub, aud, exp), expired, not_yet_valid, bad_issuer, bad_audience.
[[nodiscard]] Result<void> check_claims(const ParsedClaims& parsed, const ValidationPolicy& policy, std::int64_t now);

}  // namespace authprobe::jose
