#pragma once
// Writes request bytes exactly as given over TCP (or TLS) and reads what comes back. httplib
// normalises header lines, so malformed requests (HTTP-01..07, HTTP-14) are sent from here.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "conformance/base_url.hpp"
#include "conformance/finding.hpp"

namespace authprobe::conformance {

// Why no response came back: connect failures mean the target is unreachable (exit code 3);
// a closed connection or a timeout after the request was written is a reaction of the target.
enum class TransportKind { connect, closed, timeout, other };

struct RawError {
  TransportKind kind = TransportKind::other;
  std::string message;
};

struct RawResponse {
  int status = 0;
  HeaderLines headers;
  std::string body;
};

struct RawSettings {
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds read_timeout{10000};
  std::size_t max_bytes = 1U << 20U;
  std::string cacert;
  bool insecure = false;
};

// How several requests share one connection: written all at once (pipelining, RFC 9112
// §9.3.2), or each written once the previous response has arrived (plain keep-alive, §9.3).
enum class Framing { pipelined, sequential };

// Sends `requests` (raw bytes each) on one connection and parses up to one response per
// request (HEAD responses have no body: flag them in `head_requests`). Fewer responses come back
// when the server closes the connection first.
[[nodiscard]] tl::expected<std::vector<RawResponse>, RawError> raw_exchange(
    const BaseUrl& url, const std::vector<std::string>& requests, const std::vector<bool>& head_requests,
    const RawSettings& settings, Framing framing = Framing::pipelined);

// Parses HTTP/1.1 responses from a buffer; exposed for tests.
[[nodiscard]] std::vector<RawResponse> parse_raw_responses(std::string_view buffer,
                                                           const std::vector<bool>& head_requests,
                                                           bool connection_closed);

}  // namespace authprobe::conformance
