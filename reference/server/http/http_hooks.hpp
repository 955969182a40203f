#pragma once
// The cross-cutting hooks cpp-httplib offers, each with one job:
//   pre-routing   start the Server-Timing clock; refuse malformed field names (RFC 9112 §5.1)
//   error         JSON bodies for the errors cpp-httplib produces itself (404, 413, 400 for a
//                 malformed request; 501 for an unknown method, RFC 9110 §15.6.2)
//   exception     a logged backstop answering a generic 500: no stack trace, no exception
//                 text (ASVS V7.4.1); tests assert it never fires
//   post-routing  Server-Timing and CORS headers on every response, errors included
#include <httplib.h>

#include "reference/server/server_state.hpp"

namespace authprobe::server {

void install_http_hooks(httplib::Server& http, ServerState& state);

// Marks the response Connection: close and makes cpp-httplib close the connection as soon as the
// response is written, instead of waiting for a next request (RFC 9112 §9.6).
void close_after_response(httplib::Response& response);

}  // namespace authprobe::server
