#pragma once
// JWS Compact Serialization (RFC 7515 §7.1) taken apart and put together again. Headers and
// payloads are raw JSON *text*, never re-serialized objects, so a forgery can carry duplicate
// names, a BOM, trailing bytes or CRLFs exactly as written (the MAC covers these bytes).
#include <string>
#include <string_view>

#include "conformance/forge/forge_result.hpp"

namespace authprobe::conformance::forge {

struct DecodedToken {
  std::string header_json;
  std::string payload_json;
  Bytes signature;
  // The segments exactly as received, for forgeries that keep one of them verbatim.
  std::string header_b64;
  std::string payload_b64;
  std::string signature_b64;
};

// Splits a three-segment token and decodes each part tolerantly (see b64url_decode_lenient).
[[nodiscard]] Result<DecodedToken> decode_compact(std::string_view token);

// b64u(header) "." b64u(payload): the JWS Signing Input (RFC 7515 §5.1 step 4).
[[nodiscard]] std::string signing_input(std::string_view header_json, std::string_view payload_json);
// signing_input "." b64u(signature); an empty signature gives the trailing-dot form.
[[nodiscard]] std::string encode_compact(std::string_view header_json, std::string_view payload_json,
                                         std::string_view signature);
[[nodiscard]] std::string append_signature(std::string_view signing_input, std::string_view signature);

}  // namespace authprobe::conformance::forge
