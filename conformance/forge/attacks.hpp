#pragma once
// Building blocks of the catalog's JWT attacks that are not signatures: headers, unusual
// serializations and junk tokens. Every function is pure; randomness is seeded so a run can be
// reproduced from its report.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "conformance/forge/compact.hpp"
#include "conformance/forge/forge_result.hpp"

namespace authprobe::conformance::forge {

// jwt_tool `-X a`: "alg" is case-sensitive (RFC 7515 §4.1.1), so only "none" is the registered
// unsecured algorithm and the other spellings are unknown algorithms.
inline constexpr std::array<std::string_view, 4> none_casings{"none", "None", "NONE", "nOnE"};

// RFC 7519 §6.1, verbatim: the unsecured JWT example.
inline constexpr std::string_view rfc7519_unsecured_example =
    "eyJhbGciOiJub25lIn0.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNv"
    "bS9pc19yb290Ijp0cnVlfQ.";

inline constexpr std::string_view access_token_typ = "at+jwt";  // RFC 9068 §2.1

// {"alg":alg,"typ":"at+jwt"} plus "kid" when the original header had one.
[[nodiscard]] nlohmann::json attack_header(std::string_view alg, const std::optional<std::string>& kid);
// The "kid" of a header, if it is a string.
[[nodiscard]] std::optional<std::string> kid_of(std::string_view header_json);
[[nodiscard]] std::optional<std::string> alg_of(std::string_view header_json);

// jwt_tool playbook `kid` cases (catalog JWT-16): the raw JSON value of "kid" and the HMAC key
// a vulnerable lookup would end up using.
struct KidInjection {
  std::string name;
  std::string kid_json;
  std::string hmac_key;
  bool measure_latency = false;  // the command-injection case: a sleep must not happen
};
inline constexpr std::size_t oversized_kid_bytes = 64 * 1024;
[[nodiscard]] std::vector<KidInjection> kid_injections();

// JWS JSON Serialization (RFC 7515 §7.2.2 flattened, §7.2.1 general) of a compact token.
[[nodiscard]] Result<std::string> jws_json_flattened(std::string_view compact_token);
[[nodiscard]] Result<std::string> jws_json_general(std::string_view compact_token);
// Five segments shaped like a JWE compact serialization (RFC 7516 §7.1), with filler contents.
[[nodiscard]] std::string jwe_shaped(std::uint64_t seed);

// Deterministic bytes from a seed (libsodium randombytes_buf_deterministic).
[[nodiscard]] Bytes seeded_bytes(std::uint64_t seed, std::size_t count);
// `length` characters of the RFC 6750 §2.1 b64token alphabet with exactly `dots` of them '.'.
[[nodiscard]] std::string random_b64token(std::uint64_t seed, std::size_t length, std::size_t dots);

// `token`'s payload grown by a filler claim until the whole token is at least `min_bytes` long;
// the header and signature segments are kept.
[[nodiscard]] Result<std::string> oversized_token(std::string_view token, std::size_t min_bytes);

// `token` with one character of segment `segment` (0 header, 1 payload, 2 signature) changed to
// another base64url character, leaving the segment decodable.
[[nodiscard]] std::string tamper_segment(std::string_view token, std::size_t segment);

}  // namespace authprobe::conformance::forge
