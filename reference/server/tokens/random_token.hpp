#pragma once
// Unguessable identifiers: refresh tokens, refresh-token families, private file names.
// (A token's jti comes from jose::new_token_id, the one jti generator.)
#include <cstddef>
#include <string>
#include <string_view>

namespace authprobe::server {

// RFC 6749 §10.10: the probability of guessing a token must be at most 2^-128.
inline constexpr std::size_t refresh_token_bytes = 32;
// Names of private temporary files and directories: unguessable, so no other local user can
// predict (and pre-create) them.
inline constexpr std::size_t unique_name_bytes = 16;

// `bytes` random bytes (libsodium randombytes_buf) as unpadded base64url (RFC 4648 §5).
[[nodiscard]] std::string random_base64url(std::size_t bytes);

// SHA-256 of `value` (raw 32 bytes): refresh tokens are stored hashed, so a memory dump of
// the store yields nothing that can be replayed.
[[nodiscard]] std::string sha256_raw(std::string_view value);

}  // namespace authprobe::server
