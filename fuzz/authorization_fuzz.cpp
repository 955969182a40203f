// Fuzzes the Authorization header parser (RFC 9110 §11.6.2, RFC 7617, RFC 6750 §2.1): any
// bytes a client sends must come back as credentials or an error value, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>

#include "reference/parse/authorization.hpp"

namespace {

// What the parser promises about a success, checked so the fuzzer also finds wrong answers.
void check_invariants(const authprobe::parse::Credentials& credentials) {
  if (const auto* basic = std::get_if<authprobe::parse::BasicCredentials>(&credentials)) {
    // RFC 7617 §2: the user-id cannot contain a colon (the split is at the first one).
    if (basic->user_id.find(':') != std::string_view::npos) __builtin_trap();
  }
  if (const auto* bearer = std::get_if<authprobe::parse::BearerCredentials>(&credentials)) {
    // RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
    if (bearer->token.empty()) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view header(reinterpret_cast<const char*>(data), size);
  auto parsed = authprobe::parse::parse_authorization(header);
  if (parsed) check_invariants(*parsed);
  return 0;
}
