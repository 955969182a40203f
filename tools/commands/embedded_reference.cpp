#include "tools/commands/embedded_reference.hpp"

#include <filesystem>
#include <utility>

#include "reference/config/users.hpp"

namespace authprobe::tools {

Result<std::unique_ptr<server::ReferenceServer>> start_embedded_reference(const EmbeddedReferenceOptions& options,
                                                                          jose::Key signing_key) {
  const auto fixtures = std::filesystem::path(AUTHPROBE_SOURCE_DIR) / "fixtures" / "reference";
  auto config = config::load_server_config(fixtures / "server.json");
  if (!config) return tl::unexpected(config.error());
  // Loopback only, on a port the kernel picks, plain HTTP.
  config->host = "127.0.0.1";
  config->port = 0;
  config->tls.reset();
  config->compat = options.compat;
  if (options.users_file) config->users_file = *options.users_file;

  auto users = config::load_users(config->users_file);
  if (!users) return tl::unexpected(users.error());

  server::ServerOptions server_options;
  server_options.write_back_to_config_users_file = false;  // upgraded hashes stay in memory
  auto server = server::ReferenceServer::create(*config, std::move(*users), std::move(signing_key),
                                                std::move(server_options));
  if (!server) return tl::unexpected(server.error());
  if (auto port = (*server)->start(); !port) return tl::unexpected(port.error());
  return std::move(*server);
}

}  // namespace authprobe::tools
