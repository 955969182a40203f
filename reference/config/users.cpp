// Loading the users file: every field checked for type and syntax, unknown fields refused,
// duplicates refused, so that the server never starts on a file it half understood.
#include "reference/config/users.hpp"

#include <algorithm>
#include <array>
#include <set>

#include <openssl/evp.h>
#include <sodium.h>

#include "reference/config/field_reader.hpp"
#include "reference/config/json_document.hpp"
#include "reference/parse/utf8.hpp"

namespace authprobe::config {
namespace {

constexpr std::size_t sha256_hex_length = 64;
constexpr std::size_t max_name_bytes = 256;
constexpr std::array known_grant_types = {std::string_view("password"), std::string_view("refresh_token"),
                                          std::string_view("client_credentials")};

using parse::contains_ctl;

// RFC 6749 §3.3: scope-token = 1*NQCHAR, NQCHAR = %x21 / %x23-5B / %x5D-7E.
bool is_scope_token(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c > ' ' && c <= '~' && c != '"' && c != '\\'; });
}

// RFC 6749 Appendix A.1: client-id = *VSCHAR, VSCHAR = %x20-7E.
bool is_vschar_string(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= ' ' && c <= '~'; });
}

bool is_lower_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::optional<std::string> username_problem(const std::string& name) {
  if (name.empty()) return "must not be empty";
  if (name.size() > max_name_bytes) return "longer than " + std::to_string(max_name_bytes) + " bytes";
  if (name.find(':') != std::string::npos) return "must not contain ':' (RFC 7617 §2)";
  if (contains_ctl(name)) return "must not contain control characters";
  return std::nullopt;
}

std::optional<User> read_user(const nlohmann::json& entry, const std::string& pointer, FieldReader& parent) {
  FieldReader r(entry, pointer, parent.source());
  User user;
  if (auto name = r.string("username", Presence::required)) {
    if (auto problem = username_problem(*name)) r.fail("username", ConfigErrc::bad_field, *problem);
    user.username = std::move(*name);
  }
  if (auto hash = r.string("password_hash", Presence::required)) {
    if (hash->empty() || hash->front() != '$')
      r.fail("password_hash", ConfigErrc::bad_field, "expected a hash string starting with '$'");
    user.password_hash = std::move(*hash);
  }
  if (auto roles = r.string_array("roles")) {
    for (const auto& role : *roles)
      if (role.empty() || contains_ctl(role) || role.find(' ') != std::string::npos)
        r.fail("roles", ConfigErrc::bad_field, "roles must be non-empty, without spaces or control characters");
    user.roles = std::move(*roles);
  }
  if (auto scopes = r.string_array("scopes")) {
    if (!std::all_of(scopes->begin(), scopes->end(), [](const std::string& s) { return is_scope_token(s); }))
      r.fail("scopes", ConfigErrc::bad_field, "expected scope-tokens (RFC 6749 §3.3: no spaces, quotes or '\\')");
    user.scopes = std::move(*scopes);
  }
  user.disabled = r.boolean("disabled").value_or(false);
  parent.absorb(r.finish());
  return parent.ok() ? std::optional<User>(std::move(user)) : std::nullopt;
}

std::optional<Client> read_client(const nlohmann::json& entry, const std::string& pointer, FieldReader& parent) {
  FieldReader r(entry, pointer, parent.source());
  Client client;
  if (auto id = r.string("client_id", Presence::required)) {
    if (id->empty() || id->size() > max_name_bytes || !is_vschar_string(*id))
      r.fail("client_id", ConfigErrc::bad_field, "expected 1 to 256 printable ASCII characters (RFC 6749 A.1)");
    client.client_id = std::move(*id);
  }
  if (auto digest = r.string("secret_sha256")) {
    if (digest->size() != sha256_hex_length || !is_lower_hex(*digest))
      r.fail("secret_sha256", ConfigErrc::bad_field, "expected 64 lowercase hex digits");
    client.secret_sha256 = std::move(*digest);
  }
  if (auto grants = r.string_array("grant_types")) {
    for (const auto& grant : *grants)
      if (std::find(known_grant_types.begin(), known_grant_types.end(), grant) == known_grant_types.end())
        r.fail("grant_types", ConfigErrc::bad_field,
               "expected \"password\", \"refresh_token\" or \"client_credentials\"");
    client.grant_types = std::move(*grants);
  }
  parent.absorb(r.finish());
  return parent.ok() ? std::optional<Client>(std::move(client)) : std::nullopt;
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
