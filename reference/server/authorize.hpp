#pragma once
// What an authenticated caller may do: the authorization decisions every protected route makes
// after authenticate() (a 403 or insufficient_scope only ever follows a successful
// authentication, catalog AUTHZ-03). The route table says which route asks for which decision.
#include <string_view>

#include <tl/expected.hpp>

#include "reference/server/authenticate.hpp"
#include "reference/server/http/auth_error.hpp"

namespace authprobe::server {

// Authorization after authentication (RFC 6750 §3.1, RFC 9110 §15.5.4).
// A Bearer token must carry every token of `scope` (space-separated, RFC 6749 §3.3); a Basic
// user has no scopes and is refused. The refusal names the whole of `scope`.
[[nodiscard]] tl::expected<void, AuthError> require_scope(const Principal& principal, std::string_view scope);
// A role and a scope together: Basic users by their record; Bearer tokens need the role in the
// token, in the user's current record (a demotion takes effect at once, catalog AUTHZ-13) and the
// scope (a token narrowed to todos:read does not reach /admin); a Bearer refusal names the scope.
[[nodiscard]] tl::expected<void, AuthError> require_role_and_scope(const Principal& principal, std::string_view role,
                                                                   std::string_view scope);
// The administrator: role admin with scope admin.
[[nodiscard]] tl::expected<void, AuthError> require_admin(const Principal& principal);
// A role alone, as the RBAC tutorial checks it: the user's current record holds it, whatever
// the token says; otherwise 403 without a challenge (a role is no scope a client could ask for).
[[nodiscard]] tl::expected<void, AuthError> require_role(const Principal& principal, std::string_view role);
[[nodiscard]] AuthError role_refusal(std::string_view role);

inline constexpr std::string_view admin_role = "admin";
inline constexpr std::string_view admin_scope = "admin";

}  // namespace authprobe::server
