#pragma once
// Fresh tokens per fixture user, obtained once through the token endpoint and reused by every
// check that only needs "a valid token for alice". A failed grant is remembered so dependent
// checks become ERROR (V4) instead of hammering the endpoint.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include "conformance/probe.hpp"
#include "conformance/target_profile.hpp"

namespace authprobe::conformance {

struct TokenGrant {
  std::string access_token;
  std::string token_type;
  std::optional<std::string> refresh_token;
  std::optional<std::string> scope;
  nlohmann::json body;
  Exchange exchange;
};

// Why a dependency could not be met; the check reports ERROR with this text.
struct Unmet {
  std::string reason;
};

template <typename T>
using Needed = tl::expected<T, Unmet>;

class Session {
public:
  Session(const TargetProfile& target, Probe& probe) : target_(target), probe_(probe) {}

  // The baseline token request of TOKEN-01 for a fixture user (logical name), with the profile's
  // client authentication. `extra` parameters are appended; `password` overrides the user's.
  [[nodiscard]] Needed<Request> token_request(std::string_view user, const FormParams& extra = {},
                                              const std::optional<std::string>& password = {}) const;
  // The request with client authentication as the profile declares it (Basic header or body).
  [[nodiscard]] Request with_client_auth(Request request, FormParams params) const;

  // Cached per user; the first call sends the grant.
  [[nodiscard]] Needed<TokenGrant> token(std::string_view user);
  // Always a new grant (for checks that revoke or compare tokens).
  [[nodiscard]] Needed<TokenGrant> fresh_token(std::string_view user, const FormParams& extra = {});
  // Basic credentials of a fixture user (V4: ERROR when the user is not in the profile).
  [[nodiscard]] Needed<const TestUser*> user(std::string_view logical) const;

private:
  const TargetProfile& target_;
  Probe& probe_;
  std::map<std::string, Needed<TokenGrant>, std::less<>> cache_;
};

}  // namespace authprobe::conformance
