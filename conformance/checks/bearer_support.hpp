#pragma once
// Judging RFC 6750 §3 refusals: status, the Bearer challenge and its error attribute.
#include <optional>
#include <string>

#include "conformance/challenge.hpp"
#include "conformance/checks/jwt_support.hpp"

namespace authprobe::conformance::jwt {

// The Bearer challenge of a response, if any (all WWW-Authenticate lines are searched). A
// challenge from a field value that does not parse is returned too, flagged as malformed.
[[nodiscard]] std::optional<FoundChallenge> bearer_challenge(const Response& response);
[[nodiscard]] std::vector<std::string> www_authenticate_values(const HeaderLines& headers);

// The RFC 6750 §3.1 error code of a refusal: the Bearer challenge's error attribute, or, for a
// 400 (catalog V10), a JSON body's `error` member.
[[nodiscard]] std::optional<std::string> refusal_error(const Response& response);

// What a check owes a bad-token refusal, from its catalog entry.
struct RefusalRule {
  Level level = Level::should;        // a status outside the set misses this level (V3)
  bool challenge_is_subject = false;  // V1: only then a refusal without a Bearer challenge FAILs
  bool bad_request_ok = false;        // 400 invalid_request is acceptable (malformed credentials)
};

// RFC 6750 §3.1: a bad token -> 401 with error="invalid_token" (BEARER-03/04/05/08). Accepted or
// 5xx FAILs. Without a Bearer challenge: FAIL when the challenge is the check's subject, else the
// response is judged as one without error= (D11; AUTHZ-04 counts the missing challenge once).
// 401 without error is D11; another status misses the entry's level (V3).
[[nodiscard]] Part judge_invalid_token(const Context& ctx, const std::string& name, const SendResult& result,
                                       const RefusalRule& rule);

// RFC 6750 §3: no usable credentials -> 401 with a Bearer challenge and no error (BEARER-01/07,
// MUST: the challenge is the subject).
[[nodiscard]] Part judge_no_credentials(const std::string& name, const SendResult& result);

[[nodiscard]] std::string status_text(const SendResult& result);

}  // namespace authprobe::conformance::jwt
