#pragma once
// Server settings: defaults < config file (JSON) < environment < command-line flags, validated
// once at start into this typed struct. Errors name the source, the field and the problem.
//
// The config file (fixtures/reference/server.json is the default one). Every key is optional
// except as noted; unknown keys are errors; relative paths are relative to the directory of
// the config file, not to the working directory.
// {
//   "comment": "free text, ignored",
//   "listen":  {"host": "127.0.0.1", "port": 8080},    // host: IPv4/IPv6 literal or DNS name;
//                                                       // port 0..65535, 0 = pick a free port
//   "tls":     {"cert_file": "cert.pem", "key_file": "key.pem"},  // absent: plain HTTP; both required
//   "users_file": "users.json",                         // required (here, by env or by flag)
//   "realm":    "authprobe",                            // RFC 7617/6750 realm; no '"', '\', CTL
//   "issuer":   "http://127.0.0.1",                     // "iss" of minted and accepted tokens
//   "audience": "authprobe-api",                        // "aud" likewise
//   "tokens": {"access_ttl_seconds": 900,               // 1 .. 31536000
//              "refresh_ttl_seconds": 86400,            // 1 .. 31536000
//              "leeway_seconds": 0},                    // 0 .. 300 (jose::max_leeway)
//   "signing_key": {"alg": "HS256",                     // HS256/384/512, RS256, PS256, ES256, EdDSA
//                   "key_file": "hs256.key",            // HS*: the file's bytes minus one trailing
//                                                       // LF; others: PEM (then required)
//                   "key_env": "AUTHPROBE_SIGNING_KEY", // HS* only; "" disables it
//                   "kid": "k1"},
//   "password_policy": {"algorithm": "argon2id",        // argon2id, bcrypt, scrypt, pbkdf2-sha256
//                       "params": {"memory_kib": 19456, "iterations": 2},
//                       "max_password_bytes": 4096},
//        params by algorithm: argon2id {memory_kib, iterations}; bcrypt {cost};
//        scrypt {log2_n}; pbkdf2-sha256 {iterations}; OWASP floors enforced (validate_policy)
//   "rehash_on_login": true,
//   "cors": {"allowed_origins": ["http://localhost:3000"]},  // exact origins; "*" refused
//   "compat": "strict",                                 // "strict" | "fastapi"
//   "hash_concurrency": 0,                              // 0 .. 1024; 0 = number of cores
//   "worker_threads": 0,                                // 0 .. 1024; 0 = chosen from the cores
//   "max_body_bytes": 65536,                            // 1 .. 16777216
//   "login_throttle": {...},                            // see login_throttle_config.hpp
//   "refresh_token_state_file": "refresh_tokens.json"   // absent: refresh tokens live in memory
//                                                       // only and die with the process
// }
//
// Environment overrides (applied after the file, before flags; each names itself in errors):
//   AUTHPROBE_HOST        listen.host
//   AUTHPROBE_PORT        listen.port
//   AUTHPROBE_USERS_FILE  users_file (relative to the working directory)
//   AUTHPROBE_COMPAT      compat
//   AUTHPROBE_SIGNING_KEY the HS* secret, its bytes as-is (the name is signing_key.key_env);
//                         it wins over signing_key.key_file. Ignored for asymmetric algorithms.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reference/config/config_errc.hpp"
#include "reference/config/login_throttle_config.hpp"
#include "reference/jose/jwt.hpp"
#include "reference/password/password_hash.hpp"

namespace authprobe::config {

// strict: the RFCs. fastapi: the FastAPI tutorials' behaviour, for side-by-side demos.
enum class CompatMode { strict, fastapi };
[[nodiscard]] std::optional<CompatMode> compat_from_name(std::string_view name);
[[nodiscard]] std::string_view compat_name(CompatMode mode);

struct TlsConfig {
  std::filesystem::path cert_file;
  std::filesystem::path key_file;
};

struct SigningKeyConfig {
  jose::Algorithm algorithm = jose::Algorithm::HS256;
  std::optional<std::filesystem::path> key_file;  // HS*: raw secret bytes; others: PEM
  std::string key_env = "AUTHPROBE_SIGNING_KEY";  // HS* secret from this variable if set
  std::string kid;
};

struct ServerConfig {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;                       // 0: pick a free port and print it
  std::optional<TlsConfig> tls;
  std::filesystem::path users_file;
  std::string realm = "authprobe";
  std::string issuer = "http://127.0.0.1";
  std::string audience = "authprobe-api";
  std::chrono::seconds access_token_ttl{900};
  std::chrono::seconds refresh_token_ttl{86400};
  std::chrono::seconds leeway{0};                  // at most jose::max_leeway
  SigningKeyConfig signing_key;
  password::HashPolicy hash_policy;
  bool rehash_on_login = true;
  std::vector<std::string> cors_origins;           // exact origins; never "*"
  CompatMode compat = CompatMode::strict;
  unsigned hash_concurrency = 0;                   // 0: number of cores
  unsigned worker_threads = 0;                     // 0: chosen from the core count
  std::size_t max_body_bytes = 64 * 1024;
  LoginThrottleConfig login_throttle;
  // Refresh-token grants are written here (atomically, mode 0600) after every change and read
  // back at start, so they survive a restart; nullopt keeps them in memory only.
  std::optional<std::filesystem::path> refresh_token_state_file;
  std::string source = "built-in defaults";        // where the settings came from, for errors
};

// Looks up an environment variable; tests pass a map instead of the process environment.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;
[[nodiscard]] EnvLookup process_environment();

inline constexpr std::string_view env_host = "AUTHPROBE_HOST";
inline constexpr std::string_view env_port = "AUTHPROBE_PORT";
inline constexpr std::string_view env_users_file = "AUTHPROBE_USERS_FILE";
inline constexpr std::string_view env_compat = "AUTHPROBE_COMPAT";

// The config file's text; relative paths in it are resolved against base_dir.
[[nodiscard]] Result<ServerConfig> parse_server_config(std::string_view json_text, const std::string& source_name,
                                                       const std::filesystem::path& base_dir);
[[nodiscard]] Result<ServerConfig> apply_environment(ServerConfig config, const EnvLookup& env);

// Reads the file (if given) and the environment; command-line flags are applied by the caller
// before validate(). Unknown fields are errors.
[[nodiscard]] Result<ServerConfig> load_server_config(const std::optional<std::filesystem::path>& file);
[[nodiscard]] Result<ServerConfig> load_server_config(const std::optional<std::filesystem::path>& file,
                                                      const EnvLookup& env);
[[nodiscard]] Result<ServerConfig> validate(ServerConfig config);

// The signing key from the configured file or environment variable; a random key (with a
// warning on stderr) when neither is set. HS keys under 32 bytes are refused here, naming
// their source; jose::Key::hmac adds the per-algorithm minimum of RFC 7518 §3.2 (the hash
// size: 48 bytes for HS384, 64 for HS512), and its refusal is reported with the source too.
// HS*: the environment variable (bytes as-is) wins over key_file (bytes minus one trailing
// LF). Asymmetric: key_file (PEM) is required. A key file readable by group or others gets a
// warning. Warnings go to std::cerr, or to `warnings` in the second overload.
[[nodiscard]] Result<jose::Key> load_signing_key(const SigningKeyConfig& config);
// The warning above, for any private key file (the TLS key too): `what` names it.
void warn_if_key_file_shared(const std::filesystem::path& path, std::string_view what, std::ostream& warnings);
[[nodiscard]] Result<jose::Key> load_signing_key(const SigningKeyConfig& config, const EnvLookup& env,
                                                 std::ostream& warnings);

}  // namespace authprobe::config
