#pragma once
// What `authprobe jwt verify` checks in a token's claims once its signature holds, and how it
// says what is wrong: a person reading "expired at 2024-05-01T12:00:00Z (3 h 2 min ago)" knows
// what to do; "token expired" alone does not say whether the clock or the token is at fault.
#include <cstdint>
#include <optional>
#include <string>

#include "reference/jose/claims.hpp"

namespace authprobe::tools {

struct ClaimExpectations {
  std::int64_t now = 0;                  // seconds since the epoch
  std::int64_t leeway = 0;               // seconds of clock skew allowed on exp, nbf and iat
  std::optional<std::string> issuer;     // iss must equal it (only when given)
  std::optional<std::string> audience;   // aud must contain it (only when given)
};

// The first problem with the claims, in words, or nullopt when there is none:
//   exp present (RFC 9068 §2.2) and not passed: now < exp + leeway (RFC 7519 §4.1.4);
//   nbf, when present, not in the future: nbf <= now + leeway (RFC 7519 §4.1.5);
//   iat sane: not in the future beyond the leeway, not after exp (RFC 7519 §4.1.6);
//   iss and aud as expected, when expected.
[[nodiscard]] std::optional<std::string> claim_problem(const jose::Claims& claims, const jose::ClaimsPresent& present,
                                                       const ClaimExpectations& expected);

// "2024-05-01T12:00:00Z"; "NumericDate N" for a time gmtime cannot express.
[[nodiscard]] std::string utc_time(std::int64_t epoch_seconds);
// The two largest units of a non-negative span: "3 d 4 h", "1 h 2 min", "5 min 3 s", "42 s".
[[nodiscard]] std::string span_words(std::int64_t seconds);

}  // namespace authprobe::tools
