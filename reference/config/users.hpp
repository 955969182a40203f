#pragma once
// The users file (JSON). Errors name the file, the field (as a JSON pointer, e.g.
// /users/2/roles) and the problem. Writes are atomic: temp file, fsync, rename, fsync dir.
//
// {
//   "users": [ {"username": "alice", "password_hash": "$argon2id$...",
//               "roles": ["user"], "scopes": ["todos:read"], "disabled": false} ],
//   "clients": [ {"client_id": "cli", "secret_sha256": "<64 hex>",   // absent: public client
//                 "grant_types": ["password", "refresh_token"]} ]
// }
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "reference/config/config_errc.hpp"

namespace authprobe::config {

struct User {
  std::string username;
  std::string password_hash;
  std::vector<std::string> roles;
  std::vector<std::string> scopes;   // the most a token for this user may carry
  bool disabled = false;
};

struct Client {
  std::string client_id;
  // SHA-256 of the secret, hex. Client secrets are random and high-entropy, so a fast hash
  // is enough (a slow one would only slow down every login); absent for public clients.
  std::optional<std::string> secret_sha256;
  std::vector<std::string> grant_types;
};

struct UsersFile {
  std::vector<User> users;
  std::vector<Client> clients;

  [[nodiscard]] const User* find_user(std::string_view username) const;
  [[nodiscard]] User* find_user(std::string_view username);
  [[nodiscard]] const Client* find_client(std::string_view client_id) const;
};

[[nodiscard]] Result<UsersFile> load_users(const std::filesystem::path& path);
[[nodiscard]] Result<UsersFile> parse_users(std::string_view json_text, const std::string& source_name);
// Atomic replace: the previous file stays intact if anything fails.
[[nodiscard]] Result<void> save_users(const UsersFile& users, const std::filesystem::path& path);
[[nodiscard]] std::string sha256_hex(std::string_view secret);

}  // namespace authprobe::config
