#include "reference/server/server_state.hpp"

#include <algorithm>
#include <utility>

namespace authprobe::server {
jose::ValidationPolicy validation_policy(const config::ServerConfig& config) {
  jose::ValidationPolicy policy;
  policy.issuer = config.issuer;
  policy.audience = config.audience;
  policy.leeway = config.leeway;
  policy.require_at_jwt_typ = true;
  return policy;
}

ServerState::ServerState(config::ServerConfig config_in, config::UsersFile users, jose::Key signing_key,
                         jose::KeySet keys, LogSink log_in, GateLimits gate_limits, std::size_t max_refresh_tokens,
                         Clock clock, std::optional<std::filesystem::path> write_back)
    : config(std::move(config_in)),
      log(std::move(log_in)),
      gate(gate_limits),
      accounts(std::move(users), AccountStoreOptions{std::move(write_back), config.hash_policy, config.rehash_on_login},
               gate, log),
      login_throttle(config.login_throttle),
      refresh_tokens(config.refresh_token_ttl, max_refresh_tokens),
      authenticator(accounts, login_throttle, jose::JwtVerifier(keys, validation_policy(config)), config.compat, clock),
      token_endpoint(TokenSettings{config.issuer, config.audience, config.access_token_ttl, config.compat, config.leeway}, accounts,
                     login_throttle,
                     refresh_tokens, std::move(signing_key), clock),
      cors(config.cors_origins) {
  if (std::any_of(keys.keys().begin(), keys.keys().end(), [](const jose::Key& key) { return !key.is_symmetric(); }))
    jwks_json = keys.jwks_json();
}

}  // namespace authprobe::server
