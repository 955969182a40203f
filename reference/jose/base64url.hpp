#pragma once
// Strict base64url (RFC 4648 §5, as RFC 7515 §2 uses it: no padding, no line breaks, no
// other characters) on OpenSSL's EVP_EncodeBlock/EVP_DecodeBlock. libsodium's
// sodium_base642bin is as strict but costs about 4 ns per character, more than the whole
// HMAC of a token; OpenSSL's table decoder is about 5x faster. The strictness OpenSSL's
// decoder lacks (it trims whitespace and ignores the unused trailing bits) is added here,
// and base64url_test.cpp checks both directions against libsodium.
#include <cstddef>
#include <string>
#include <string_view>

namespace authprobe::jose::base64url {

[[nodiscard]] std::string encode(std::string_view bytes);
// Appends the encoding of `bytes` to `out`.
void append_encoded(std::string_view bytes, std::string& out);

// Decodes `text` into `out` (replacing its contents); false on any character outside the
// URL-safe alphabet (padding '=', '+', '/', whitespace included), on an impossible length
// (4n+1) and on non-zero unused trailing bits (RFC 4648 §3.5: only the canonical spelling).
// `out` keeps `reserve_after` spare bytes of capacity (simdjson reads padded input).
[[nodiscard]] bool decode_into(std::string_view text, std::string& out, std::size_t reserve_after = 0);

}  // namespace authprobe::jose::base64url
