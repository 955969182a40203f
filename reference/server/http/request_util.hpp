#pragma once
// Small readings of a request that several handlers share.
#include <string>
#include <string_view>

#include <httplib.h>

namespace authprobe::server {

enum class AuthScheme { none, basic, bearer, other };

// The auth-scheme token of an Authorization value, compared case-insensitively (RFC 9110 §11.1).
[[nodiscard]] AuthScheme scheme_of(std::string_view authorization_value);

// The value of the first `name` field with every byte intact. Request::get_header_value goes
// through a C string in cpp-httplib 0.11.4, which would cut "Bearer T\0x" down to "Bearer T".
[[nodiscard]] std::string header_value(const httplib::Request& request, std::string_view name);
// RFC 9110 §5.5: a field value never holds NUL, CR or LF (or other controls except HTAB).
[[nodiscard]] bool has_control_characters(std::string_view field_value);

// The media type of Content-Type, lower-cased, without parameters (RFC 9110 §8.3.1: type and
// subtype are case-insensitive; `; charset=UTF-8` must not break anything). Empty if absent.
[[nodiscard]] std::string media_type_of(const httplib::Request& request);
[[nodiscard]] bool is_form_content_type(const httplib::Request& request);
[[nodiscard]] bool is_json_content_type(const httplib::Request& request);

// The query component of the request target ("" when there is none). cpp-httplib 0.11.4 merges
// form-body parameters into Request::params, so the query is read from the target itself.
[[nodiscard]] std::string_view query_of(const httplib::Request& request);
// Whether the query names `name` (compared as sent, before percent-decoding).
[[nodiscard]] bool query_has_param(const httplib::Request& request, std::string_view name);

// RFC 9112 §6.1, §6.3: Content-Length together with Transfer-Encoding, or Content-Length
// given twice, makes the message framing ambiguous (request smuggling).
[[nodiscard]] bool has_ambiguous_framing(const httplib::Request& request);

// RFC 9112 §5.1: no whitespace between a field name and the colon. cpp-httplib 0.11.4 keeps
// such a name with the space in it; the server refuses the request instead of guessing.
[[nodiscard]] bool has_malformed_field_name(const httplib::Request& request);

}  // namespace authprobe::server
