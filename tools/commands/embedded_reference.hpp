#pragma once
// The reference server started inside the authprobe process, on a free loopback port, with the
// fixture users: what `authprobe demo` walks through and what `authprobe check` judges when no
// --target is given.
#include <memory>
#include <optional>
#include <string>

#include "reference/config/server_config.hpp"
#include "reference/server/reference_server.hpp"

namespace authprobe::tools {

struct EmbeddedReferenceOptions {
  std::optional<std::string> users_file;                 // default: fixtures/reference/users.json
  config::CompatMode compat = config::CompatMode::strict;
};

// Starts the server with `signing_key`; never writes back to the committed fixture users file.
[[nodiscard]] Result<std::unique_ptr<server::ReferenceServer>> start_embedded_reference(
    const EmbeddedReferenceOptions& options, jose::Key signing_key);

}  // namespace authprobe::tools
