#include "reference/server/authorize.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace authprobe::server {
namespace {

bool has_role(const std::vector<std::string>& roles, std::string_view role) {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

}  // namespace

tl::expected<void, AuthError> require_scope(const Principal& principal, std::string_view scope) {
  if (principal.claims && principal.claims->has_scope(scope)) return {};
  AuthError error = make_error(AuthErrorKind::insufficient_scope, "the access token lacks the required scope");
  error.scope = std::string(scope);
  return tl::unexpected(std::move(error));
}

tl::expected<void, AuthError> require_admin(const Principal& principal) {
  const bool admin_now = has_role(principal.account.roles, admin_role);
  if (principal.method == AuthMethod::basic) {
    if (admin_now) return {};
    return tl::unexpected(make_error(AuthErrorKind::forbidden, "the admin role is required"));
  }
  if (admin_now && principal.claims && principal.claims->has_role(admin_role) &&
      principal.claims->has_scope(admin_scope))
    return {};
  AuthError error = make_error(AuthErrorKind::insufficient_scope, "the access token lacks the admin scope or role");
  error.scope = std::string(admin_scope);
  return tl::unexpected(std::move(error));
}

}  // namespace authprobe::server
