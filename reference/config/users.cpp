// Loading the users file: every field checked for type and syntax, unknown fields refused,
// duplicates refused, so that the server never starts on a file it half understood.
#include "reference/config/users.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <vector>

#include <openssl/evp.h>
#include <sodium.h>

#include "reference/config/field_reader.hpp"
#include "reference/config/json_document.hpp"
#include "reference/config/users_rules.hpp"

namespace authprobe::config {
namespace {

// Reads a field and records the problem `rule` finds with it.
template <typename T, typename Rule>
void check(FieldReader& r, std::string_view key, const std::optional<T>& value, Rule rule) {
  if (!value) return;
  if (auto problem = rule(*value)) r.fail(key, ConfigErrc::bad_field, *problem);
}

std::optional<User> read_user(const nlohmann::json& entry, const std::string& pointer, FieldReader& parent) {
  FieldReader r(entry, pointer, parent.source());
  User user;
  auto name = r.string("username", Presence::required);
  check(r, "username", name, rules::username_problem);
  auto hash = r.string("password_hash", Presence::required);
  check(r, "password_hash", hash, [](const std::string& h) {
    return h.empty() || h.front() != '$' ? std::optional<std::string>("expected a hash string starting with '$'")
                                         : std::nullopt;
  });
  auto roles = r.string_array("roles");
  check(r, "roles", roles, rules::roles_problem);
  auto scopes = r.string_array("scopes");
  check(r, "scopes", scopes, rules::scopes_problem);
  user.disabled = r.boolean("disabled").value_or(false);
  auto full_name = r.string("full_name");
  check(r, "full_name", full_name, rules::display_text_problem);
  auto email = r.string("email");
  check(r, "email", email, rules::display_text_problem);
  parent.absorb(r.finish());
  if (!parent.ok()) return std::nullopt;
  user.username = std::move(*name);
  user.password_hash = std::move(*hash);
  user.roles = std::move(roles).value_or(std::vector<std::string>{});
  user.scopes = std::move(scopes).value_or(std::vector<std::string>{});
  user.full_name = std::move(full_name);
  user.email = std::move(email);
  return user;
}

std::optional<Client> read_client(const nlohmann::json& entry, const std::string& pointer, FieldReader& parent) {
  FieldReader r(entry, pointer, parent.source());
  Client client;
  auto id = r.string("client_id", Presence::required);
  check(r, "client_id", id, rules::client_id_problem);
  auto digest = r.string("secret_sha256");
  check(r, "secret_sha256", digest, rules::secret_sha256_problem);
  auto grants = r.string_array("grant_types");
  check(r, "grant_types", grants, rules::grant_types_problem);
  parent.absorb(r.finish());
  if (!parent.ok()) return std::nullopt;
  client.client_id = std::move(*id);
  client.secret_sha256 = std::move(digest);
  client.grant_types = std::move(grants).value_or(std::vector<std::string>{});
  return client;
}

}  // namespace

bool Client::allows_grant(std::string_view grant_type) const {
  return std::find(grant_types.begin(), grant_types.end(), grant_type) != grant_types.end();
}

const User* UsersFile::find_user(std::string_view username) const {
  const auto it = std::find_if(users.begin(), users.end(), [&](const User& u) { return u.username == username; });
  return it == users.end() ? nullptr : &*it;
}

User* UsersFile::find_user(std::string_view username) {
  return const_cast<User*>(std::as_const(*this).find_user(username));
}

const Client* UsersFile::find_client(std::string_view client_id) const {
  const auto it =
      std::find_if(clients.begin(), clients.end(), [&](const Client& c) { return c.client_id == client_id; });
  return it == clients.end() ? nullptr : &*it;
}

Result<UsersFile> parse_users(std::string_view json_text, const std::string& source_name) {
  auto document = parse_json_document(json_text, source_name);
  if (!document) return tl::unexpected(document.error());
  FieldReader top(*document, "", source_name);
  UsersFile file;
  file.comment = top.string("comment").value_or("");

  std::set<std::string, std::less<>> seen;
  if (const nlohmann::json* users = top.array("users", Presence::required)) {
    for (std::size_t i = 0; i < users->size() && top.ok(); ++i) {
      const std::string pointer = pointer_append("/users", i);
      auto user = read_user((*users)[i], pointer, top);
      if (!user) break;
      if (!seen.insert(user->username).second)
        top.absorb(config_error(ConfigErrc::duplicate_entry, source_name, pointer + "/username",
                                "username given more than once"));
      file.users.push_back(std::move(*user));
    }
  }
  seen.clear();
  if (const nlohmann::json* clients = top.array("clients")) {
    for (std::size_t i = 0; i < clients->size() && top.ok(); ++i) {
      const std::string pointer = pointer_append("/clients", i);
      auto client = read_client((*clients)[i], pointer, top);
      if (!client) break;
      if (!seen.insert(client->client_id).second)
        top.absorb(config_error(ConfigErrc::duplicate_entry, source_name, pointer + "/client_id",
                                "client_id given more than once"));
      file.clients.push_back(std::move(*client));
    }
  }
  if (auto error = top.finish()) return tl::unexpected(std::move(*error));
  return file;
}

Result<UsersFile> load_users(const std::filesystem::path& path) {
  auto text = read_text_file(path);
  if (!text) return tl::unexpected(text.error());
  return parse_users(*text, path.string());
}

std::string sha256_hex(std::string_view secret) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(secret.data(), secret.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) return {};
  std::string hex(std::size_t{length} * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), length);
  hex.resize(hex.size() - 1);
  return hex;
}

}  // namespace authprobe::config
