#pragma once
// Reads HTTP/1.1 responses (RFC 9112) out of the bytes a target sent. Pure: bytes in, responses
// and a reason to stop out, so the suite's one response reader can be fuzzed
// (fuzz/response_reader_fuzz.cpp) and the hostile-target tests can run it on every misbehaviour.
// Every size it accepts is bounded by ResponseLimits (conformance/limits.hpp).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/finding.hpp"
#include "conformance/limits.hpp"

namespace authprobe::conformance {

struct RawResponse {
  int status = 0;
  HeaderLines headers;
  std::string body;
};

struct ResponseLimits {
  std::size_t max_head_bytes = limits::max_head_bytes;
  std::size_t max_header_fields = limits::max_header_fields;
  std::size_t max_body_bytes = limits::max_body_bytes;
};

// What follows the complete responses in the buffer.
enum class ReadState {
  complete,    // nothing: every byte belongs to a complete response
  incomplete,  // the start of a response; more bytes may complete it
  malformed,   // bytes that cannot be an HTTP/1.1 response (framing broken): stop reading
  over_limit,  // a response that breaks a ResponseLimits bound: stop reading
};

struct ParsedResponses {
  std::vector<RawResponse> responses;  // the complete ones, in order
  ReadState state = ReadState::complete;
  std::string problem;                 // malformed / over_limit: what, and which limit
};

// Parses responses from the start of `buffer`. `head_requests[i]` marks the i-th request as HEAD
// (its response has no body). With `connection_closed`, a body delimited by the close ends at the
// end of the buffer and a body shorter than its Content-Length is kept as it arrived.
[[nodiscard]] ParsedResponses read_responses(std::string_view buffer, const std::vector<bool>& head_requests,
                                             bool connection_closed, const ResponseLimits& limits = {});

// The complete responses only (read_responses(...).responses).
[[nodiscard]] std::vector<RawResponse> parse_raw_responses(std::string_view buffer,
                                                           const std::vector<bool>& head_requests,
                                                           bool connection_closed);

}  // namespace authprobe::conformance
