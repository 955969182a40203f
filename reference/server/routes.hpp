#pragma once
// The route table: every path the server answers, its methods, and who may call it.
// Methods a path does not take get 405 with Allow (RFC 9110 §15.5.6); OPTIONS answers with
// Allow and, for configured origins, a CORS preflight (never behind authentication).
#include <httplib.h>

#include "reference/server/server_state.hpp"

namespace authprobe::server {

void install_routes(httplib::Server& http, ServerState& state);

}  // namespace authprobe::server
