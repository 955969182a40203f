#pragma once
// How a protected resource is protected, and how the refusal of a valid but under-privileged
// token is judged by it (catalog V7, RFC 6750 §3 and §3.1, D6). BEARER-11, AUTHZ-01 and AUTHZ-03
// share this one rule, so they cannot disagree about the same response.
#include <string>
#include <string_view>

#include "conformance/check.hpp"
#include "conformance/checks/jwt_support.hpp"

namespace authprobe::conformance {

// The protection the checks judge a resource by, and where that reading came from: the profile's
// protected_by, or (when it is not given) flows.scopes. The suite never guesses beyond that.
struct ResourceProtection {
  Protection::Kind kind = Protection::Kind::scope;
  std::string name;
  bool declared = false;
  // "scope-protected (profile: protected_by.scope \"admin\")" or
  // "role-protected (assumed: no protected_by, flows.scopes is false)".
  [[nodiscard]] std::string reading() const;
};

// `logical` is the catalog's name of what the resource needs (read, write, admin): the default
// name, mapped through the profile's scopes when scope-protected.
[[nodiscard]] ResourceProtection protection_of(const TargetProfile& target, const Endpoint& endpoint,
                                               std::string_view logical);

// A valid token without the permission the resource needs. Scope-protected: 403 with a Bearer
// challenge carrying error="insufficient_scope" (no challenge breaks RFC 6750 §3's MUST: FAIL;
// a challenge without that error misses §3.1's SHOULD: the entry's level). Role-protected (V7):
// any 403 passes. 401 FAILs (V7), except a scope-protected 401 whose challenge names the missing
// scope (D6). Granted or 5xx FAILs; another status misses the entry's level (V3).
[[nodiscard]] jwt::Part judge_underprivileged(const Context& ctx, const std::string& name, const SendResult& result,
                                              const ResourceProtection& protection, Level level);

}  // namespace authprobe::conformance
