#pragma once
// Unguessable identifiers: refresh tokens, jti values, refresh-token families.
#include <cstddef>
#include <string>
#include <string_view>

namespace authprobe::server {

// RFC 6749 §10.10: the probability of guessing a token must be at most 2^-128.
inline constexpr std::size_t refresh_token_bytes = 32;
// RFC 9068 §2.2 / catalog TOKEN-24: at least 128 bits; 256 so that no estimate of the
// randomness of a 43-character identifier lands near the bound.
inline constexpr std::size_t jti_bytes = 32;

// `bytes` random bytes (libsodium randombytes_buf) as unpadded base64url (RFC 4648 §5).
[[nodiscard]] std::string random_base64url(std::size_t bytes);

// SHA-256 of `value` (raw 32 bytes): refresh tokens are stored hashed, so a memory dump of
// the store yields nothing that can be replayed.
[[nodiscard]] std::string sha256_raw(std::string_view value);

}  // namespace authprobe::server
