#include "reference/server/authorize.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "reference/server/tokens/scope.hpp"

namespace authprobe::server {
namespace {

bool has_role(const std::vector<std::string>& roles, std::string_view role) {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

}  // namespace

tl::expected<void, AuthError> require_scope(const Principal& principal, std::string_view scope) {
  const auto needed = parse_scope(scope).value_or(std::vector<std::string>{std::string(scope)});
  const bool granted = principal.claims && std::all_of(needed.begin(), needed.end(), [&](const std::string& token) {
                         return principal.claims->has_scope(token);
                       });
  if (granted) return {};
  AuthError error = make_error(AuthErrorKind::insufficient_scope, "the access token lacks the required scope");
  error.scope = std::string(scope);
  return tl::unexpected(std::move(error));
}

tl::expected<void, AuthError> require_role_and_scope(const Principal& principal, std::string_view role,
                                                     std::string_view scope) {
  const bool role_now = has_role(principal.account.roles, role);
  if (principal.method == AuthMethod::basic) {
    if (role_now) return {};
    return tl::unexpected(role_refusal(role));
  }
  if (role_now && principal.claims && principal.claims->has_role(role) && principal.claims->has_scope(scope)) return {};
  AuthError error =
      make_error(AuthErrorKind::insufficient_scope, "the access token lacks the " + std::string(scope) + " scope or role");
  error.scope = std::string(scope);
  return tl::unexpected(std::move(error));
}

tl::expected<void, AuthError> require_admin(const Principal& principal) {
  return require_role_and_scope(principal, admin_role, admin_scope);
}

AuthError role_refusal(std::string_view role) {
  return make_error(AuthErrorKind::forbidden, "the " + std::string(role) + " role is required");
}

tl::expected<void, AuthError> require_role(const Principal& principal, std::string_view role) {
  if (has_role(principal.account.roles, role)) return {};
  return tl::unexpected(role_refusal(role));
}

}  // namespace authprobe::server
