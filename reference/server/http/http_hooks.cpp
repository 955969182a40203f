#include "reference/server/http/http_hooks.hpp"

#include <array>
#include <algorithm>
#include <exception>
#include <string_view>

#include "reference/core/http_constants.hpp"
#include "reference/server/http/header_limits.hpp"
#include "reference/server/http/request_util.hpp"
#include "reference/server/http/server_timing.hpp"
#include "reference/server/routes.hpp"

namespace authprobe::server {
namespace {

namespace status = http::status;
using HandlerResponse = httplib::Server::HandlerResponse;

// The methods cpp-httplib 0.11.4 parses; any other method in a request line makes it answer
// 400, which the error hook turns into 501 Not Implemented.
constexpr std::array<std::string_view, 10> known_methods = {"GET",     "HEAD",    "POST",  "PUT",   "DELETE",
                                                             "CONNECT", "OPTIONS", "TRACE", "PATCH", "PRI"};
constexpr int uri_too_long = 414;

bool is_known_method(std::string_view method) {
  return std::find(known_methods.begin(), known_methods.end(), method) != known_methods.end();
}

AuthError error_for_status(const httplib::Request& request, int code) {
  switch (code) {
    case status::bad_request:
      if (!request.method.empty() && !is_known_method(request.method))
        return make_error(AuthErrorKind::not_implemented, "the method is not implemented");
      return make_error(AuthErrorKind::malformed_request, "the request is malformed");
    case status::not_found: return make_error(AuthErrorKind::not_found, "no such resource");
    case status::payload_too_large: return make_error(AuthErrorKind::payload_too_large, "the request body is too large");
    default: return make_error(AuthErrorKind::malformed_request, "the request cannot be processed");
  }
}

}  // namespace

void install_http_hooks(httplib::Server& http, ServerState& state) {
  http.set_pre_routing_handler([&state](const httplib::Request& request, httplib::Response& response) {
    mark_request_start();
    if (has_ambiguous_framing(request)) {
      // The body was not read, so the connection cannot be reused: close it (RFC 9112 §6.3).
      write_error(make_error(AuthErrorKind::malformed_request, "the message framing is ambiguous"),
                  state.context(Offer::none), response);
      response.set_header("Connection", "close");
      return HandlerResponse::Handled;
    }
    if (header_fields_too_large(request)) {
      write_error(make_error(AuthErrorKind::headers_too_large, "the request header fields are too large"),
                  state.context(Offer::none), response);
      response.set_header("Connection", "close");
      return HandlerResponse::Handled;
    }
    if (!has_malformed_field_name(request)) return HandlerResponse::Unhandled;
    write_error(make_error(AuthErrorKind::malformed_request, "a header field name is malformed"),
                state.context(Offer::none), response);
    return HandlerResponse::Handled;
  });

  // cpp-httplib calls this for every response with status >= 400, including the ones our
  // handlers wrote: those already have a body and are left alone.
  http.set_error_handler(
      httplib::Server::HandlerWithResponse([&state](const httplib::Request& request, httplib::Response& response) {
        if (!response.body.empty()) return HandlerResponse::Unhandled;
        if (response.status == uri_too_long) {
          write_json(response, uri_too_long, {{"error", "invalid_request"}, {"error_description", "the URI is too long"}});
          return HandlerResponse::Handled;
        }
        // A malformed request to a Bearer resource still gets its invalid_request challenge
        // (RFC 6750 §3.1; e.g. an Authorization line over the 8 KiB header-line limit).
        const AuthError error = error_for_status(request, response.status);
        const Offer offer = error.kind == AuthErrorKind::malformed_request ? offer_for_path(request.path) : Offer::none;
        write_error(error, state.context(offer), response);
        return HandlerResponse::Handled;
      }));

  http.set_exception_handler([&state](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
    // The exception text is logged nowhere near the client, and not even in the log: it may
    // carry request bytes. Its occurrence is the bug to look for.
    ++state.exceptions_caught;
    state.log("BUG: an exception escaped a request handler");
    response.headers.clear();
    write_error(make_error(AuthErrorKind::internal, "internal error"), state.context(Offer::none), response);
  });

  http.set_post_routing_handler([&state](const httplib::Request& request, httplib::Response& response) {
    add_server_timing(response);
    state.cors.decorate(request, response);
  });
}

}  // namespace authprobe::server
