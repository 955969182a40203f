#pragma once
// A raw HTTP/1.1 exchange over a loopback socket, for requests httplib::Client cannot send
// (duplicate Authorization fields, unknown methods, malformed field names).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace authprobe::server::testing {

struct RawResponse {
  int status = 0;         // 0: no parsable status line
  std::string head;       // status line and fields
  std::string body;
  [[nodiscard]] bool has_field_line(std::string_view line) const;  // exact "Name: value" line
  [[nodiscard]] std::size_t count_fields(std::string_view name) const;  // case-insensitive
};

// Sends `request` verbatim to 127.0.0.1:port and reads one response: until its Content-Length
// is complete, the server closes the connection, or 5 s pass.
[[nodiscard]] RawResponse raw_exchange(std::uint16_t port, std::string_view request);

// Sends `request` (possibly several pipelined requests) and reads until the server closes the
// connection or 5 s pass without a byte; returns every response, each framed by Content-Length.
[[nodiscard]] std::vector<RawResponse> raw_responses(std::uint16_t port, std::string_view request);

}  // namespace authprobe::server::testing
