#pragma once
// The catalog sections written in this folder, one Check per ID in catalog order. The registry
// (registry.cpp) is the only caller. BEARER and JWT live in jwt_checks.hpp.
#include <vector>

#include "conformance/check.hpp"

namespace authprobe::conformance {

[[nodiscard]] std::vector<Check> basic_checks();
[[nodiscard]] std::vector<Check> token_checks();  // = the three below, in catalog order
[[nodiscard]] std::vector<Check> token_grant_checks();      // TOKEN-01..12
[[nodiscard]] std::vector<Check> token_client_checks();     // TOKEN-13..21
[[nodiscard]] std::vector<Check> token_lifecycle_checks();  // TOKEN-22..32
[[nodiscard]] std::vector<Check> authz_checks();
[[nodiscard]] std::vector<Check> hash_checks();
[[nodiscard]] std::vector<Check> http_checks();

}  // namespace authprobe::conformance
