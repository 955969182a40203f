#pragma once
// RFC 7519 §4.1 / RFC 9068 §2.2 claims: reading them from the payload and judging them.
#include <string>

#include "reference/jose/jwt.hpp"

namespace authprobe::jose {

// Which registered claims the payload carried: a zero time or an empty string cannot tell.
struct ClaimsPresent {
  bool iss = false;
  bool sub = false;
  bool aud = false;
  bool exp = false;
  bool nbf = false;
};

// Strict JSON object (json_strict.hpp); each registered claim present has its type:
// NumericDate numbers for exp/nbf/iat (fractions allowed, huge values saturate), strings
// for iss/sub/client_id/jti/scope, a string or an array of strings for aud, an array of
// strings for roles. Other members are left alone. `claims` is overwritten in place, its
// strings and lists reusing their buffers, so a caller that keeps one Claims per thread
// allocates nothing per token once they are large enough; on failure it holds a mix.
[[nodiscard]] Result<ClaimsPresent> parse_claims(std::string& payload_json, Claims& claims);

// missing_claim (iss, sub, aud, exp), expired, not_yet_valid, bad_issuer, bad_audience.
[[nodiscard]] Result<void> check_claims(const Claims& claims, const ClaimsPresent& present,
                                        const ValidationPolicy& policy, std::int64_t now);

}  // namespace authprobe::jose
