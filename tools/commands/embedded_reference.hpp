#pragma once
// The reference server started inside the authprobe process, on a free loopback port, with the
// fixture users: what `authprobe demo` walks through and what `authprobe check` judges when no
// --target is given.
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "conformance/target_profile.hpp"
#include "reference/config/server_config.hpp"
#include "reference/server/reference_server.hpp"

namespace authprobe::tools {

struct EmbeddedReferenceOptions {
  std::optional<std::string> users_file;                 // default: the fixture users of `compat`
  config::CompatMode compat = config::CompatMode::strict;
  // What `authprobe demo` changes: a short token lifetime, a browser origin (server.json allows
  // none) and a clock it can move forward, so an expired token needs no waiting.
  std::optional<std::chrono::seconds> access_token_ttl{};  // default: server.json's
  std::optional<std::vector<std::string>> cors_origins{};  // default: server.json's
  server::Clock clock = server::system_clock_seconds();
};

// The fixture users `mode` serves when no users file is given (fixtures/README.md): the catalog's
// users.json in strict, the FastAPI tutorials' users-fastapi.json in --compat fastapi.
[[nodiscard]] std::filesystem::path fixture_users_file(const std::filesystem::path& fixture_dir, config::CompatMode mode);

// The settings every in-process reference server runs with: the data directory's
// reference/server.json (tools/data_dir.hpp), on loopback, on a port the kernel picks, plain HTTP.
[[nodiscard]] Result<config::ServerConfig> embedded_reference_config(const EmbeddedReferenceOptions& options);

// Starts the server with `signing_key`; never writes back to the committed fixture users file.
[[nodiscard]] Result<std::unique_ptr<server::ReferenceServer>> start_embedded_reference(
    const EmbeddedReferenceOptions& options, jose::Key signing_key);

// The reference server as a conformance target: started with a fresh random HS256 key that the
// shipped reference profile (strict or --compat fastapi) receives in memory only, so the [K]
// checks run and the key never touches disk or argv.
struct ReferenceTarget {
  std::unique_ptr<server::ReferenceServer> server;
  conformance::TargetProfile profile;  // base_url points at the running server
};
[[nodiscard]] tl::expected<ReferenceTarget, std::string> start_reference_target(config::CompatMode compat);

}  // namespace authprobe::tools
