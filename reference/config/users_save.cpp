// Writing the users file back (after `authprobe users ...` or a rehash on login).
#include <nlohmann/json.hpp>

#include "reference/config/atomic_file.hpp"
#include "reference/config/users.hpp"

namespace authprobe::config {
namespace {

constexpr int json_indent = 2;

// ordered_json keeps the documented field order, so a human diffing two versions of the
// file sees what changed rather than a reshuffle.
nlohmann::ordered_json user_json(const User& user) {
  nlohmann::ordered_json out;
  out["username"] = user.username;
  out["password_hash"] = user.password_hash;
  out["roles"] = user.roles;
  out["scopes"] = user.scopes;
  out["disabled"] = user.disabled;
  if (user.full_name) out["full_name"] = *user.full_name;
  if (user.email) out["email"] = *user.email;
  return out;
}

nlohmann::ordered_json client_json(const Client& client) {
  nlohmann::ordered_json out;
  out["client_id"] = client.client_id;
  if (client.secret_sha256) out["secret_sha256"] = *client.secret_sha256;
  out["grant_types"] = client.grant_types;
  return out;
}

}  // namespace

std::string users_to_json(const UsersFile& users) {
  nlohmann::ordered_json document = nlohmann::ordered_json::object();
  if (!users.comment.empty()) document["comment"] = users.comment;
  document["users"] = nlohmann::ordered_json::array();
  for (const auto& user : users.users) document["users"].push_back(user_json(user));
  document["clients"] = nlohmann::ordered_json::array();
  for (const auto& client : users.clients) document["clients"].push_back(client_json(client));
  // error_handler_t::strict would throw on invalid UTF-8; every string here came from a
  // parsed file or from validated input, but replace keeps this function exception-free.
  return document.dump(json_indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

Result<void> save_users(const UsersFile& users, const std::filesystem::path& path) {
  return write_file_atomically(path, users_to_json(users), owner_only_file_mode);
}

}  // namespace authprobe::config
