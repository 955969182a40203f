#pragma once
// Status codes, header names and media types the suite needs. Written here on purpose, not
// shared with reference/: a yardstick must not share code with what it measures.
#include <string_view>

namespace authprobe::conformance::http {

namespace status {
inline constexpr int ok = 200;
inline constexpr int no_content = 204;
inline constexpr int bad_request = 400;
inline constexpr int unauthorized = 401;
inline constexpr int forbidden = 403;
inline constexpr int not_found = 404;
inline constexpr int method_not_allowed = 405;
inline constexpr int request_timeout = 408;
inline constexpr int payload_too_large = 413;
inline constexpr int unsupported_media_type = 415;
inline constexpr int unprocessable_content = 422;
inline constexpr int too_many_requests = 429;
inline constexpr int request_header_fields_too_large = 431;
inline constexpr int internal_server_error = 500;
inline constexpr int not_implemented = 501;
inline constexpr int service_unavailable = 503;

[[nodiscard]] constexpr bool is_success(int code) { return code >= 200 && code < 300; }
[[nodiscard]] constexpr bool is_client_error(int code) { return code >= 400 && code < 500; }
[[nodiscard]] constexpr bool is_server_error(int code) { return code >= 500 && code < 600; }
}  // namespace status

namespace header {
inline constexpr std::string_view authorization = "Authorization";
inline constexpr std::string_view www_authenticate = "WWW-Authenticate";
inline constexpr std::string_view content_type = "Content-Type";
inline constexpr std::string_view accept = "Accept";
inline constexpr std::string_view content_length = "Content-Length";
inline constexpr std::string_view transfer_encoding = "Transfer-Encoding";
inline constexpr std::string_view cache_control = "Cache-Control";
inline constexpr std::string_view pragma = "Pragma";
inline constexpr std::string_view allow = "Allow";
inline constexpr std::string_view retry_after = "Retry-After";
inline constexpr std::string_view server = "Server";
inline constexpr std::string_view x_powered_by = "X-Powered-By";
inline constexpr std::string_view cookie = "Cookie";
inline constexpr std::string_view connection = "Connection";
inline constexpr std::string_view host = "Host";
inline constexpr std::string_view origin = "Origin";
inline constexpr std::string_view x_http_method_override = "X-HTTP-Method-Override";
inline constexpr std::string_view access_control_allow_origin = "Access-Control-Allow-Origin";
inline constexpr std::string_view access_control_allow_methods = "Access-Control-Allow-Methods";
inline constexpr std::string_view access_control_allow_headers = "Access-Control-Allow-Headers";
inline constexpr std::string_view access_control_allow_credentials = "Access-Control-Allow-Credentials";
inline constexpr std::string_view access_control_expose_headers = "Access-Control-Expose-Headers";
inline constexpr std::string_view access_control_request_method = "Access-Control-Request-Method";
inline constexpr std::string_view access_control_request_headers = "Access-Control-Request-Headers";
}  // namespace header

namespace media_type {
inline constexpr std::string_view json = "application/json";
inline constexpr std::string_view form_urlencoded = "application/x-www-form-urlencoded";
inline constexpr std::string_view text_plain = "text/plain";
inline constexpr std::string_view multipart_form = "multipart/form-data";
}  // namespace media_type

namespace scheme {
inline constexpr std::string_view basic = "Basic";
inline constexpr std::string_view bearer = "Bearer";
}  // namespace scheme

// RFC 6749 §5.2 / RFC 6750 §3.1 error codes.
namespace oauth_error {
inline constexpr std::string_view invalid_request = "invalid_request";
inline constexpr std::string_view invalid_client = "invalid_client";
inline constexpr std::string_view invalid_grant = "invalid_grant";
inline constexpr std::string_view unauthorized_client = "unauthorized_client";
inline constexpr std::string_view unsupported_grant_type = "unsupported_grant_type";
inline constexpr std::string_view invalid_scope = "invalid_scope";
inline constexpr std::string_view invalid_token = "invalid_token";
inline constexpr std::string_view insufficient_scope = "insufficient_scope";
}  // namespace oauth_error

}  // namespace authprobe::conformance::http
