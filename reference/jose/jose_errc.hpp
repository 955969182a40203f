#pragma once
#include "reference/core/error_category.hpp"
#include "reference/core/result.hpp"

namespace authprobe::jose {

enum class JoseErrc {
  malformed_token = 1,  // not three segments, empty segment where one is required, too long
  bad_base64url,        // padding, '+' or '/', whitespace, non-canonical trailing bits
  bad_json,             // header or claims not a JSON object, duplicate names, bad UTF-8
  unsupported_alg,      // "none" in any case, unknown or malformed "alg"
  alg_not_allowed,      // a known alg that no configured key is bound to
  unknown_kid,          // "kid" names no configured key
  bad_signature,
  unknown_crit,         // "crit" names an extension we do not understand (RFC 7515 §4.1.11)
  forbidden_header,     // "jku", "x5u", "jwk", "x5c": keys named by the token are never trusted
  bad_type,             // "typ" is not at+jwt (RFC 9068 §4)
  missing_claim,
  bad_claim_type,       // e.g. a string "exp", an integer "sub"
  expired,
  not_yet_valid,
  bad_issuer,
  bad_audience,
  bad_key,              // a key that cannot be parsed, is too short, or does not fit its alg
  bad_policy,           // a ValidationPolicy the verifier refuses (e.g. leeway above max_leeway)
};
const char* describe(JoseErrc e);

}  // namespace authprobe::jose

AUTHPROBE_ERROR_ENUM(authprobe::jose, JoseErrc, "jose")
