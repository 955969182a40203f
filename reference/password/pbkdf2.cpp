// PBKDF2-HMAC-SHA256 (RFC 8018 §5.2) in passlib's pbkdf2_sha256 format, which Django-era and
// Flask apps already store:
//   $pbkdf2-sha256$<rounds>$<salt, ab64>$<32-byte checksum, ab64>
// "ab64" is passlib's adapted base64: the standard alphabet with '.' in place of '+', no '='.
#include <algorithm>
#include <array>
#include <climits>
#include <string>
#include <vector>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <sodium.h>

#include "reference/password/schemes.hpp"

namespace authprobe::password::detail {
namespace {

constexpr std::string_view prefix = "$pbkdf2-sha256$";
constexpr std::size_t checksum_bytes = 32;   // SHA-256 output, passlib's checksum_size
constexpr std::size_t new_salt_bytes = 16;   // passlib's default salt_size
constexpr std::size_t max_salt_bytes = 1024; // passlib's max_salt_size
constexpr int b64_variant = sodium_base64_VARIANT_ORIGINAL_NO_PADDING;

std::string ab64_encode(const unsigned char* bytes, std::size_t size) {
  std::string text(sodium_base64_ENCODED_LEN(size, b64_variant), '\0');
  sodium_bin2base64(text.data(), text.size(), bytes, size, b64_variant);
  text.resize(text.find('\0'));
  std::replace(text.begin(), text.end(), '+', '.');
  return text;
}

// Strict decode: every character must belong to ab64 and the whole field must be consumed.
bool ab64_decode(std::string_view text, std::vector<unsigned char>& out, std::size_t max_bytes) {
  if (text.find('+') != std::string_view::npos) return false;
  std::string standard(text);
  std::replace(standard.begin(), standard.end(), '.', '+');
  out.assign(max_bytes, 0);
  std::size_t decoded = 0;
  const char* end = nullptr;
  if (sodium_base642bin(out.data(), out.size(), standard.data(), standard.size(), nullptr, &decoded, &end,
                        b64_variant) != 0 ||
      end != standard.data() + standard.size())
    return false;
  out.resize(decoded);
  return true;
}

struct Parsed {
  std::uint32_t iterations = 0;
  std::vector<unsigned char> salt;
  std::vector<unsigned char> checksum;
};

Result<Parsed> parse(std::string_view stored) {
  if (has_nul(stored) || !stored.starts_with(prefix))
    return fail(PasswordErrc::malformed_hash, "pbkdf2 hash must start with $pbkdf2-sha256$");
  std::string_view rest = stored.substr(prefix.size());
  const auto first = rest.find('$');
  const auto second = first == std::string_view::npos ? first : rest.find('$', first + 1);
  if (second == std::string_view::npos || rest.find('$', second + 1) != std::string_view::npos)
    return fail(PasswordErrc::malformed_hash, "pbkdf2 hash must have rounds, salt and checksum");
  Parsed parsed;
  if (!parse_decimal_u32(rest.substr(0, first), parsed.iterations) || parsed.iterations == 0 ||
      parsed.iterations > static_cast<std::uint32_t>(INT_MAX))
    return fail(PasswordErrc::malformed_hash, "pbkdf2 rounds");
  if (!ab64_decode(rest.substr(first + 1, second - first - 1), parsed.salt, max_salt_bytes))
    return fail(PasswordErrc::malformed_hash, "pbkdf2 salt is not adapted base64");
  if (!ab64_decode(rest.substr(second + 1), parsed.checksum, checksum_bytes) ||
      parsed.checksum.size() != checksum_bytes)
    return fail(PasswordErrc::malformed_hash, "pbkdf2 checksum must be 32 bytes of adapted base64");
  return parsed;
}

bool derive(std::string_view password, const std::vector<unsigned char>& salt, std::uint32_t iterations,
            std::array<unsigned char, checksum_bytes>& out) {
  if (password.size() > static_cast<std::size_t>(INT_MAX)) return false;
  return PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(),
                           static_cast<int>(salt.size()), static_cast<int>(iterations), EVP_sha256(),
                           static_cast<int>(out.size()), out.data()) == 1;
}

}  // namespace

Result<std::uint32_t> pbkdf2_sha256_iterations(std::string_view stored) {
  auto parsed = parse(stored);
  if (!parsed) return tl::unexpected(parsed.error());
  return parsed->iterations;
}

Result<std::string> pbkdf2_sha256_hash(std::string_view password, std::uint32_t iterations) {
  if (iterations == 0 || iterations > static_cast<std::uint32_t>(INT_MAX))
    return fail(PasswordErrc::weak_policy, "pbkdf2 iterations out of range");
  if (!sodium_ready()) return fail(PasswordErrc::hashing_failed, "sodium_init");
  std::vector<unsigned char> salt(new_salt_bytes);
  randombytes_buf(salt.data(), salt.size());
  std::array<unsigned char, checksum_bytes> checksum{};
  if (!derive(password, salt, iterations, checksum))
    return fail(PasswordErrc::hashing_failed, "PKCS5_PBKDF2_HMAC");
  return std::string(prefix) + std::to_string(iterations) + '$' + ab64_encode(salt.data(), salt.size()) +
         '$' + ab64_encode(checksum.data(), checksum.size());
}

Result<bool> pbkdf2_sha256_verify(std::string_view password, std::string_view stored) {
  auto parsed = parse(stored);
  if (!parsed) return tl::unexpected(parsed.error());
  std::array<unsigned char, checksum_bytes> computed{};
  if (!derive(password, parsed->salt, parsed->iterations, computed))
    return fail(PasswordErrc::hashing_failed, "PKCS5_PBKDF2_HMAC");
  const bool match = CRYPTO_memcmp(computed.data(), parsed->checksum.data(), checksum_bytes) == 0;
  OPENSSL_cleanse(computed.data(), computed.size());
  return match;
}

}  // namespace authprobe::password::detail
