#pragma once
// Base64 codecs (RFC 4648) on libsodium. JWS segments are base64url without padding
// (RFC 7515 §2); PEM bodies, x5c entries and OpenSSH key blobs use the original alphabet.
#include <string_view>

#include "conformance/forge/forge_result.hpp"

namespace authprobe::conformance::forge {

[[nodiscard]] std::string b64url_encode(std::string_view bytes);
// Strict RFC 7515 §2 decoding: URL-safe alphabet, no padding, no whitespace.
[[nodiscard]] Result<Bytes> b64url_decode(std::string_view text);
// Tolerant decoding for whatever a target issues: accepts '=' padding, the '+' '/' alphabet
// and surrounding whitespace, so the forge can still take a sloppy issuer's token apart.
[[nodiscard]] Result<Bytes> b64url_decode_lenient(std::string_view text);

[[nodiscard]] std::string b64_encode(std::string_view bytes);
[[nodiscard]] Result<Bytes> b64_decode(std::string_view text);

}  // namespace authprobe::conformance::forge
