#pragma once
// The server describing itself in plain text, for a class: its users (passwords only for the
// demo fixture), its clients, every route of the route table with what it needs, and three
// curl lines to copy (get a token, call a protected route, be refused). `authprobe serve`
// prints it at startup and GET / answers with it, so both are the same text.
#include <string>

#include "reference/server/server_state.hpp"

namespace authprobe::server::description {

[[nodiscard]] std::string server_description(const ServerState& state);

}  // namespace authprobe::server::description
