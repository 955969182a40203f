#pragma once
// The `curl` line of a reproduction, printed only when curl would send the recorded request bytes
// field for field and byte for byte in the body; otherwise empty, and the report points at
// `authprobe replay` instead (duplicate fields, obs-fold, bad framing and the like are beyond curl).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "conformance/finding.hpp"

namespace authprobe::conformance {

// A request as its wire bytes split up: request line parts, header lines verbatim, body.
struct WireRequest {
  std::string method;
  std::string target;
  std::string version;
  std::vector<std::string> header_lines;  // without CRLF, as written (obs-fold lines included)
  std::string body;
};

// nullopt when the bytes have no request line or no end of the header section.
[[nodiscard]] std::optional<WireRequest> split_wire(std::string_view wire);

struct CurlOptions {
  std::optional<std::string> cacert;
  bool insecure = false;
};

// `origin` is scheme://host[:port]. Empty when curl cannot send exactly `request.wire`.
[[nodiscard]] std::string curl_line(const RequestRecord& request, std::string_view origin, const CurlOptions& options);

// The command that re-sends a finding's recorded bytes.
[[nodiscard]] std::string replay_line(std::string_view check_id, std::string_view report_file = "REPORT.json");

// Single-quoted for /bin/sh.
[[nodiscard]] std::string shell_quote(std::string_view text);

}  // namespace authprobe::conformance
