#pragma once
// Exchanges whose answer no replay can get again, whatever the target, because the request used
// up what it presented. Marked on every finding by the runner (Exchange::state_dependence), so a
// report never offers such a request as a reproduction without saying why its answer may differ.
#include <optional>
#include <string>

#include "conformance/finding.hpp"

namespace authprobe::conformance {

// Why `exchange` cannot be answered the same again, or nullopt. Today one case: a refresh grant
// (grant_type=refresh_token) that issued tokens. RFC 6749 §6 lets the server issue a new refresh
// token and revoke the old one, and RFC 9700 §4.14.2 asks public clients' tokens to rotate, so
// re-sending the request presents a refresh token already spent.
[[nodiscard]] std::optional<std::string> spent_by_request(const Exchange& exchange);

// Sets state_dependence on each exchange of the finding that spent_by_request names (a marker a
// check set itself is kept).
void mark_spent_credentials(Finding& finding);

}  // namespace authprobe::conformance
