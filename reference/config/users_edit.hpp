#pragma once
// The edits `authprobe users` makes to a users file, as functions on UsersFile so they are
// unit-tested here and the command stays a thin shell (read password, load, edit, save).
// Every edit leaves a file that load_users would accept.
#include <string>
#include <string_view>
#include <vector>

#include "reference/config/users.hpp"
#include "reference/password/password_hash.hpp"

namespace authprobe::config {

struct NewUser {
  std::string username;
  std::vector<std::string> roles;
  std::vector<std::string> scopes;
};

// Hashes `password` with `policy`; refuses an existing username (duplicate_entry).
[[nodiscard]] Result<void> add_user(UsersFile& file, const NewUser& user, std::string_view password,
                                    const password::HashPolicy& policy);
[[nodiscard]] Result<void> set_disabled(UsersFile& file, std::string_view username, bool disabled);
[[nodiscard]] Result<void> set_password(UsersFile& file, std::string_view username, std::string_view password,
                                        const password::HashPolicy& policy);
// One line per user: name, active/disabled, roles, scopes, hash scheme. Never the hash itself.
[[nodiscard]] std::string format_user_list(const UsersFile& file);

}  // namespace authprobe::config
