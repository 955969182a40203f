#pragma once
// Judging RFC 6750 §3 refusals: status, the Bearer challenge and its error attribute.
#include <optional>
#include <string>

#include "conformance/challenge.hpp"
#include "conformance/checks/jwt_support.hpp"

namespace authprobe::conformance::jwt {

// The Bearer challenge of a response, if any (all WWW-Authenticate lines are searched).
[[nodiscard]] std::optional<Challenge> bearer_challenge(const Response& response);
[[nodiscard]] std::vector<std::string> www_authenticate_values(const HeaderLines& headers);

// RFC 6750 §3.1: a bad token -> 401 with error="invalid_token" (BEARER-03/04/05). Accepted or
// 5xx FAILs; 401 without a Bearer challenge FAILs (V1: the challenge is the subject); 401
// without error is D11; another 4xx is a missed SHOULD (WARN).
[[nodiscard]] Part judge_invalid_token(const Context& ctx, const std::string& name, const SendResult& result);

// RFC 6750 §3: no usable credentials -> 401 with a Bearer challenge and no error (BEARER-01/07).
[[nodiscard]] Part judge_no_credentials(const std::string& name, const SendResult& result);

[[nodiscard]] std::string status_text(const SendResult& result);

}  // namespace authprobe::conformance::jwt
