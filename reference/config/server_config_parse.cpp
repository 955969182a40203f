// The config file and the environment -> ServerConfig. Each setting is checked where it is
// read, so an error names the file (or variable) and the JSON pointer of the field.
#include <charconv>
#include <cstdlib>

#include "reference/config/field_reader.hpp"
#include "reference/config/json_document.hpp"
#include "reference/config/server_config.hpp"
#include "reference/config/server_config_checks.hpp"
#include "reference/config/server_config_limits.hpp"

namespace authprobe::config {
namespace {

using nlohmann::json;

std::filesystem::path resolve(const std::filesystem::path& base_dir, const std::string& path) {
  const std::filesystem::path p(path);
  return p.is_absolute() || base_dir.empty() ? p : base_dir / p;
}

// Reads a string setting and checks it with `problem_of`; returns it only when valid.
template <typename Check>
std::optional<std::string> checked_string(FieldReader& r, std::string_view key, Check problem_of) {
  auto value = r.string(key);
  if (!value) return std::nullopt;
  if (auto problem = problem_of(*value)) {
    r.fail(key, ConfigErrc::bad_field, *problem);
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> non_empty(const std::string& s) {
  return s.empty() ? std::optional<std::string>("must not be empty") : std::nullopt;
}

void read_listen(FieldReader& top, ServerConfig& config) {
  const json* listen = top.object("listen");
  if (listen == nullptr) return;
  FieldReader r(*listen, top.pointer_of("listen"), top.source());
  if (auto host = checked_string(r, "host", checks::host_problem)) config.host = *host;
  if (auto port = r.integer("port", 0, limits::max_port)) config.port = static_cast<std::uint16_t>(*port);
  top.absorb(r.finish());
}

void read_tls(FieldReader& top, ServerConfig& config, const std::filesystem::path& base_dir) {
  const json* tls = top.object("tls");
  if (tls == nullptr) return;
  FieldReader r(*tls, top.pointer_of("tls"), top.source());
  TlsConfig files;
  if (auto cert = r.string("cert_file", Presence::required)) files.cert_file = resolve(base_dir, *cert);
  if (auto key = r.string("key_file", Presence::required)) files.key_file = resolve(base_dir, *key);
  top.absorb(r.finish());
  config.tls = std::move(files);
}

void read_tokens(FieldReader& top, ServerConfig& config) {
  const json* tokens = top.object("tokens");
  if (tokens == nullptr) return;
  FieldReader r(*tokens, top.pointer_of("tokens"), top.source());
  if (auto ttl = r.integer("access_ttl_seconds", 1, limits::max_ttl.count())) config.access_token_ttl = std::chrono::seconds(*ttl);
  if (auto ttl = r.integer("refresh_ttl_seconds", 1, limits::max_ttl.count())) config.refresh_token_ttl = std::chrono::seconds(*ttl);
  if (auto leeway = r.integer("leeway_seconds", 0, jose::max_leeway.count())) config.leeway = std::chrono::seconds(*leeway);
  top.absorb(r.finish());
}

void read_signing_key(FieldReader& top, ServerConfig& config, const std::filesystem::path& base_dir) {
  const json* key = top.object("signing_key");
  if (key == nullptr) return;
  FieldReader r(*key, top.pointer_of("signing_key"), top.source());
  if (auto name = r.string("alg")) {
    if (auto alg = jose::algorithm_from_name(*name))
      config.signing_key.algorithm = *alg;
    else
      r.fail("alg", ConfigErrc::bad_field,
             "expected a JWS algorithm such as HS256, HS384, HS512, RS256, PS256, ES256 or EdDSA (never none)");
  }
  if (auto file = r.string("key_file")) config.signing_key.key_file = resolve(base_dir, *file);
  if (auto env = r.string("key_env")) config.signing_key.key_env = *env;
  if (auto kid = r.string("kid")) config.signing_key.kid = *kid;
  top.absorb(r.finish());
}

// "params" holds the parameters of the chosen algorithm only: a bcrypt cost next to argon2id
// would be a setting that silently does nothing.
void read_policy_params(FieldReader& policy_reader, const json& params, password::HashPolicy& policy) {
  FieldReader r(params, policy_reader.pointer_of("params"), policy_reader.source());
  const auto u32 = [&](std::string_view key, std::uint32_t& out) {
    if (auto v = r.integer(key, 1, limits::max_u32)) out = static_cast<std::uint32_t>(*v);
  };
  switch (policy.algorithm) {
    case password::Algorithm::argon2id:
      u32("memory_kib", policy.argon2_memory_kib);
      u32("iterations", policy.argon2_iterations);
      break;
    case password::Algorithm::bcrypt: u32("cost", policy.bcrypt_cost); break;
    case password::Algorithm::scrypt: u32("log2_n", policy.scrypt_log2_n); break;
    case password::Algorithm::pbkdf2_sha256: u32("iterations", policy.pbkdf2_iterations); break;
  }
  policy_reader.absorb(r.finish());
}

void read_password_policy(FieldReader& top, ServerConfig& config) {
  const json* policy_json = top.object("password_policy");
  if (policy_json == nullptr) return;
  FieldReader r(*policy_json, top.pointer_of("password_policy"), top.source());
  password::HashPolicy policy;
  if (auto name = r.string("algorithm")) {
    if (auto alg = password::parse_algorithm_name(*name))
      policy.algorithm = *alg;
    else
      r.fail("algorithm", ConfigErrc::bad_field, "expected argon2id, bcrypt, scrypt or pbkdf2-sha256");
  }
  if (const json* params = r.object("params"); params != nullptr && r.ok()) read_policy_params(r, *params, policy);
  if (auto max = r.integer("max_password_bytes", 1, limits::max_password_bytes))
    policy.max_password_bytes = static_cast<std::size_t>(*max);
  if (r.ok()) {
    if (auto valid = password::validate_policy(policy); !valid)
      top.absorb(config_error(ConfigErrc::bad_field, top.source(), top.pointer_of("password_policy"),
                              valid.error().message()));
  }
  top.absorb(r.finish());
  config.hash_policy = policy;
}

void read_cors(FieldReader& top, ServerConfig& config) {
  const json* cors = top.object("cors");
  if (cors == nullptr) return;
  FieldReader r(*cors, top.pointer_of("cors"), top.source());
  if (auto origins = r.string_array("allowed_origins")) {
    for (std::size_t i = 0; i < origins->size(); ++i)
      if (auto problem = checks::origin_problem((*origins)[i]))
        top.absorb(config_error(ConfigErrc::bad_field, top.source(),
                                pointer_append(r.pointer_of("allowed_origins"), i), *problem));
    config.cors_origins = std::move(*origins);
  }
  top.absorb(r.finish());
}

std::optional<std::string> compat_problem(const std::string& name) {
  return compat_from_name(name) ? std::nullopt : std::optional<std::string>("expected \"strict\" or \"fastapi\"");
}

}  // namespace

std::optional<CompatMode> compat_from_name(std::string_view name) {
  if (name == "strict") return CompatMode::strict;
  if (name == "fastapi") return CompatMode::fastapi;
  return std::nullopt;
}

std::string_view compat_name(CompatMode mode) { return mode == CompatMode::fastapi ? "fastapi" : "strict"; }

Result<ServerConfig> parse_server_config(std::string_view json_text, const std::string& source_name,
                                         const std::filesystem::path& base_dir) {
  auto document = parse_json_document(json_text, source_name);
  if (!document) return tl::unexpected(document.error());
  ServerConfig config;
  config.source = source_name;
  FieldReader top(*document, "", source_name);
  (void)top.string("comment");
  read_listen(top, config);
  read_tls(top, config, base_dir);
  if (auto users = checked_string(top, "users_file", non_empty)) config.users_file = resolve(base_dir, *users);
  if (auto realm = checked_string(top, "realm", checks::realm_problem)) config.realm = *realm;
  if (auto issuer = checked_string(top, "issuer", non_empty)) config.issuer = *issuer;
  if (auto audience = checked_string(top, "audience", non_empty)) config.audience = *audience;
  read_tokens(top, config);
  read_signing_key(top, config, base_dir);
  read_password_policy(top, config);
  if (auto rehash = top.boolean("rehash_on_login")) config.rehash_on_login = *rehash;
  read_cors(top, config);
  if (auto compat = checked_string(top, "compat", compat_problem)) config.compat = *compat_from_name(*compat);
  if (auto n = top.integer("hash_concurrency", 0, limits::max_threads)) config.hash_concurrency = static_cast<unsigned>(*n);
  if (auto n = top.integer("worker_threads", 0, limits::max_threads)) config.worker_threads = static_cast<unsigned>(*n);
  if (auto n = top.integer("max_body_bytes", 1, limits::max_body_bytes)) config.max_body_bytes = static_cast<std::size_t>(*n);
  read_login_throttle(top, config.login_throttle);
  if (auto state = checked_string(top, "refresh_token_state_file", non_empty))
    config.refresh_token_state_file = resolve(base_dir, *state);
  if (auto error = top.finish()) return tl::unexpected(std::move(*error));
  return config;
}

EnvLookup process_environment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    return value == nullptr ? std::nullopt : std::optional<std::string>(value);
  };
}

Result<ServerConfig> apply_environment(ServerConfig config, const EnvLookup& env) {
  const auto env_error = [](std::string_view name, std::string_view problem) {
    return tl::unexpected(Error{make_error_code(ConfigErrc::bad_field),
                                std::string("environment variable ").append(name).append(": ").append(problem)});
  };
  if (auto host = env(env_host)) {
    if (auto problem = checks::host_problem(*host)) return env_error(env_host, *problem);
    config.host = *host;
  }
  if (auto port_text = env(env_port)) {
    std::uint32_t port = 0;
    const char* end = port_text->data() + port_text->size();
    const auto [stop, error] = std::from_chars(port_text->data(), end, port);
    if (port_text->empty() || error != std::errc{} || stop != end || port > limits::max_port)
      return env_error(env_port, "expected an integer from 0 to 65535");
    config.port = static_cast<std::uint16_t>(port);
  }
  if (auto users = env(env_users_file)) {
    if (users->empty()) return env_error(env_users_file, "must not be empty");
    config.users_file = *users;
  }
  if (auto compat = env(env_compat)) {
    auto mode = compat_from_name(*compat);
    if (!mode) return env_error(env_compat, "expected \"strict\" or \"fastapi\"");
    config.compat = *mode;
  }
  return config;
}

Result<ServerConfig> load_server_config(const std::optional<std::filesystem::path>& file, const EnvLookup& env) {
  ServerConfig config;
  if (file) {
    auto text = read_text_file(*file);
    if (!text) return tl::unexpected(text.error());
    auto parsed = parse_server_config(*text, file->string(), file->parent_path());
    if (!parsed) return parsed;
    config = std::move(*parsed);
  }
  return apply_environment(std::move(config), env);
}

Result<ServerConfig> load_server_config(const std::optional<std::filesystem::path>& file) {
  return load_server_config(file, process_environment());
}

}  // namespace authprobe::config
