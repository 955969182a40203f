#pragma once
// The route table: every path the server answers, its methods, and who may call it.
// Methods a path does not take get 405 with Allow (RFC 9110 §15.5.6); OPTIONS answers with
// Allow and, for configured origins, a CORS preflight (never behind authentication).
#include <httplib.h>

#include "reference/server/server_state.hpp"

namespace authprobe::server {

void install_routes(httplib::Server& http, ServerState& state);

// The schemes the resource at `path` takes (Offer::none for open or unknown paths), so that
// errors raised before routing (e.g. an over-long header line) still carry the right challenge.
[[nodiscard]] Offer offer_for_path(const std::string& path);

}  // namespace authprobe::server
