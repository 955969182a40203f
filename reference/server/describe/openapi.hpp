#pragma once
// The server as an OpenAPI 3.1 document (GET /openapi.json), generated from the route table
// (routes.hpp): one operation per table entry, security schemes (HTTP Basic, the OAuth 2.0
// password flow with its token URL and scopes, Bearer JWT), each operation's security
// requirement, and its error responses (400/401/403/405/429) with the bodies and
// WWW-Authenticate challenges that error_response.cpp writes, produced by calling it.
#include <nlohmann/json.hpp>

#include "reference/server/server_state.hpp"

namespace authprobe::server::description {

[[nodiscard]] nlohmann::json openapi_document(const ServerState& state);

}  // namespace authprobe::server::description
