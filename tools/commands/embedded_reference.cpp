#include "tools/commands/embedded_reference.hpp"

#include <filesystem>
#include <system_error>
#include <utility>

#include "conformance/suite.hpp"
#include "reference/config/users.hpp"
#include "reference/jose/base64url.hpp"
#include "reference/jose/key.hpp"
#include "tools/data_dir.hpp"

namespace authprobe::tools {

std::filesystem::path fixture_users_file(const std::filesystem::path& fixture_dir, config::CompatMode mode) {
  return fixture_dir / (mode == config::CompatMode::fastapi ? "users-fastapi.json" : "users.json");
}

Result<config::ServerConfig> embedded_reference_config(const EmbeddedReferenceOptions& options) {
  auto fixtures = reference_fixture_dir();
  if (!fixtures) return tl::unexpected(Error{std::make_error_code(std::errc::no_such_file_or_directory), fixtures.error()});
  auto config = config::load_server_config(*fixtures / "server.json");
  if (!config) return tl::unexpected(config.error());
  // Loopback only, on a port the kernel picks, plain HTTP.
  config->host = "127.0.0.1";
  config->port = 0;
  config->tls.reset();
  config->compat = options.compat;
  config->users_file = options.users_file ? std::filesystem::path(*options.users_file)
                                          : fixture_users_file(*fixtures, options.compat);
  if (options.access_token_ttl) config->access_token_ttl = *options.access_token_ttl;
  if (options.cors_origins) config->cors_origins = *options.cors_origins;
  return config::validate(std::move(*config));
}

Result<std::unique_ptr<server::ReferenceServer>> start_embedded_reference(const EmbeddedReferenceOptions& options,
                                                                          jose::Key signing_key) {
  auto config = embedded_reference_config(options);
  if (!config) return tl::unexpected(config.error());
  auto users = config::load_users(config->users_file);
  if (!users) return tl::unexpected(users.error());

  server::ServerOptions server_options;
  server_options.write_back_to_config_users_file = false;  // upgraded hashes stay in memory
  server_options.clock = options.clock;
  auto server = server::ReferenceServer::create(*config, std::move(*users), std::move(signing_key),
                                                std::move(server_options));
  if (!server) return tl::unexpected(server.error());
  if (auto port = (*server)->start(); !port) return tl::unexpected(port.error());
  return std::move(*server);
}

tl::expected<ReferenceTarget, std::string> start_reference_target(config::CompatMode compat) {
  auto profile = conformance::embedded_reference_profile(compat == config::CompatMode::fastapi);
  if (!profile) return tl::unexpected(profile.error().message());
  auto secret = jose::generate_hmac_secret();
  if (!secret) return tl::unexpected(secret.error().message());
  auto key = jose::Key::hmac(*secret, jose::Algorithm::HS256);
  if (!key) return tl::unexpected(key.error().message());
  auto server = start_embedded_reference({.users_file = std::nullopt, .compat = compat}, std::move(*key));
  if (!server) return tl::unexpected("cannot start the reference server: " + server.error().message());
  profile->token.key.hs_secret_b64u = jose::base64url::encode(*secret);
  profile->base_url = (*server)->base_url();
  return ReferenceTarget{std::move(*server), std::move(*profile)};
}

}  // namespace authprobe::tools
