// Fuzzes the suite's HTTP/1.1 response reader (RFC 9112), the one every byte a target sends goes
// through: any bytes are responses and a reason to stop, never a crash, and every bound of
// ResponseLimits holds. The first byte sets "connection closed" and whether the first request was
// HEAD; small limits make the bounds reachable.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "conformance/response_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool closed = (data[0] & 1U) != 0;
  const bool head = (data[0] & 2U) != 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  authprobe::conformance::ResponseLimits limits;
  limits.max_head_bytes = 512;
  limits.max_header_fields = 16;
  limits.max_body_bytes = 1024;
  const auto parsed = authprobe::conformance::read_responses(bytes, {head, false}, closed, limits);
  for (const auto& response : parsed.responses) {
    if (response.headers.size() > limits.max_header_fields) __builtin_trap();
    if (response.body.size() > limits.max_body_bytes) __builtin_trap();
    if (response.status < 0 || response.status > 999) __builtin_trap();
  }
  return 0;
}
