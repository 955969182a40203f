#pragma once
// The BEARER (RFC 6750) and JWT (RFC 7519/7515/7518/8725/9068) sections of the catalog, one
// Check per ID in catalog order. The registry is the only caller.
#include <vector>

#include "conformance/check.hpp"

namespace authprobe::conformance {

[[nodiscard]] std::vector<Check> bearer_checks();
[[nodiscard]] std::vector<Check> jwt_checks();
// AUTHZ-06 and AUTHZ-07 mint scope and role variants with the server key (jwt_authz.cpp);
// authz_checks() lists them in catalog order.
[[nodiscard]] Check matches_scope_tokens_exactly();
[[nodiscard]] Check matches_roles_exactly();

}  // namespace authprobe::conformance
