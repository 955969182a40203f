#pragma once
// Before any check: does the target do what the profile declares? Each declared endpoint
// answers, each declared user logs in through each declared flow, the key (if given) verifies a
// token the server issued, each declared CORS origin gets a preflight answer. A broken promise is
// the profile's problem (exit 2, one message naming the field), not a list of server failures.
#include <optional>
#include <string>

#include "conformance/finding.hpp"
#include "conformance/probe.hpp"
#include "conformance/target_profile.hpp"

namespace authprobe::conformance {

struct PreflightProblem {
  std::string field;  // the profile field to fix, e.g. users.alice.password
  std::string said;   // what the server said, e.g. "POST /token answered 400 invalid_grant"
  // One line for a terminal: what the server said is untrusted, so control bytes (escape
  // sequences, NUL, line breaks) are shown as \xNN and the text is cut at a few hundred bytes.
  [[nodiscard]] std::string message() const;
};

// nullopt when every promise holds, or when the target cannot be reached at all (the run then
// reports it unreachable, exit 3, with the cause).
[[nodiscard]] std::optional<PreflightProblem> preflight(const TargetProfile& target, Probe& probe);

// Under --no-preflight with a profile the preflight found wrong: a FAIL decided by a refusal of
// credentials (401, 400 invalid_grant, or 429 after its failed logins) may be the refusal of the profile's own wrong
// credentials, so it is ERROR naming the profile problem, never a FAIL blamed on the server.
[[nodiscard]] Finding unjudged_if_refused(Finding finding, const std::string& profile_problem);

}  // namespace authprobe::conformance
