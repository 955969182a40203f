#pragma once
// The BASIC checks written outside basic.cpp (basic_decoding.cpp: how the credentials are read,
// BASIC-05..11); basic_checks() in basic.cpp lists every BASIC check in catalog order.
#include "conformance/check.hpp"
#include "conformance/checks/support.hpp"

namespace authprobe::conformance {

// The profile's Basic user resource, without credentials.
[[nodiscard]] inline Request basic_user(const Context& ctx) { return support::request_for(*ctx.target().endpoints.basic_user); }

[[nodiscard]] Check accepts_any_scheme_case();        // BASIC-05
[[nodiscard]] Check parses_credentials_whitespace();  // BASIC-06
[[nodiscard]] Check rejects_malformed_token68();      // BASIC-07
[[nodiscard]] Check splits_at_first_colon();          // BASIC-08
[[nodiscard]] Check rejects_control_characters();     // BASIC-09
[[nodiscard]] Check rejects_empty_credentials();      // BASIC-10
[[nodiscard]] Check handles_utf8_credentials();       // BASIC-11

}  // namespace authprobe::conformance
