#pragma once
// TOKEN-28..32: the endpoints a server may offer beside /token (revocation, introspection,
// metadata), the password grant reported as INFO, and the deployment-only TLS check. Listed by
// token_lifecycle.cpp in catalog order.
#include <vector>

#include "conformance/check.hpp"

namespace authprobe::conformance::token {

[[nodiscard]] std::vector<Check> offered_checks();

}  // namespace authprobe::conformance::token
