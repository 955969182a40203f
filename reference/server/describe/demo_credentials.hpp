#pragma once
// The passwords and client secrets of the demo fixtures (fixtures/reference/users.json for
// strict, users-fastapi.json for --compat fastapi, listed in fixtures/README.md): test
// credentials published on purpose so that a class can log in. `authprobe serve` hands them to
// the server only when it serves the fixture of its mode; a users file an operator supplies
// never has its passwords shown (the server holds only their hashes).
#include <string>
#include <utility>
#include <vector>

#include "reference/config/server_config.hpp"

namespace authprobe::server::description {

using Secrets = std::vector<std::pair<std::string, std::string>>;  // name -> password or secret

// The users of the fixture `mode` serves by default, with their passwords.
[[nodiscard]] Secrets demo_user_passwords(config::CompatMode mode);
[[nodiscard]] Secrets demo_client_secrets();
// The secret listed for `name`, or nullptr.
[[nodiscard]] const std::string* find_secret(const Secrets& secrets, const std::string& name);

}  // namespace authprobe::server::description
