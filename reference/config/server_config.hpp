#pragma once
// Server settings: defaults < config file (JSON) < environment < command-line flags, validated
// once at start into this typed struct. Errors name the source, the field and the problem.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "reference/config/config_errc.hpp"
#include "reference/jose/jwt.hpp"
#include "reference/password/password_hash.hpp"

namespace authprobe::config {

// strict: the RFCs. fastapi: the FastAPI tutorials' behaviour, for side-by-side demos.
enum class CompatMode { strict, fastapi };

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
};

// Reads the file (if given) and the environment; command-line flags are applied by the caller
// before validate(). Unknown fields are errors.
[[nodiscard]] Result<ServerConfig> load_server_config(const std::optional<std::filesystem::path>& file);
[[nodiscard]] Result<ServerConfig> validate(ServerConfig config);

// The signing key from the configured file or environment variable; a random key (with a
// warning on stderr) when neither is set. Keys under 32 bytes are refused.
[[nodiscard]] Result<jose::Key> load_signing_key(const SigningKeyConfig& config);

}  // namespace authprobe::config
