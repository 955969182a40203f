#include "conformance/profile_acquisition.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <utility>

namespace authprobe::conformance::profile_reading {

constexpr std::array<std::pair<std::string_view, AcquisitionKind>, 4> acquisition_kinds{{
    {"oauth_password", AcquisitionKind::oauth_password},
    {"oauth_client_credentials", AcquisitionKind::oauth_client_credentials},
    {"login", AcquisitionKind::login},
    {"supplied", AcquisitionKind::supplied},
}};

namespace {

constexpr std::array<std::pair<std::string_view, LoginCredentials>, 3> login_credentials{{
    {"json", LoginCredentials::json},
    {"form", LoginCredentials::form},
    {"basic", LoginCredentials::basic},
}};

// A member path as the profile writes it: names joined by '.', none empty.
bool valid_member_path(std::string_view path) {
  if (path.empty() || path.front() == '.' || path.back() == '.') return false;
  return path.find("..") == std::string_view::npos;
}

ProfileResult<bool> read_login(const Reader& r, const json& value, LoginRoute& login) {
  const std::string field = "token_acquisition.login";
  if (auto ok = r.only_known(value, field, {"credentials", "username_field", "password_field", "scope_field",
                                            "access_token", "refresh_token"});
      !ok) {
    return tl::unexpected(ok.error());
  }
  auto credentials = r.string(value, field, "credentials");
  if (!credentials) return tl::unexpected(credentials.error());
  if (*credentials) {
    bool known = false;
    for (const auto& [name, kind] : login_credentials) {
      if (**credentials == name) {
        login.credentials = kind;
        known = true;
      }
    }
    if (!known) return r.error(field + ".credentials", "expected json, form or basic");
  }
  const std::pair<const char*, std::string*> names[] = {{"username_field", &login.username_field},
                                                        {"password_field", &login.password_field},
                                                        {"scope_field", &login.scope_field},
                                                        {"access_token", &login.access_token_path}};
  for (const auto& [key, slot] : names) {
    auto text = r.string(value, field, key);
    if (!text) return tl::unexpected(text.error());
    if (*text) {
      if (text->value().empty()) return r.error(Reader::join(field, key), "must not be empty");
      *slot = **text;
    }
  }
  if (!valid_member_path(login.access_token_path)) {
    return r.error(field + ".access_token", "expected member names joined by '.', e.g. data.access_token");
  }
  auto refresh = r.string(value, field, "refresh_token");
  if (!refresh) return tl::unexpected(refresh.error());
  if (*refresh && !valid_member_path(**refresh)) {
    return r.error(field + ".refresh_token", "expected member names joined by '.', e.g. data.refresh_token");
  }
  login.refresh_token_path = *refresh;
  return true;
}

// A token given inline (`key`), through an environment variable (`key_env`) or a command
// (`key_command`); nullopt when none is given.
ProfileResult<std::optional<SuppliedToken>> read_supplied(const Reader& r, const json& user_json,
                                                          const std::string& field, const std::string& key) {
  const std::string env_key = key + "_env";
  const std::string command_key = key + "_command";
  auto inline_value = r.string(user_json, field, key.c_str());
  auto env = r.string(user_json, field, env_key.c_str());
  auto command = r.string(user_json, field, command_key.c_str());
  for (const auto* part : {&inline_value, &env, &command}) {
    if (!*part) return tl::unexpected(part->error());
  }
  const int given = (inline_value->has_value() ? 1 : 0) + (env->has_value() ? 1 : 0) + (command->has_value() ? 1 : 0);
  if (given == 0) return std::optional<SuppliedToken>{};
  if (given > 1) return r.error(Reader::join(field, key), "give one of " + key + ", " + env_key + " or " + command_key);
  SuppliedToken token;
  token.value = *inline_value;
  token.env = *env;
  token.command = *command;
  token.field = Reader::join(field, inline_value->has_value() ? key : env->has_value() ? env_key : command_key);
  return std::optional<SuppliedToken>{std::move(token)};
}

std::string base64url(const unsigned char* bytes, std::size_t length) {
  std::string out(sodium_base64_ENCODED_LEN(length, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, length, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

}  // namespace

ProfileResult<std::optional<AcquisitionKind>> read_acquisition_kind(const Reader& r, const json& root) {
  if (!root.contains("token_acquisition")) return std::optional<AcquisitionKind>{};
  const auto& value = root.at("token_acquisition");
  if (!value.is_object()) return r.error("token_acquisition", "expected an object");
  auto kind = r.string(value, "token_acquisition", "kind");
  if (!kind) return tl::unexpected(kind.error());
  if (!*kind) return r.error("token_acquisition.kind", "missing (oauth_password, oauth_client_credentials, login or supplied)");
  for (const auto& [name, id] : acquisition_kinds) {
    if (**kind == name) return std::optional<AcquisitionKind>{id};
  }
  return r.error("token_acquisition.kind", "expected oauth_password, oauth_client_credentials, login or supplied");
}

ProfileResult<bool> read_acquisition(const Reader& r, const json& root, std::optional<AcquisitionKind> declared,
                                     TargetProfile& profile) {
  auto& acquisition = profile.acquisition;
  const bool grant_declared = root.contains("flows") && root.at("flows").is_object() &&
                              root.at("flows").contains("password_grant");
  if (declared) {
    acquisition.kind = *declared;
    // flows.password_grant defaults to true; only an explicit value can contradict the kind.
    const bool is_password = *declared == AcquisitionKind::oauth_password;
    if (grant_declared && profile.flows.password_grant != is_password) {
      return r.error("flows.password_grant", is_password ? "false contradicts token_acquisition.kind oauth_password"
                                                         : "true contradicts token_acquisition.kind (not oauth_password)");
    }
    profile.flows.password_grant = is_password;
  }
  const auto kind = profile.acquisition_kind();
  const bool needs_endpoint = kind == AcquisitionKind::oauth_password ||
                              kind == AcquisitionKind::oauth_client_credentials || kind == AcquisitionKind::login;
  if (needs_endpoint && !profile.endpoints.token) {
    return r.error("endpoints.token", "token_acquisition needs the route that issues tokens");
  }
  if (!root.contains("token_acquisition")) return true;
  const auto& value = root.at("token_acquisition");
  if (auto ok = r.only_known(value, "token_acquisition", {"kind", "request_scopes", "login"}); !ok) {
    return tl::unexpected(ok.error());
  }
  auto request_scopes = r.boolean(value, "token_acquisition", "request_scopes", false);
  if (!request_scopes) return tl::unexpected(request_scopes.error());
  acquisition.request_scopes = *request_scopes;
  if (value.contains("login")) {
    if (kind != AcquisitionKind::login) {
      return r.error("token_acquisition.login", "only for kind login");
    }
    if (auto ok = read_login(r, value.at("login"), acquisition.login); !ok) return ok;
  }
  if (kind == AcquisitionKind::supplied) {
    const bool any = std::any_of(profile.users.begin(), profile.users.end(),
                                 [](const auto& entry) { return entry.second.token.has_value(); });
    if (!any) return r.error("users", "token_acquisition.kind supplied needs token_env, token_command or token per user");
  }
  return true;
}

ProfileResult<bool> read_user_extras(const Reader& r, const json& user_json, const std::string& field, TestUser& user) {
  if (user_json.contains("basic")) {
    const auto& basic = user_json.at("basic");
    const std::string basic_field = field + ".basic";
    if (auto ok = r.only_known(basic, basic_field, {"username", "password", "password_env"}); !ok) {
      return tl::unexpected(ok.error());
    }
    auto username = r.string(basic, basic_field, "username");
    auto password = r.secret(basic, basic_field, "password", "password_env");
    if (!username) return tl::unexpected(username.error());
    if (!password) return tl::unexpected(password.error());
    if (!*username) return r.error(basic_field + ".username", "missing");
    if (!*password) return r.error(basic_field + ".password", "missing (give password or password_env)");
    user.basic = Identity{**username, **password};
  }
  if (user_json.contains("request_scopes")) {
    auto scopes = r.strings(user_json, field, "request_scopes");
    if (!scopes) return tl::unexpected(scopes.error());
    user.request_scopes = *scopes;
  }
  auto token = read_supplied(r, user_json, field, "token");
  if (!token) return tl::unexpected(token.error());
  user.token = *token;
  auto expired = read_supplied(r, user_json, field, "expired_token");
  if (!expired) return tl::unexpected(expired.error());
  user.expired_token = *expired;
  return true;
}

ProfileResult<std::optional<std::string>> read_hs_secret(const Reader& r, const json& key_json) {
  const std::string field = "token.key";
  auto b64u = r.string(key_json, field, "hs_secret_b64u");
  auto given = r.secret(key_json, field, "hs_secret", "hs_secret_env");
  auto encoding = r.string(key_json, field, "hs_encoding");
  for (const auto* part : {&b64u, &given, &encoding}) {
    if (!*part) return tl::unexpected(part->error());
  }
  if (*b64u && *given) return r.error(field + ".hs_secret_b64u", "give either hs_secret_b64u or hs_secret/hs_secret_env");
  if (*b64u) {
    if (*encoding && **encoding != "base64url") return r.error(field + ".hs_encoding", "hs_secret_b64u is base64url");
    given = b64u;
    encoding = std::optional<std::string>{"base64url"};
  }
  if (!*given) {
    if (*encoding) return r.error(field + ".hs_encoding", "given without hs_secret or hs_secret_env");
    return std::optional<std::string>{};
  }
  if (!*encoding) return r.error(field + ".hs_encoding", "missing: say how the secret is written (text, hex or base64url)");
  const std::string& secret = **given;
  if (secret.empty()) return r.error(field + ".hs_secret", "empty");
  std::vector<unsigned char> bytes(secret.size());
  std::size_t length = 0;
  if (**encoding == "text") {
    // Most frameworks (PyJWT, jsonwebtoken, FastAPI's tutorials) key HMAC with the string's bytes.
    return std::optional<std::string>{base64url(reinterpret_cast<const unsigned char*>(secret.data()), secret.size())};
  }
  if (**encoding == "hex") {
    if (sodium_hex2bin(bytes.data(), bytes.size(), secret.data(), secret.size(), nullptr, &length, nullptr) != 0 ||
        length * 2 != secret.size()) {
      return r.error(field + ".hs_secret", "not hex (hs_encoding is hex)");
    }
    return std::optional<std::string>{base64url(bytes.data(), length)};
  }
  if (**encoding == "base64url") {
    const int padded = sodium_base642bin(bytes.data(), bytes.size(), secret.data(), secret.size(), nullptr, &length,
                                         nullptr, sodium_base64_VARIANT_URLSAFE);
    if (padded != 0 && sodium_base642bin(bytes.data(), bytes.size(), secret.data(), secret.size(), nullptr, &length,
                                         nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
      return r.error(field + ".hs_secret", "not base64url (hs_encoding is base64url)");
    }
    return std::optional<std::string>{base64url(bytes.data(), length)};
  }
  return r.error(field + ".hs_encoding", "expected text, hex or base64url");
}

}  // namespace authprobe::conformance::profile_reading

namespace authprobe::conformance {

std::string_view to_string(AcquisitionKind kind) {
  for (const auto& [name, id] : profile_reading::acquisition_kinds) {
    if (id == kind) return name;
  }
  return "none";
}

}  // namespace authprobe::conformance
