#pragma once
// The four schemes behind password_hash.hpp, one file each. Internal to this module: the
// public entry points (password_hash.cpp) apply the length guards and the dispatch; these
// functions take the password as exact bytes and the stored hash as given.
#include <cstdint>
#include <string>
#include <string_view>

#include "reference/password/password_hash.hpp"
#include "reference/password/sodium_ready.hpp"

namespace authprobe::password::detail {

// bcrypt (libxcrypt). Parameters: the cost, log2 of the number of rounds.
[[nodiscard]] Result<std::string> bcrypt_hash(std::string_view password, std::uint32_t cost);
[[nodiscard]] Result<bool> bcrypt_verify(std::string_view password, std::string_view stored);
[[nodiscard]] Result<std::uint32_t> bcrypt_cost(std::string_view stored);

// argon2id (libsodium). memory in KiB, as in the PHC string's m=.
struct Argon2Params {
  std::uint32_t memory_kib = 0;
  std::uint32_t iterations = 0;
  std::uint32_t lanes = 0;
};
[[nodiscard]] Result<std::string> argon2id_hash(std::string_view password, std::uint32_t memory_kib,
                                                std::uint32_t iterations);
[[nodiscard]] Result<bool> argon2id_verify(std::string_view password, std::string_view stored);
[[nodiscard]] Result<Argon2Params> argon2id_params(std::string_view stored);

// scrypt (libsodium's $7$ strings). N = 2^log2_n; new hashes use r = 8, p = 1.
struct ScryptParams {
  std::uint32_t log2_n = 0;
  std::uint32_t r = 0;
  std::uint32_t p = 0;
};
[[nodiscard]] Result<std::string> scrypt_hash(std::string_view password, std::uint32_t log2_n);
[[nodiscard]] Result<bool> scrypt_verify(std::string_view password, std::string_view stored);
[[nodiscard]] Result<ScryptParams> scrypt_params(std::string_view stored);

// PBKDF2-HMAC-SHA256 in passlib's $pbkdf2-sha256$ format (OpenSSL).
[[nodiscard]] Result<std::string> pbkdf2_sha256_hash(std::string_view password, std::uint32_t iterations);
[[nodiscard]] Result<bool> pbkdf2_sha256_verify(std::string_view password, std::string_view stored);
[[nodiscard]] Result<std::uint32_t> pbkdf2_sha256_iterations(std::string_view stored);

using password::sodium_ready;

// Every stored hash is ASCII text handed to C APIs: an embedded NUL would cut it short.
[[nodiscard]] inline bool has_nul(std::string_view text) {
  return text.find('\0') != std::string_view::npos;
}

// Parses a decimal uint32 with no sign, no leading zeros (except "0") and no overflow.
[[nodiscard]] bool parse_decimal_u32(std::string_view text, std::uint32_t& out);

}  // namespace authprobe::password::detail
