#pragma once
// GET /docs/accounts.json: the users and clients of GET / as JSON, so that the auth console can
// offer one-click logins. It discloses what GET / already shows: names, roles, scopes, whether
// disabled, each client's grants and whether it is public, and whether /token requires a client; the passwords and client secrets only
// when the server serves the demo fixture (ServerState::show_demo_credentials), never for a users
// file an operator supplied.
#include <nlohmann/json.hpp>

#include "reference/server/server_state.hpp"

namespace authprobe::server::description {

[[nodiscard]] nlohmann::json console_accounts(const ServerState& state);

}  // namespace authprobe::server::description
