#pragma once
// Shared by the TOKEN checks: the baseline request (checks.md TOKEN section header) and the
// judgement of a token-endpoint error response.
#include <optional>
#include <string>

#include "conformance/checks/support.hpp"

namespace authprobe::conformance::token {

inline constexpr std::string_view baseline = "TOKEN-01";

// grant_type=password&username=<alice>&password=<pw> for a fixture user, or nullopt.
[[nodiscard]] std::optional<FormParams> password_params(const Context& ctx, std::string_view user = "alice");
// POST <token endpoint> with the form, client authentication as the profile declares.
[[nodiscard]] Request token_post(const Context& ctx, const FormParams& params);
// Same without any client authentication.
[[nodiscard]] Request token_post_unauthenticated(const Context& ctx, const FormParams& params);
// Same with a raw (possibly malformed) form body.
[[nodiscard]] Request token_post_raw_body(const Context& ctx, std::string content_type, std::string body);

// RFC 6749 §5.2: 400 with {"error": code}. A token -> FAIL; 5xx -> FAIL; 422/415 -> the D-row
// given (D4 by default); a 400 without an RFC error member -> D2; anything else -> `miss`.
[[nodiscard]] Verdict judge_error(const Context& ctx, const Response& r, std::string_view code,
                                  std::optional<Deviation> representation = Deviation::d4,
                                  Verdict miss = Verdict::fail);

}  // namespace authprobe::conformance::token
