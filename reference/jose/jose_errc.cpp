#include "reference/jose/jose_errc.hpp"

namespace authprobe::jose {

const char* describe(JoseErrc e) {
  switch (e) {
    case JoseErrc::malformed_token: return "malformed token";
    case JoseErrc::bad_base64url: return "invalid base64url";
    case JoseErrc::bad_json: return "invalid JSON";
    case JoseErrc::unsupported_alg: return "unsupported algorithm";
    case JoseErrc::alg_not_allowed: return "algorithm not allowed for any configured key";
    case JoseErrc::unknown_kid: return "unknown key id";
    case JoseErrc::bad_signature: return "signature does not verify";
    case JoseErrc::unknown_crit: return "unsupported critical header";
    case JoseErrc::forbidden_header: return "header names a key source that is never trusted";
    case JoseErrc::bad_type: return "wrong token type";
    case JoseErrc::missing_claim: return "missing claim";
    case JoseErrc::bad_claim_type: return "claim has the wrong type";
    case JoseErrc::expired: return "token expired";
    case JoseErrc::not_yet_valid: return "token not yet valid";
    case JoseErrc::bad_issuer: return "wrong issuer";
    case JoseErrc::bad_audience: return "wrong audience";
    case JoseErrc::bad_key: return "unusable key";
    case JoseErrc::bad_policy: return "invalid validation policy";
  }
  return "unknown jose error";
}

}  // namespace authprobe::jose
