#pragma once
// Status codes, header names and media types as named constants (cpp-httplib 0.11.4 has
// no StatusCode enum). conformance/ keeps its own copy on purpose: the yardstick shares
// no code with what it measures.
#include <string_view>

namespace authprobe::http {

namespace status {
inline constexpr int ok = 200;
inline constexpr int created = 201;
inline constexpr int no_content = 204;
inline constexpr int temporary_redirect = 307;
inline constexpr int bad_request = 400;
inline constexpr int unauthorized = 401;
inline constexpr int forbidden = 403;
inline constexpr int not_found = 404;
inline constexpr int method_not_allowed = 405;
inline constexpr int payload_too_large = 413;
inline constexpr int unsupported_media_type = 415;
inline constexpr int unprocessable_content = 422;
inline constexpr int too_many_requests = 429;
inline constexpr int request_header_fields_too_large = 431;
inline constexpr int internal_server_error = 500;
inline constexpr int not_implemented = 501;
inline constexpr int service_unavailable = 503;
}  // namespace status

namespace header {
inline constexpr std::string_view authorization = "Authorization";
inline constexpr std::string_view www_authenticate = "WWW-Authenticate";
inline constexpr std::string_view content_type = "Content-Type";
inline constexpr std::string_view content_length = "Content-Length";
inline constexpr std::string_view transfer_encoding = "Transfer-Encoding";
inline constexpr std::string_view connection = "Connection";
inline constexpr std::string_view cache_control = "Cache-Control";
inline constexpr std::string_view pragma = "Pragma";
inline constexpr std::string_view allow = "Allow";
inline constexpr std::string_view retry_after = "Retry-After";
inline constexpr std::string_view server_timing = "Server-Timing";
inline constexpr std::string_view x_process_time = "X-Process-Time";  // the FastAPI middleware tutorial's
inline constexpr std::string_view location = "Location";
inline constexpr std::string_view origin = "Origin";
inline constexpr std::string_view vary = "Vary";
inline constexpr std::string_view access_control_allow_origin = "Access-Control-Allow-Origin";
inline constexpr std::string_view access_control_allow_methods = "Access-Control-Allow-Methods";
inline constexpr std::string_view access_control_allow_headers = "Access-Control-Allow-Headers";
inline constexpr std::string_view access_control_allow_credentials = "Access-Control-Allow-Credentials";
inline constexpr std::string_view access_control_expose_headers = "Access-Control-Expose-Headers";
inline constexpr std::string_view access_control_request_method = "Access-Control-Request-Method";
inline constexpr std::string_view access_control_max_age = "Access-Control-Max-Age";
inline constexpr std::string_view content_security_policy = "Content-Security-Policy";
inline constexpr std::string_view x_content_type_options = "X-Content-Type-Options";
}  // namespace header

namespace media_type {
inline constexpr std::string_view json = "application/json";
inline constexpr std::string_view form_urlencoded = "application/x-www-form-urlencoded";
inline constexpr std::string_view jwk_set = "application/jwk-set+json";
}  // namespace media_type

}  // namespace authprobe::http
