// Target profile loader: JSON (comments allowed) -> TargetProfile, every error naming the file,
// the field and the problem. Unknown fields are errors, so a typo never silently drops a flow.
#include "conformance/target_profile.hpp"

#include <cstdlib>
#include <fstream>
#include <initializer_list>
#include <sstream>

#include <nlohmann/json.hpp>

#include "conformance/profile_acquisition.hpp"
#include "conformance/profile_reader.hpp"

namespace authprobe::conformance {
namespace {

using json = nlohmann::json;
using profile_reading::Reader;
namespace reading = profile_reading;

// Endpoints given as "/path" take this default method.
std::string default_method(std::string_view logical) {
  return logical == "token" || logical == "bearer_write" || logical == "revocation" || logical == "introspection"
             ? "POST"
             : "GET";
}

// The resources whose protection the checks judge refusals by (V7).
bool takes_protection(std::string_view logical) {
  return logical == "bearer_read" || logical == "bearer_write" || logical == "bearer_admin" || logical == "basic_admin";
}

// "protected_by": {"role": "admin"} or {"scope": "admin"}: exactly one of them, a non-empty string.
ProfileResult<std::optional<Protection>> read_protection(const Reader& r, const json& endpoint, const std::string& field) {
  if (!endpoint.contains("protected_by")) return std::optional<Protection>{};
  const std::string at = field + ".protected_by";
  const auto& value = endpoint.at("protected_by");
  if (auto ok = r.only_known(value, at, {"role", "scope"}); !ok) return tl::unexpected(ok.error());
  auto role = r.string(value, at, "role");
  if (!role) return tl::unexpected(role.error());
  auto scope = r.string(value, at, "scope");
  if (!scope) return tl::unexpected(scope.error());
  if (role->has_value() == scope->has_value()) return r.error(at, "give exactly one of \"role\" or \"scope\"");
  Protection protection;
  protection.kind = role->has_value() ? Protection::Kind::role : Protection::Kind::scope;
  protection.name = role->has_value() ? **role : **scope;
  if (protection.name.empty()) return r.error(at, "the role or scope name is empty");
  return std::optional<Protection>{protection};
}

ProfileResult<std::optional<Endpoint>> read_endpoint(const Reader& r, const json& endpoints, const char* key) {
  if (!endpoints.contains(key)) return std::optional<Endpoint>{};
  const auto& value = endpoints.at(key);
  const std::string field = Reader::join("endpoints", key);
  Endpoint endpoint;
  endpoint.method = default_method(key);
  if (value.is_null()) return std::optional<Endpoint>{};
  if (value.is_string()) {
    endpoint.path = value.get<std::string>();
  } else {
    auto ok = takes_protection(key) ? r.only_known(value, field, {"method", "path", "content_type", "body", "protected_by"})
                                    : r.only_known(value, field, {"method", "path", "content_type", "body"});
    if (!ok) return tl::unexpected(ok.error());
    auto protection = read_protection(r, value, field);
    if (!protection) return tl::unexpected(protection.error());
    endpoint.protected_by = *protection;
    auto method = r.string(value, field, "method");
    auto path = r.string(value, field, "path");
    auto content_type = r.string(value, field, "content_type");
    auto body = r.string(value, field, "body");
    for (const auto* part : {&method, &path, &content_type, &body}) {
      if (!*part) return tl::unexpected(part->error());
    }
    if (!*path) return r.error(field + ".path", "missing");
    endpoint.path = **path;
    endpoint.method = method->value_or(endpoint.method);
    endpoint.content_type = content_type->value_or("");
    endpoint.body = body->value_or("");
  }
  if (endpoint.path.empty() || endpoint.path.front() != '/') return r.error(field, "path must start with '/'");
  return std::optional<Endpoint>{endpoint};
}

ProfileResult<Endpoints> read_endpoints(const Reader& r, const json& root) {
  Endpoints endpoints;
  if (!root.contains("endpoints")) return r.error("endpoints", "missing");
  const auto& value = root.at("endpoints");
  if (auto ok = r.only_known(value, "endpoints",
                             {"token", "basic_user", "basic_admin", "bearer_read", "bearer_write", "bearer_admin",
                              "own_record", "bearer_any", "revocation", "introspection", "metadata", "jwks",
                              "not_found"});
      !ok) {
    return tl::unexpected(ok.error());
  }
  const std::pair<const char*, std::optional<Endpoint>*> slots[] = {
      {"token", &endpoints.token},           {"basic_user", &endpoints.basic_user},
      {"basic_admin", &endpoints.basic_admin}, {"bearer_read", &endpoints.bearer_read},
      {"bearer_write", &endpoints.bearer_write}, {"bearer_admin", &endpoints.bearer_admin},
      {"own_record", &endpoints.own_record}, {"bearer_any", &endpoints.bearer_any},
      {"revocation", &endpoints.revocation}, {"introspection", &endpoints.introspection},
      {"metadata", &endpoints.metadata},     {"jwks", &endpoints.jwks},
  };
  for (const auto& [key, slot] : slots) {
    auto endpoint = read_endpoint(r, value, key);
    if (!endpoint) return tl::unexpected(endpoint.error());
    *slot = *endpoint;
  }
  if (endpoints.own_record && endpoints.own_record->path.find("{name}") == std::string::npos) {
    return r.error("endpoints.own_record", "path must contain {name}");
  }
  auto not_found = r.string(value, "endpoints", "not_found");
  if (!not_found) return tl::unexpected(not_found.error());
  if (*not_found) endpoints.not_found = **not_found;
  return endpoints;
}

// `passwords_needed` is false when tokens are supplied by the tester: such users may have none.
ProfileResult<bool> read_users(const Reader& r, const json& root, bool passwords_needed, TargetProfile& profile) {
  if (!root.contains("users")) return true;
  const auto& users = root.at("users");
  if (!users.is_object()) return r.error("users", "expected an object keyed by fixture name");
  std::vector<std::string_view> known{"username", "password", "password_env", "roles", "scopes", "disabled"};
  known.insert(known.end(), reading::user_extra_fields.begin(), reading::user_extra_fields.end());
  for (const auto& [logical, value] : users.items()) {
    const std::string field = "users." + logical;
    if (auto ok = r.only_known(value, field, known); !ok) return tl::unexpected(ok.error());
    TestUser user;
    auto username = r.string(value, field, "username");
    if (!username) return tl::unexpected(username.error());
    user.username = username->value_or(logical);
    auto password = r.secret(value, field, "password", "password_env");
    if (!password) return tl::unexpected(password.error());
    if (!*password && passwords_needed) return r.error(field + ".password", "missing (give password or password_env)");
    user.password = password->value_or("");
    if (auto ok = reading::read_user_extras(r, value, field, user); !ok) return tl::unexpected(ok.error());
    auto roles = r.strings(value, field, "roles");
    auto scopes = r.strings(value, field, "scopes");
    auto disabled = r.boolean(value, field, "disabled", false);
    if (!roles) return tl::unexpected(roles.error());
    if (!scopes) return tl::unexpected(scopes.error());
    if (!disabled) return tl::unexpected(disabled.error());
    user.roles = *roles;
    user.scopes = *scopes;
    user.disabled = *disabled;
    profile.users.emplace(logical, std::move(user));
  }
  return true;
}

ProfileResult<std::optional<TestClient>> read_client(const Reader& r, const json& clients, const char* key) {
  if (!clients.contains(key)) return std::optional<TestClient>{};
  const auto& value = clients.at(key);
  const std::string field = Reader::join("clients", key);
  if (auto ok = r.only_known(value, field, {"id", "secret", "secret_env"}); !ok) return tl::unexpected(ok.error());
  auto id = r.string(value, field, "id");
  if (!id) return tl::unexpected(id.error());
  if (!*id) return r.error(field + ".id", "missing");
  auto secret = r.secret(value, field, "secret", "secret_env");
  if (!secret) return tl::unexpected(secret.error());
  return std::optional<TestClient>{TestClient{**id, *secret}};
}

ProfileResult<Clients> read_clients(const Reader& r, const json& root) {
  Clients clients;
  if (!root.contains("clients")) return clients;
  const auto& value = root.at("clients");
  if (auto ok = r.only_known(value, "clients", {"auth", "confidential", "second_confidential", "reserved_chars", "public",
                                               "no_password_grant"});
      !ok) {
    return tl::unexpected(ok.error());
  }
  const std::pair<const char*, std::optional<TestClient>*> slots[] = {
      {"confidential", &clients.confidential},
      {"second_confidential", &clients.second_confidential},
      {"reserved_chars", &clients.reserved_chars},
      {"public", &clients.public_client},
      {"no_password_grant", &clients.no_password_grant},
  };
  for (const auto& [key, slot] : slots) {
    auto client = read_client(r, value, key);
    if (!client) return tl::unexpected(client.error());
    *slot = *client;
  }
  auto auth = r.string(value, "clients", "auth");
  if (!auth) return tl::unexpected(auth.error());
  const std::string mode = auth->value_or(clients.confidential ? "basic" : "none");
  if (mode == "basic") {
    clients.auth = ClientAuth::basic;
  } else if (mode == "body") {
    clients.auth = ClientAuth::body;
  } else if (mode == "none") {
    clients.auth = ClientAuth::none;
  } else {
    return r.error("clients.auth", "expected basic, body or none");
  }
  if (clients.auth != ClientAuth::none && (!clients.confidential || !clients.confidential->secret)) {
    return r.error("clients.confidential", "client authentication needs a confidential client with a secret");
  }
  return clients;
}

ProfileResult<TokenSettings> read_token(const Reader& r, const json& root) {
  TokenSettings token;
  if (!root.contains("token")) return token;
  const auto& value = root.at("token");
  if (auto ok = r.only_known(value, "token", {"type", "issuer", "audience", "alg", "typ", "leeway_seconds", "ttl_seconds",
                                              "scope_claim", "roles_claim", "uses_kid", "key"});
      !ok) {
    return tl::unexpected(ok.error());
  }
  auto type = r.string(value, "token", "type");
  if (!type) return tl::unexpected(type.error());
  if (*type && **type != "jwt" && **type != "opaque") return r.error("token.type", "expected jwt or opaque");
  token.type = type->value_or("jwt") == "opaque" ? TokenType::opaque : TokenType::jwt;
  const std::pair<const char*, std::string*> texts[] = {{"issuer", &token.issuer},           {"audience", &token.audience},
                                                        {"alg", &token.alg},                 {"typ", &token.typ},
                                                        {"scope_claim", &token.scope_claim}, {"roles_claim", &token.roles_claim}};
  for (const auto& [key, slot] : texts) {
    auto text = r.string(value, "token", key);
    if (!text) return tl::unexpected(text.error());
    if (*text) *slot = **text;
  }
  auto leeway = r.integer(value, "token", "leeway_seconds");
  auto ttl = r.integer(value, "token", "ttl_seconds");
  auto uses_kid = r.boolean(value, "token", "uses_kid", false);
  if (!leeway) return tl::unexpected(leeway.error());
  if (!ttl) return tl::unexpected(ttl.error());
  if (!uses_kid) return tl::unexpected(uses_kid.error());
  if (*leeway) token.leeway = std::chrono::seconds(**leeway);
  if (*ttl) token.ttl = std::chrono::seconds(**ttl);
  token.uses_kid = *uses_kid;
  if (value.contains("key")) {
    const auto& key = value.at("key");
    std::vector<std::string_view> known{"pem", "pem_file", "public_pem", "public_pem_file", "jwks_url", "kid"};
    known.insert(known.end(), reading::hs_secret_fields.begin(), reading::hs_secret_fields.end());
    if (auto ok = r.only_known(key, "token.key", known); !ok) return tl::unexpected(ok.error());
    auto hs = reading::read_hs_secret(r, key);
    auto pem = r.string(key, "token.key", "pem");
    auto pem_file = r.file_text(key, "token.key", "pem_file");
    auto public_pem = r.string(key, "token.key", "public_pem");
    auto public_pem_file = r.file_text(key, "token.key", "public_pem_file");
    auto jwks = r.string(key, "token.key", "jwks_url");
    auto kid = r.string(key, "token.key", "kid");
    for (const auto* part : {&hs, &pem, &pem_file, &public_pem, &public_pem_file, &jwks, &kid}) {
      if (!*part) return tl::unexpected(part->error());
    }
    token.key.hs_secret_b64u = *hs;
    token.key.pem = *pem ? *pem : *pem_file;
    token.key.public_pem = *public_pem ? *public_pem : *public_pem_file;
    token.key.jwks_url = *jwks;
    token.key.kid = kid->value_or("");
  }
  return token;
}

ProfileResult<Flows> read_flows(const Reader& r, const json& root) {
  Flows flows;
  if (!root.contains("flows")) return flows;
  const auto& value = root.at("flows");
  if (auto ok = r.only_known(value, "flows", {"basic", "password_grant", "refresh_token", "revocation", "introspection",
                                              "metadata", "body_client_credentials", "scopes", "query_token",
                                              "form_body_token", "nfd_normalization", "cors_origins", "max_header_bytes"});
      !ok) {
    return tl::unexpected(ok.error());
  }
  const std::pair<const char*, bool*> switches[] = {
      {"basic", &flows.basic},
      {"password_grant", &flows.password_grant},
      {"refresh_token", &flows.refresh_token},
      {"revocation", &flows.revocation},
      {"introspection", &flows.introspection},
      {"metadata", &flows.metadata},
      {"body_client_credentials", &flows.body_client_credentials},
      {"scopes", &flows.scopes},
      {"query_token", &flows.query_token},
      {"form_body_token", &flows.form_body_token},
      {"nfd_normalization", &flows.nfd_normalization},
  };
  for (const auto& [key, slot] : switches) {
    auto flag = r.boolean(value, "flows", key, *slot);
    if (!flag) return tl::unexpected(flag.error());
    *slot = *flag;
  }
  auto origins = r.strings(value, "flows", "cors_origins");
  auto max_header = r.integer(value, "flows", "max_header_bytes");
  if (!origins) return tl::unexpected(origins.error());
  if (!max_header) return tl::unexpected(max_header.error());
  flows.cors_origins = *origins;
  if (*max_header) flows.max_header_bytes = static_cast<std::size_t>(**max_header);
  return flows;
}

// Each flow needs the endpoint it exercises.
ProfileResult<bool> cross_check(const Reader& r, const TargetProfile& p) {
  if (p.flows.password_grant && !p.endpoints.token) return r.error("endpoints.token", "flows.password_grant needs it");
  if (p.flows.basic && !p.endpoints.basic_user) return r.error("endpoints.basic_user", "flows.basic needs it");
  if (p.flows.revocation && !p.endpoints.revocation) return r.error("endpoints.revocation", "flows.revocation needs it");
  if (p.flows.introspection && !p.endpoints.introspection) {
    return r.error("endpoints.introspection", "flows.introspection needs it");
  }
  if (p.flows.metadata && !p.endpoints.metadata) return r.error("endpoints.metadata", "flows.metadata needs it");
  return true;
}

}  // namespace

const TestUser* TargetProfile::user(std::string_view logical) const {
  if (const auto found = users.find(logical); found != users.end()) return &found->second;
  // The catalog's disabled user is whichever one the profile marks disabled (e.g. FastAPI's
  // tutorial calls it alice, which the catalog calls carol).
  if (logical == fixture::disabled_user) {
    for (const auto& entry : users) {
      if (entry.second.disabled) return &entry.second;
    }
  }
  return nullptr;
}

std::optional<TestUser> TargetProfile::basic_user(std::string_view logical) const {
  const auto* found = user(logical);
  if (found == nullptr) return std::nullopt;
  TestUser on_basic = *found;
  if (found->basic) {
    on_basic.username = found->basic->username;
    on_basic.password = found->basic->password;
  }
  return on_basic;
}

std::vector<std::string> TargetProfile::requested_scopes(const TestUser& for_user) const {
  const auto& logical = for_user.request_scopes ? *for_user.request_scopes
                        : acquisition.request_scopes ? for_user.scopes
                                                     : std::vector<std::string>{};
  std::vector<std::string> names;
  for (const auto& logical_name : logical) names.push_back(scope(logical_name));
  return names;
}

std::string TargetProfile::scope(std::string_view logical) const {
  const auto found = scope_names.find(logical);
  return found == scope_names.end() ? std::string(logical) : found->second;
}

AcquisitionKind TargetProfile::acquisition_kind() const {
  if (acquisition.kind) return *acquisition.kind;
  return flows.password_grant && endpoints.token ? AcquisitionKind::oauth_password : AcquisitionKind::none;
}

bool TargetProfile::oauth_tokens() const {
  const auto kind = acquisition_kind();
  return kind == AcquisitionKind::oauth_password || kind == AcquisitionKind::oauth_client_credentials;
}

bool TargetProfile::key_known() const {
  return token.type == TokenType::jwt && (token.key.hs_secret_b64u.has_value() || token.key.pem.has_value());
}

std::string ProfileError::message() const {
  return file + ": " + (field.empty() ? std::string() : field + ": ") + problem;
}

ProfileResult<TargetProfile> parse_target_profile(std::string_view json_text, std::string_view source_name,
                                                  const std::filesystem::path& base_dir) {
  const Reader r{std::string(source_name), base_dir};
  json root;
  try {
    root = json::parse(json_text, nullptr, true, /*ignore_comments=*/true);
  } catch (const json::exception& e) {
    // Not only parse_error: a number beyond double's range (e.g. 1e400) is out_of_range.406.
    return r.error("", std::string("not valid JSON: ") + e.what());
  }
  if (auto ok = r.only_known(root, "", {"name", "base_url", "judgement", "endpoints", "users", "unknown_user", "clients",
                                        "scopes", "token", "token_acquisition", "flows"});
      !ok) {
    return tl::unexpected(ok.error());
  }
  TargetProfile profile;
  profile.source = std::string(source_name);
  auto name = r.string(root, "", "name");
  auto base_url = r.string(root, "", "base_url");
  auto judgement = r.string(root, "", "judgement");
  auto unknown = r.string(root, "", "unknown_user");
  for (const auto* part : {&name, &base_url, &judgement, &unknown}) {
    if (!*part) return tl::unexpected(part->error());
  }
  profile.name = name->value_or(std::string(source_name));
  profile.base_url = base_url->value_or("");
  profile.unknown_user = unknown->value_or(profile.unknown_user);
  if (*judgement) {
    profile.judgement = parse_judgement(**judgement);
    if (!profile.judgement) return r.error("judgement", "expected strict, lenient or bcp");
  }
  auto endpoints = read_endpoints(r, root);
  if (!endpoints) return tl::unexpected(endpoints.error());
  profile.endpoints = std::move(*endpoints);
  auto declared_kind = reading::read_acquisition_kind(r, root);
  if (!declared_kind) return tl::unexpected(declared_kind.error());
  const bool passwords_needed = *declared_kind != AcquisitionKind::supplied;
  if (auto ok = read_users(r, root, passwords_needed, profile); !ok) return tl::unexpected(ok.error());
  auto clients = read_clients(r, root);
  if (!clients) return tl::unexpected(clients.error());
  profile.clients = std::move(*clients);
  if (root.contains("scopes")) {
    const auto& scopes = root.at("scopes");
    if (auto ok = r.only_known(scopes, "scopes", {"read", "write", "admin"}); !ok) return tl::unexpected(ok.error());
    for (const auto& [logical, value] : scopes.items()) {
      if (!value.is_string()) return r.error("scopes." + logical, "expected a string");
      profile.scope_names.emplace(logical, value.get<std::string>());
    }
  }
  auto token = read_token(r, root);
  if (!token) return tl::unexpected(token.error());
  profile.token = std::move(*token);
  auto flows = read_flows(r, root);
  if (!flows) return tl::unexpected(flows.error());
  profile.flows = std::move(*flows);
  if (auto ok = reading::read_acquisition(r, root, *declared_kind, profile); !ok) return tl::unexpected(ok.error());
  if (auto ok = cross_check(r, profile); !ok) return tl::unexpected(ok.error());
  return profile;
}

ProfileResult<TargetProfile> load_target_profile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return tl::unexpected(ProfileError{file.string(), "", "cannot open the file"});
  std::ostringstream text;
  text << in.rdbuf();
  return parse_target_profile(text.str(), file.string(), file.parent_path());
}

}  // namespace authprobe::conformance
