#pragma once
// Claim sets for forgeries. P* (catalog JWT notation) is the target's own payload P0 with the
// privileges raised and a fresh expiry, so that a bypass shows up as access to the admin route.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/forge/forge_result.hpp"

namespace authprobe::conformance::forge {

// Seconds a forged token stays fresh: long enough for one run, short enough to be harmless.
inline constexpr std::int64_t forged_lifetime_seconds = 600;

struct Escalation {
  // The target's own names for the catalog scopes read, write and admin (profile mapping).
  std::vector<std::string> scopes;
  std::string role = "admin";
  std::int64_t expires_at = 0;  // NumericDate (RFC 7519 §2)
};

[[nodiscard]] std::int64_t now_seconds();
// An Escalation with the catalog's "read write admin" mapped through `scope_names`.
[[nodiscard]] Escalation escalation_for(std::vector<std::string> scope_names, std::int64_t now = now_seconds());

// P0 -> P*: sets "scope" (space-delimited, RFC 9068 §2.2.3), "role", "roles" and "exp", keeping
// every other claim of P0.
[[nodiscard]] Result<std::string> escalate(std::string_view payload_json, const Escalation& escalation);

// The space-delimited scope string of a payload ("scope" or, failing that, "scp"), or empty.
[[nodiscard]] std::string scope_of(std::string_view payload_json);

}  // namespace authprobe::conformance::forge
