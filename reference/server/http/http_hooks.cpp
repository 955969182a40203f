#include "reference/server/http/http_hooks.hpp"

#include <array>
#include <algorithm>
#include <exception>
#include <memory>
#include <string>
#include <string_view>

#include "reference/core/http_constants.hpp"
#include "reference/server/http/header_limits.hpp"
#include "reference/server/http/request_util.hpp"
#include "reference/server/http/server_timing.hpp"
#include "reference/server/routes.hpp"

namespace authprobe::server {
namespace {

namespace status = http::status;
namespace header = http::header;
using HandlerResponse = httplib::Server::HandlerResponse;

// The methods cpp-httplib 0.11.4 parses; any other method in a request line makes it answer
// 400, which the error hook turns into 501 Not Implemented.
constexpr std::array<std::string_view, 10> known_methods = {"GET",     "HEAD",    "POST",  "PUT",   "DELETE",
                                                             "CONNECT", "OPTIONS", "TRACE", "PATCH", "PRI"};
constexpr int uri_too_long = 414;

// RFC 9112 §6.1: a transfer coding the server does not implement gets 501; cpp-httplib 0.11.4
// decodes exactly "chunked" and reads any other Transfer-Encoding as "until the peer closes".
constexpr std::string_view chunked = "chunked";

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

// Methods whose body cpp-httplib 0.11.4 reads before routing (detail::expect_content).
bool reads_body(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE" || method == "PRI";
}

// RFC 9112 §6.3 (7): a request with neither Content-Length nor Transfer-Encoding has no body.
// cpp-httplib 0.11.4 reads such a body "until the connection closes" instead, so `curl -X POST
// /token` waited out the 5 s read timeout before its 400. Declaring the empty length makes it
// read nothing. The Request is the library's own non-const local, handed to this hook as const.
void declare_empty_body(const httplib::Request& request) {
  if (!reads_body(request.method) || request.has_header(std::string(header::content_length)) ||
      request.has_header(std::string(header::transfer_encoding))) {
    return;
  }
  const_cast<httplib::Request&>(request).set_header(std::string(header::content_length), "0");
}

// Starlette's redirect_slashes (routes.hpp, found_with_trailing_slash): 307 to the same target
// with the slash added, query kept, as an absolute URL on this server, with an empty body. The
// method and body are the client's to repeat (RFC 9110 §15.4.8).
void redirect_to_trailing_slash(const ServerState& state, const httplib::Request& request, httplib::Response& response) {
  const auto query = request.target.find('?');
  std::string location = state.base_url + request.target.substr(0, query) + "/";
  if (query != std::string::npos) location += request.target.substr(query);
  response.status = status::temporary_redirect;
  response.set_header(std::string(header::location), location);
}

}  // namespace

void close_after_response(httplib::Response& response) {
  response.set_header(std::string(header::connection), "close");
  if (response.body.empty()) return;
  // cpp-httplib 0.11.4 ends a connection only when the request asked (Connection: close) or a
  // write failed; it ignores the response's own Connection: close and waits up to the 5 s
  // keep-alive timeout for a next request, parsing the unread body as one. A body provider that
  // writes the whole body and then reports failure is the one signal it has for "close now".
  auto body = std::make_shared<std::string>(std::move(response.body));
  response.body.clear();
  const std::string content_type = response.get_header_value(std::string(header::content_type));
  response.headers.erase(std::string(header::content_type));
  response.set_content_provider(
      body->size(), content_type,
      [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
        sink.write(body->data() + offset, length);
        return false;
      });
}

void install_http_hooks(httplib::Server& http, ServerState& state) {
  http.set_pre_routing_handler([&state](const httplib::Request& request, httplib::Response& response) {
    mark_request_start();
    if (has_ambiguous_framing(request)) {
      // The body was not read, so the connection cannot be reused: close it (RFC 9112 §6.3).
      write_error(make_error(AuthErrorKind::malformed_request, "the message framing is ambiguous"),
                  state.context(Offer::none), response);
      close_after_response(response);
      return HandlerResponse::Handled;
    }
    const std::string coding = request.get_header_value(std::string(header::transfer_encoding));
    if (request.has_header(std::string(header::transfer_encoding)) && coding != chunked) {
      // The body cannot be framed, so neither can the next request on this connection.
      write_error(make_error(AuthErrorKind::not_implemented, "the transfer coding is not implemented"),
                  state.context(Offer::none), response);
      close_after_response(response);
      return HandlerResponse::Handled;
    }
    if (header_fields_too_large(request)) {
      write_error(make_error(AuthErrorKind::headers_too_large, "the request header fields are too large"),
                  state.context(Offer::none), response);
      close_after_response(response);
      return HandlerResponse::Handled;
    }
    declare_empty_body(request);
    if (!has_malformed_field_name(request)) return HandlerResponse::Unhandled;
    write_error(make_error(AuthErrorKind::malformed_request, "a header field name is malformed"),
                state.context(Offer::none), response);
    return HandlerResponse::Handled;
  });

  // cpp-httplib calls this for every response with status >= 400, including the ones our
  // handlers wrote: those already have a body and are left alone.
  http.set_error_handler(
      httplib::Server::HandlerWithResponse([&state](const httplib::Request& request, httplib::Response& response) {
        if (!response.body.empty() || response.content_provider_) return HandlerResponse::Unhandled;
        if (response.status == uri_too_long) {
          write_json(response, uri_too_long, {{"error", "invalid_request"}, {"error_description", "the URI is too long"}});
          return HandlerResponse::Handled;
        }
        if (response.status == status::not_found && found_with_trailing_slash(state.config.compat, request.path)) {
          redirect_to_trailing_slash(state, request, response);
          return HandlerResponse::Handled;
        }
        // A malformed request to a Bearer resource still gets its invalid_request challenge
        // (RFC 6750 §3.1; e.g. an Authorization line over the 8 KiB header-line limit).
        const AuthError error = error_for_status(request, response.status);
        const Offer offer = error.kind == AuthErrorKind::malformed_request
                                ? offer_for_path(state.config.compat, request.path)
                                : Offer::none;
        write_error(error, state.context(offer), response);
        // A request cpp-httplib could not parse (or an unknown method) left its body unread: the
        // rest of the connection cannot be framed (RFC 9112 §9.6 lets a server close).
        if (response.status == status::bad_request || response.status == status::not_implemented) {
          close_after_response(response);
        }
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
    add_timing_headers(response, state.config.compat);
    state.cors.decorate(request, response);
    // cpp-httplib announces keep-alive on every response it does not close for the request's sake.
    if (response.get_header_value(std::string(header::connection)) == "close") response.headers.erase("Keep-Alive");
  });
}

}  // namespace authprobe::server
