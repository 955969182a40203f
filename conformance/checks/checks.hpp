#pragma once
// The catalog sections written in this folder, one Check per ID in catalog order. The registry
// (registry.cpp) is the only caller. BEARER and JWT live in jwt_checks.hpp.
#include <vector>

#include "conformance/check.hpp"

namespace authprobe::conformance {

[[nodiscard]] std::vector<Check> basic_checks();
[[nodiscard]] std::vector<Check> token_checks();
[[nodiscard]] std::vector<Check> authz_checks();
[[nodiscard]] std::vector<Check> hash_checks();
[[nodiscard]] std::vector<Check> http_checks();

}  // namespace authprobe::conformance
