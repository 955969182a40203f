#include "reference/server/describe/console_accounts.hpp"

#include "reference/server/describe/demo_credentials.hpp"

namespace authprobe::server::description {

nlohmann::json console_accounts(const ServerState& state) {
  const bool demo = state.show_demo_credentials;
  const auto passwords = demo ? demo_user_passwords(state.config.compat) : Secrets{};
  const auto secrets = demo ? demo_client_secrets() : Secrets{};
  const auto file = state.accounts.snapshot();

  nlohmann::json users = nlohmann::json::array();
  for (const auto& user : file.users) {
    nlohmann::json entry = {
        {"username", user.username}, {"roles", user.roles}, {"scopes", user.scopes}, {"disabled", user.disabled}};
    if (const std::string* password = find_secret(passwords, user.username)) entry["password"] = *password;
    users.push_back(std::move(entry));
  }
  nlohmann::json clients = nlohmann::json::array();
  for (const auto& client : file.clients) {
    const bool is_public = !client.secret_sha256.has_value();
    nlohmann::json entry = {{"client_id", client.client_id}, {"public", is_public}, {"grant_types", client.grant_types}};
    if (const std::string* secret = is_public ? nullptr : find_secret(secrets, client.client_id)) entry["secret"] = *secret;
    clients.push_back(std::move(entry));
  }
  return {{"mode", std::string(config::compat_name(state.config.compat))},
          {"demo", demo},
          {"client_required", state.token_endpoint.requires_client()},
          {"users", std::move(users)},
          {"clients", std::move(clients)}};
}

}  // namespace authprobe::server::description
