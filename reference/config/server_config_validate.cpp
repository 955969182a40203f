// The last check before the server starts, on the merged settings (file, environment and
// flags): flags bypass the file parser's checks, so every rule is applied again here.
#include <iterator>

#include "reference/config/json_document.hpp"
#include "reference/config/server_config.hpp"
#include "reference/config/server_config_checks.hpp"
#include "reference/config/server_config_limits.hpp"

namespace authprobe::config {

Result<ServerConfig> validate(ServerConfig config) {
  const auto bad = [&](std::string_view pointer, std::string_view problem, ConfigErrc code = ConfigErrc::bad_field) {
    return tl::unexpected(config_error(code, config.source, pointer, problem));
  };
  if (auto problem = checks::host_problem(config.host)) return bad("/listen/host", *problem);
  if (config.tls && (config.tls->cert_file.empty() || config.tls->key_file.empty()))
    return bad("/tls", "both cert_file and key_file are required for HTTPS", ConfigErrc::missing_field);
  if (config.users_file.empty())
    return bad("/users_file", "required (in the config file, AUTHPROBE_USERS_FILE or --users)",
               ConfigErrc::missing_field);
  if (auto problem = checks::realm_problem(config.realm)) return bad("/realm", *problem);
  if (config.issuer.empty()) return bad("/issuer", "must not be empty");
  if (config.audience.empty()) return bad("/audience", "must not be empty");

  const auto ttl_ok = [](std::chrono::seconds ttl) { return ttl.count() > 0 && ttl <= limits::max_ttl; };
  if (!ttl_ok(config.access_token_ttl)) return bad("/tokens/access_ttl_seconds", "expected 1 to 31536000 seconds");
  if (!ttl_ok(config.refresh_token_ttl)) return bad("/tokens/refresh_ttl_seconds", "expected 1 to 31536000 seconds");
  // RFC 7519 §4.1.4: "usually no more than a few minutes".
  if (config.leeway.count() < 0 || config.leeway > jose::max_leeway)
    return bad("/tokens/leeway_seconds", "expected 0 to 300 seconds");

  if (!jose::is_hmac(config.signing_key.algorithm) && !config.signing_key.key_file)
    return bad("/signing_key/key_file",
               std::string("a PEM key file is required for ").append(jose::algorithm_name(config.signing_key.algorithm)),
               ConfigErrc::missing_field);
  if (auto policy = password::validate_policy(config.hash_policy); !policy)
    return bad("/password_policy", policy.error().message());

  for (std::size_t i = 0; i < config.cors_origins.size(); ++i)
    if (auto problem = checks::origin_problem(config.cors_origins[i]))
      return bad(pointer_append("/cors/allowed_origins", i), *problem);

  if (config.hash_concurrency > limits::max_threads) return bad("/hash_concurrency", "expected 0 to 1024");
  if (config.worker_threads > limits::max_threads) return bad("/worker_threads", "expected 0 to 1024");
  if (config.max_body_bytes == 0 || config.max_body_bytes > static_cast<std::size_t>(limits::max_body_bytes))
    return bad("/max_body_bytes", "expected 1 to 16777216");
  if (auto problem = login_throttle_problem(config.login_throttle)) return bad(problem->pointer, problem->problem);
  if (config.refresh_token_state_file && config.refresh_token_state_file->empty())
    return bad("/refresh_token_state_file", "must not be empty");
  if (config.compat != CompatMode::strict && config.compat != CompatMode::fastapi)
    return bad("/compat", "expected \"strict\" or \"fastapi\"");
  return config;
}

}  // namespace authprobe::config
