#pragma once
// Fresh tokens per fixture user, obtained once the way the profile declares (OAuth grant, a
// non-OAuth login route, or a token the tester supplied) and reused by every check that only
// needs "a valid token for alice". A failure is remembered so dependent checks become ERROR (V4)
// instead of hammering the endpoint, and listed at the end of the run with the profile field to fix.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
  std::string field{};  // the profile field to fix, when the cause is the profile (e.g. users.alice.password)
};

template <typename T>
using Needed = tl::expected<T, Unmet>;

// What the Sessions of one run share when checks run concurrently (--jobs): the token cache and
// the shortfalls. A user's token is obtained once, under the cache lock, whichever check asks first.
struct SessionStore {
  // Held around every request that makes the target hash a password (a login, a Basic
  // credential): the target's scarce resource. Concurrent checks never ask for two hashes at once,
  // so --jobs never turns into the target's load shedding (503 "too many logins") on a busy
  // machine. Lock order: cache_mutex before login_lane.
  std::mutex login_lane;
  std::mutex cache_mutex;
  std::map<std::string, Needed<TokenGrant>, std::less<>> cache;
  std::mutex shortfalls_mutex;
  std::vector<Unmet> shortfalls;
};

// True when answering `request` makes the target verify a password: a request to the token (or
// login) endpoint, or one carrying Basic credentials.
[[nodiscard]] bool verifies_password(const Request& request, const TargetProfile& target);

class Session {
public:
  Session(const TargetProfile& target, Probe& probe)
      : target_(target), probe_(probe), store_(std::make_shared<SessionStore>()) {}
  // One Session per concurrent worker (each with its own Probe), one store for the run.
  Session(const TargetProfile& target, Probe& probe, std::shared_ptr<SessionStore> store)
      : target_(target), probe_(probe), store_(std::move(store)) {}

  // The baseline token request of TOKEN-01 for a fixture user (logical name), with the profile's
  // client authentication. `extra` parameters are appended; `password` overrides the user's.
  [[nodiscard]] Needed<Request> token_request(std::string_view user, const FormParams& extra = {},
                                              const std::optional<std::string>& password = {}) const;
  // The request with client authentication as the profile declares it (Basic header or body).
  [[nodiscard]] Request with_client_auth(Request request, FormParams params) const;

  // Cached per user; the first call obtains the token.
  [[nodiscard]] Needed<TokenGrant> token(std::string_view user);
  // Always a new token (for checks that revoke or compare tokens). `extra` form parameters need
  // an OAuth token endpoint; a supplied token is the same every time.
  [[nodiscard]] Needed<TokenGrant> fresh_token(std::string_view user, const FormParams& extra = {});
  // An expired token of this user the tester obtained earlier (users.X.expired_token*), for
  // servers whose tokens the suite cannot mint expired (opaque tokens, no key).
  [[nodiscard]] Needed<std::string> expired_token(std::string_view user);
  // A fixture user as the token flow knows it (V4: ERROR when the user is not in the profile).
  [[nodiscard]] Needed<const TestUser*> user(std::string_view logical) const;
  // The same user as the Basic resources know it (users.X.basic overrides the identity).
  [[nodiscard]] Needed<const TestUser*> basic_user(std::string_view logical);
  [[nodiscard]] const TestUser* basic_identity(std::string_view logical);  // nullptr when not declared

  // The lane to hold while sending a request that verifies_password().
  [[nodiscard]] std::mutex& login_lane() const { return store_->login_lane; }

  // What the run could not obtain because of the profile or the target (not because the profile
  // declares a flow absent), first failure per field, in the order met.
  [[nodiscard]] std::vector<Unmet> shortfalls() const;

private:
  Needed<TokenGrant> obtain(std::string_view user, const FormParams& extra);
  Needed<TokenGrant> remember(Needed<TokenGrant> outcome);
  void record(const Unmet& unmet);

  const TargetProfile& target_;
  Probe& probe_;
  std::shared_ptr<SessionStore> store_;
  std::map<std::string, TestUser, std::less<>> basic_users_;  // filled on first use, per user
};

}  // namespace authprobe::conformance
