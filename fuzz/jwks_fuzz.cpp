// Fuzzes the suite's JWKS reader (RFC 7517 §5): any document a target publishes as its key set is
// a public key or an error value, never a crash (OpenSSL reads the JWK members it accepts). The
// first byte picks whether the token names a kid.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "conformance/checks/jwks_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto found = authprobe::conformance::jwt::read_jwks(body, (data[0] & 1U) != 0 ? "k1" : "");
  if (found && !found->key) __builtin_trap();
  return 0;
}
