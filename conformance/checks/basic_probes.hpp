#pragma once
// The probe values BASIC-05/07/08 build from alice's valid credentials, and the refusal rule the
// BASIC negatives share. Each altered value is what a lenient decoder seen on real Basic stacks
// turns back into alice's credentials, so a 2xx to any of them is a login the RFC forbids.
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/probe.hpp"
#include "conformance/verdict.hpp"

namespace authprobe::conformance::basic_probes {

// RFC 9110 §11.1: only the scheme name `Basic` (any case) selects RFC 7617. The valid token68
// under other names must not log in (a decoder that ignores the scheme name does).
inline constexpr std::string_view other_schemes[] = {"Foo", "Bearer"};

struct Altered {
  std::string what;
  std::string token68;
};

// RFC 7617 §2: the token68 is the base64 of user-pass; the valid value with one character
// outside the base64 alphabet inserted in the middle, and with junk after its padding (after its
// end when it has none). Decoders that skip invalid characters or stop at the padding (Python's
// base64.b64decode without validate=True) still read alice's credentials out of both.
[[nodiscard]] std::vector<Altered> altered_token68(std::string_view valid_token68);

// RFC 7617 §2: user-pass is split at the FIRST colon, so `alice:<password>:x` carries the
// password `<password>:x`, which is wrong. A server that splits at every colon and drops the
// tail logs alice in.
[[nodiscard]] std::string with_colon_tail(std::string_view user, std::string_view password);

// The floor of every BASIC negative (V1, V3): a 2xx or a 5xx FAILs; a refusal with one of the
// `expected` statuses PASSes; any other refusal (403, a redirect) is outside the entry's set but
// breaks none of its MUSTs, which are about not logging in, so it is WARN.
[[nodiscard]] Verdict judge_refusal(const Response& response, std::initializer_list<int> expected);

}  // namespace authprobe::conformance::basic_probes
