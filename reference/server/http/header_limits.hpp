#pragma once
// Request header limits (RFC 6585 §5: 431 Request Header Fields Too Large; catalog HTTP-06).
//
// Two layers, because cpp-httplib 0.11.4 is a compiled Debian library:
//   - One field line over 8 KiB (CPPHTTPLIB_HEADER_MAX_LENGTH, 8192) or a request target over
//     8 KiB (CPPHTTPLIB_REQUEST_URI_MAX_LENGTH) is refused inside the library while it reads
//     the head, before any hook runs. The macros are compiled into libcpp-httplib.so: defining
//     them in our translation units changes nothing, and the error hook only sees status 400
//     with a half-read request, which it cannot tell apart from other malformed requests.
//     So an oversized single line stays 400 (the catalog accepts 400), and a 9 KiB token is
//     over the documented limit.
//   - The library puts no bound on the number of field lines (that arrived in later releases);
//     the pre-routing hook answers 431 when there are more than max_header_fields fields or
//     more than max_header_bytes in all, and closes the connection (the body, if any, is unread).
#include <cstddef>

#include <httplib.h>

namespace authprobe::server {

inline constexpr std::size_t max_header_line_bytes = 8192;  // the library's, for documentation
inline constexpr std::size_t max_header_fields = 100;
inline constexpr std::size_t max_header_bytes = 32 * 1024;  // names + values, all fields

[[nodiscard]] bool header_fields_too_large(const httplib::Request& request);

}  // namespace authprobe::server
