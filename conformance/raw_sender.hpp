#pragma once
// Writes request bytes exactly as given over TCP (or TLS) and reads what comes back: the suite's
// only HTTP transport. Every request goes through here (well-formed ones too), so every response
// a target sends is read by one bounded reader (response_reader.hpp): no redirect is ever
// followed, nothing is decompressed (no Accept-Encoding is sent), and each exchange ends within
// its time and byte limits (limits.hpp) whatever the target does.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "conformance/base_url.hpp"
#include "conformance/finding.hpp"
#include "conformance/limits.hpp"
#include "conformance/response_reader.hpp"

namespace authprobe::conformance {

// Why no response came back: connect failures mean the target is unreachable (exit code 3);
// a closed connection or a timeout after the request was written is a reaction of the target;
// `limit` is a response (or a run) that broke one of the suite's limits, and `other` bytes that
// are not HTTP.
enum class TransportKind { connect, closed, timeout, limit, other };

struct RawError {
  TransportKind kind = TransportKind::other;
  std::string message;
};

struct RawSettings {
  std::chrono::milliseconds connect_timeout = limits::connect_time;
  std::chrono::milliseconds read_timeout = limits::request_time;  // the whole exchange: connect to last byte
  ResponseLimits limits{};
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

}  // namespace authprobe::conformance
