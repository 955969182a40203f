#pragma once
// Whose token a response carries. A finding that says only "200, token issued" hides the worst
// part of a parameter-pollution or mix-up fault: the token may belong to another user, an admin
// (checks.md V10). When the access token is a JWT, its `sub` is read (never verified: this is a
// report, not a trust decision) and matched against the profile's fixture users.
#include <string>
#include <string_view>

#include "conformance/probe.hpp"
#include "conformance/target_profile.hpp"

namespace authprobe::conformance::support {

// "token for sub \"bob\" (fixture user bob; roles admin, user)", "token for sub \"42\" (not a
// fixture user's name)", or "opaque token: its owner is not readable".
[[nodiscard]] std::string token_owner(const TargetProfile& target, std::string_view access_token);

// The same for a token response; empty when the response issued no token.
[[nodiscard]] std::string token_owner(const TargetProfile& target, const Response& response);

// `note`, followed by " [token for ...]" when the response issued a token.
[[nodiscard]] std::string with_owner(const TargetProfile& target, std::string note, const Response& response);

}  // namespace authprobe::conformance::support
