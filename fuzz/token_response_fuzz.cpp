// Fuzzes the suite's token-response reader: any body a token endpoint sends (odd types, duplicate
// members, huge numbers, deep nesting, invalid UTF-8) is a token or an error value, never a crash.
// The first byte picks the member path, so dotted login paths are covered too.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "conformance/token_acquisition.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool dotted = (data[0] & 1U) != 0;
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  using namespace authprobe::conformance::acquisition;
  const auto fields = parse_token_body(body, dotted ? "data.access_token" : "access_token",
                                       dotted ? std::optional<std::string>("data.refresh_token") : std::optional<std::string>("refresh_token"));
  if (fields && fields->access_token.empty()) __builtin_trap();  // an empty token is never a success
  return 0;
}
