// scrypt in libsodium's `$7$` string format:
//   $7$ <N: 1 char> <r: 5 chars> <p: 5 chars> <salt: 43 chars> $ <hash: 43 chars>
// where N = 2^c for the character's index c and r, p are 30-bit little-endian numbers, all in
// the crypt(3) alphabet "./0-9A-Za-z". libsodium derives (N, r, p) from an (opslimit,
// memlimit) pair; scrypt_hash picks the pair that gives exactly N = 2^log2_n, r = 8, p = 1.
#include <array>
#include <string>

#include <sodium.h>

#include "reference/password/schemes.hpp"

namespace authprobe::password::detail {
namespace {

constexpr std::string_view prefix = crypto_pwhash_scryptsalsa208sha256_STRPREFIX;
constexpr std::string_view itoa64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::size_t number_chars = 5;      // r and p: 5 x 6 bits
constexpr std::size_t bits_per_char = 6;
constexpr std::size_t encoded_field_chars = 43;  // 32 bytes of salt or hash, 6 bits a char
constexpr std::size_t string_length = crypto_pwhash_scryptsalsa208sha256_STRBYTES - 1;
constexpr std::uint32_t block_r = 8;         // scrypt's recommended r (RFC 7914 §2)
// libsodium's pickparams: memlimit = 128 * r * N bytes and opslimit = 4 * r * p * N select
// exactly (N, r = 8, p = 1). 128 * 8 = 2^10, 4 * 8 = 2^5.
constexpr std::uint32_t memlimit_shift = 10;
constexpr std::uint32_t opslimit_shift = 5;
constexpr std::uint32_t max_log2_n = 40;     // keeps the shifts above inside 64 bits

bool decode_char(char c, std::uint32_t& value) {
  const auto at = itoa64.find(c);
  if (at == std::string_view::npos) return false;
  value = static_cast<std::uint32_t>(at);
  return true;
}

bool decode_number(std::string_view chars, std::uint32_t& value) {
  value = 0;
  for (std::size_t i = 0; i < chars.size(); ++i) {
    std::uint32_t digit = 0;
    if (!decode_char(chars[i], digit)) return false;
    value |= digit << (bits_per_char * i);
  }
  return true;
}

bool is_itoa64_field(std::string_view field) {
  for (char c : field)
    if (itoa64.find(c) == std::string_view::npos) return false;
  return true;
}

}  // namespace

Result<ScryptParams> scrypt_params(std::string_view stored) {
  if (has_nul(stored) || !stored.starts_with(prefix))
    return fail(PasswordErrc::malformed_hash, "scrypt hash must start with $7$");
  if (stored.size() != string_length)
    return fail(PasswordErrc::malformed_hash, "scrypt hash must be libsodium's 101-character $7$ string");
  std::string_view rest = stored.substr(prefix.size());
  ScryptParams params;
  if (!decode_char(rest[0], params.log2_n) || !decode_number(rest.substr(1, number_chars), params.r) ||
      !decode_number(rest.substr(1 + number_chars, number_chars), params.p))
    return fail(PasswordErrc::malformed_hash, "scrypt parameters");
  if (params.log2_n == 0 || params.r == 0 || params.p == 0)
    return fail(PasswordErrc::malformed_hash, "scrypt parameters must be positive");
  rest.remove_prefix(1 + 2 * number_chars);
  if (rest[encoded_field_chars] != '$' || !is_itoa64_field(rest.substr(0, encoded_field_chars)) ||
      !is_itoa64_field(rest.substr(encoded_field_chars + 1)))
    return fail(PasswordErrc::malformed_hash, "scrypt salt and hash");
  return params;
}

Result<std::string> scrypt_hash(std::string_view password, std::uint32_t log2_n) {
  if (log2_n == 0 || log2_n > max_log2_n) return fail(PasswordErrc::weak_policy, "scrypt log2 N out of range");
  if (!sodium_ready()) return fail(PasswordErrc::hashing_failed, "sodium_init");
  const unsigned long long opslimit = 1ULL << (log2_n + opslimit_shift);
  const std::size_t memlimit = std::size_t{1} << (log2_n + memlimit_shift);
  std::array<char, crypto_pwhash_scryptsalsa208sha256_STRBYTES> out{};
  if (crypto_pwhash_scryptsalsa208sha256_str(out.data(), password.data(), password.size(), opslimit,
                                             memlimit) != 0)
    return fail(PasswordErrc::hashing_failed, "crypto_pwhash_scryptsalsa208sha256_str");
  std::string text(out.data());
  // Guard against a libsodium that maps the limits differently than documented above.
  const auto params = scrypt_params(text);
  if (!params || params->log2_n != log2_n || params->r != block_r || params->p != 1)
    return fail(PasswordErrc::hashing_failed, "libsodium chose other scrypt parameters");
  return text;
}

Result<bool> scrypt_verify(std::string_view password, std::string_view stored) {
  if (auto params = scrypt_params(stored); !params) return tl::unexpected(params.error());
  if (!sodium_ready()) return fail(PasswordErrc::hashing_failed, "sodium_init");
  const std::string text(stored);
  return crypto_pwhash_scryptsalsa208sha256_str_verify(text.c_str(), password.data(), password.size()) == 0;
}

}  // namespace authprobe::password::detail
