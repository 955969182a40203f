#pragma once
// The users file (JSON). Errors name the file, the field (as a JSON pointer, e.g.
// /users/2/roles) and the problem. Writes are atomic: temp file, fsync, rename, fsync dir.
//
// {
//   "comment": "free text, kept when the file is rewritten",           // optional
//   "users": [ {"username": "alice", "password_hash": "$argon2id$...",
//               "roles": ["user"], "scopes": ["todos:read"], "disabled": false,
//               "full_name": "Alice Liddell", "email": "alice@example.com"} ],  // both optional
//   "clients": [ {"client_id": "cli", "secret_sha256": "<64 hex>",   // absent: public client
//                 "grant_types": ["password", "refresh_token"]} ]
// }
// Field rules (each violation is an error naming its JSON pointer; unknown fields are errors):
//   username       required, non-empty, no ':' (RFC 7617 §2) and no control character
//   password_hash  required, a non-empty string starting with '$' (a PHC/MCF string)
//   roles          optional array of strings without whitespace or control characters
//   scopes         optional array of scope-tokens (RFC 6749 §3.3: 1*NQCHAR)
//   disabled       optional boolean, default false
//   full_name      optional display name (UTF-8, no control character), shown by the FastAPI
//   email          tutorials' user object (--compat fastapi); absent: null there
//   client_id      required, non-empty VSCHAR (RFC 6749 Appendix A.1), unique
//   secret_sha256  optional, 64 lowercase hex digits
//   grant_types    optional array of "password", "refresh_token", "client_credentials"
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reference/config/config_errc.hpp"

namespace authprobe::config {

struct User {
  std::string username;
  std::string password_hash;
  std::vector<std::string> roles;
  std::vector<std::string> scopes;   // the most a token for this user may carry
  bool disabled = false;
  std::optional<std::string> full_name{};
  std::optional<std::string> email{};

  friend bool operator==(const User&, const User&) = default;
};

struct Client {
  std::string client_id;
  // SHA-256 of the secret, hex. Client secrets are random and high-entropy, so a fast hash
  // is enough (a slow one would only slow down every login); absent for public clients.
  std::optional<std::string> secret_sha256;
  std::vector<std::string> grant_types;

  [[nodiscard]] bool allows_grant(std::string_view grant_type) const;
  friend bool operator==(const Client&, const Client&) = default;
};

struct UsersFile {
  std::string comment;
  std::vector<User> users;
  std::vector<Client> clients;

  [[nodiscard]] const User* find_user(std::string_view username) const;
  [[nodiscard]] User* find_user(std::string_view username);
  [[nodiscard]] const Client* find_client(std::string_view client_id) const;
  friend bool operator==(const UsersFile&, const UsersFile&) = default;
};

[[nodiscard]] Result<UsersFile> load_users(const std::filesystem::path& path);
[[nodiscard]] Result<UsersFile> parse_users(std::string_view json_text, const std::string& source_name);
// Atomic replace: the previous file stays intact if anything fails. The new file is mode 0600.
[[nodiscard]] Result<void> save_users(const UsersFile& users, const std::filesystem::path& path);
// The JSON text save_users writes (two-space indent, fields in the order documented above).
[[nodiscard]] std::string users_to_json(const UsersFile& users);
[[nodiscard]] std::string sha256_hex(std::string_view secret);

}  // namespace authprobe::config
