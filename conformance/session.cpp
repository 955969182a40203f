#include "conformance/session.hpp"

#include <algorithm>
#include <cctype>

#include "conformance/http_constants.hpp"
#include "conformance/token_acquisition.hpp"

namespace authprobe::conformance {
namespace {

bool starts_with_basic(std::string_view value) {
  constexpr std::string_view basic = "basic ";
  if (value.size() < basic.size()) return false;
  for (std::size_t i = 0; i < basic.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(value[i])) != basic[i]) return false;
  }
  return true;
}

}  // namespace

bool verifies_password(const Request& request, const TargetProfile& target) {
  const auto path = std::string_view(request.target).substr(0, request.target.find('?'));
  if (target.endpoints.token && path == target.endpoints.token->path) return true;
  for (const auto& [name, value] : request.headers) {
    if (name.size() == http::header::authorization.size() &&
        std::equal(name.begin(), name.end(), http::header::authorization.begin(),
                   [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); }) &&
        starts_with_basic(value)) {
      return true;
    }
  }
  for (const auto& line : request.raw_lines) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    auto value = std::string_view(line).substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    if (starts_with_basic(value)) return true;
  }
  return false;
}

Needed<const TestUser*> Session::user(std::string_view logical) const {
  const auto* found = target_.user(logical);
  if (found == nullptr) return tl::unexpected(Unmet{"profile declares no fixture user '" + std::string(logical) + "'"});
  return found;
}

const TestUser* Session::basic_identity(std::string_view logical) {
  if (const auto found = basic_users_.find(logical); found != basic_users_.end()) return &found->second;
  auto on_basic = target_.basic_user(logical);
  if (!on_basic) return nullptr;
  return &basic_users_.emplace(std::string(logical), std::move(*on_basic)).first->second;
}

Needed<const TestUser*> Session::basic_user(std::string_view logical) {
  const auto* found = basic_identity(logical);
  if (found == nullptr) return tl::unexpected(Unmet{"profile declares no fixture user '" + std::string(logical) + "'"});
  return found;
}

Request Session::with_client_auth(Request request, FormParams params) const {
  return acquisition::with_client_auth(target_, std::move(request), std::move(params), target_.clients.confidential);
}

Needed<Request> Session::token_request(std::string_view user_name, const FormParams& extra,
                                       const std::optional<std::string>& password) const {
  const auto& endpoint = target_.endpoints.token;
  if (!endpoint || target_.acquisition_kind() != AcquisitionKind::oauth_password) {
    return tl::unexpected(Unmet{"profile declares no password-grant token endpoint"});
  }
  auto found = user(user_name);
  if (!found) return tl::unexpected(found.error());
  return acquisition::password_grant_request(target_, *endpoint, **found, extra, password);
}

Needed<TokenGrant> Session::obtain(std::string_view user_name, const FormParams& extra) {
  auto found = user(user_name);
  if (!found) return tl::unexpected(found.error());
  const auto kind = target_.acquisition_kind();
  if (kind == AcquisitionKind::supplied) {
    if (!(*found)->token) {
      return tl::unexpected(Unmet{"no token supplied for " + std::string(user_name),
                                  "users." + std::string(user_name) + ".token_env"});
    }
    auto token = acquisition::supplied(*(*found)->token);
    if (!token) return tl::unexpected(token.error());
    TokenGrant grant;
    grant.access_token = std::move(*token);
    grant.token_type = std::string(http::scheme::bearer);
    return grant;
  }
  if (!extra.empty() && kind != AcquisitionKind::oauth_password) {
    return tl::unexpected(Unmet{"needs an OAuth password-grant token endpoint (extra token request parameters)"});
  }
  auto request = kind == AcquisitionKind::oauth_password ? token_request(user_name, extra)
                                                         : acquisition::request_for(target_, **found, user_name);
  if (!request) return tl::unexpected(request.error());
  auto sent = [&] {
    const std::lock_guard lane(store_->login_lane);
    return probe_.send(*request);
  }();
  if (!sent) {
    return tl::unexpected(Unmet{"token request for " + std::string(user_name) + " failed: " + sent.error().message,
                                "endpoints.token"});
  }
  return acquisition::read_response(target_, *sent, user_name);
}

void Session::record(const Unmet& unmet) {
  if (unmet.field.empty()) return;  // not the profile's or the target's doing (e.g. a user not declared)
  const std::lock_guard lock(store_->shortfalls_mutex);
  auto& shortfalls = store_->shortfalls;
  const bool known = std::any_of(shortfalls.begin(), shortfalls.end(),
                                 [&](const Unmet& seen) { return seen.field == unmet.field; });
  if (!known) shortfalls.push_back(unmet);
}

std::vector<Unmet> Session::shortfalls() const {
  const std::lock_guard lock(store_->shortfalls_mutex);
  return store_->shortfalls;
}

Needed<TokenGrant> Session::remember(Needed<TokenGrant> outcome) {
  if (!outcome) record(outcome.error());
  return outcome;
}

Needed<TokenGrant> Session::fresh_token(std::string_view user_name, const FormParams& extra) {
  // Only the plain baseline request is a promise of the profile; a check that adds parameters
  // (an unknown scope, say) may expect the refusal it gets.
  if (!extra.empty()) return obtain(user_name, extra);
  return remember(obtain(user_name, extra));
}

Needed<TokenGrant> Session::token(std::string_view user_name) {
  const std::lock_guard lock(store_->cache_mutex);
  if (auto cached = store_->cache.find(user_name); cached != store_->cache.end()) return cached->second;
  auto grant = fresh_token(user_name);
  store_->cache.emplace(std::string(user_name), grant);
  return grant;
}

Needed<std::string> Session::expired_token(std::string_view user_name) {
  auto found = user(user_name);
  if (!found) return tl::unexpected(found.error());
  if (!(*found)->expired_token) {
    return tl::unexpected(Unmet{"the profile gives no expired token for " + std::string(user_name) +
                                " (users." + std::string(user_name) + ".expired_token_env) and no signing key"});
  }
  auto token = acquisition::supplied(*(*found)->expired_token);
  if (!token) record(token.error());
  return token;
}

}  // namespace authprobe::conformance
