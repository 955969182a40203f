#pragma once
// The token every JWT benchmark measures: a typical access token (iss, sub, aud, client_id,
// iat, nbf, exp, jti, scope, roles) signed with a key made once, plus the verifier that
// accepts it. Built outside the timed loops.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "reference/core/result.hpp"
#include "reference/jose/jwt.hpp"

namespace authprobe::bench {

struct JwtCase {
  jose::Algorithm alg = jose::Algorithm::HS256;
  jose::Key key;
  std::string hmac_secret;   // HS*: the raw secret (libjwt takes the key bytes); empty otherwise
  jose::Claims claims;
  std::string token;
  // The same payload, key and signature algorithm with "typ":"JWT": libjwt 1.10 refuses every
  // other typ (at+jwt included), so the peers verify this twin instead.
  std::string peer_token;
  std::int64_t now = 0;      // the clock every verify uses: inside [nbf, exp)
  jose::JwtVerifier verifier;
};

// A fresh key for `alg` and a token over the typical claims set.
[[nodiscard]] Result<std::shared_ptr<const JwtCase>> make_jwt_case(jose::Algorithm alg);

// The algorithms the JWT suite measures, in report order.
[[nodiscard]] const std::vector<jose::Algorithm>& benchmarked_algorithms();

// One case per benchmarked algorithm, made once so that the pipeline, its floors and the
// peers all measure the same token with the same key. `made` is null when setup failed.
struct JwtCaseSlot {
  jose::Algorithm alg = jose::Algorithm::HS256;
  std::shared_ptr<const JwtCase> made;
  std::string error;
};
[[nodiscard]] std::vector<JwtCaseSlot> make_jwt_cases();

}  // namespace authprobe::bench
