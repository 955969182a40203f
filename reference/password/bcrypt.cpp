// bcrypt through libxcrypt's crypt_rn: $2a$ / $2b$ / $2y$ strings as PHP, Python's bcrypt
// and passlib write them (`$2b$<cost>$<22 salt chars><31 hash chars>`).
#include <crypt.h>

#include <array>
#include <cstring>
#include <memory>
#include <string>

#include <openssl/crypto.h>

#include "reference/password/schemes.hpp"

namespace authprobe::password::detail {
namespace {

constexpr std::string_view new_hash_prefix = "$2b$";
constexpr std::array<std::string_view, 3> known_prefixes = {"$2a$", "$2b$", "$2y$"};
constexpr std::size_t prefix_length = 4;          // "$2b$"
constexpr std::size_t cost_digits = 2;            // "12"
constexpr std::size_t salt_and_hash_chars = 53;   // 22 salt + 31 checksum, bcrypt's base64
constexpr std::size_t hash_length = prefix_length + cost_digits + 1 + salt_and_hash_chars;
constexpr std::uint32_t min_cost = 4;             // crypt_blowfish's accepted range
constexpr std::uint32_t max_cost = 31;
// Hashed instead of a refused password, so that a refusal costs one bcrypt like any attempt.
constexpr const char* refusal_placeholder = "authprobe-refused-password";

bool is_bcrypt_char(char c) {
  return c == '.' || c == '/' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= '0' && c <= '9');
}

// crypt_data is 32 KiB: on the heap, zeroed before first use as crypt.h asks, wiped after.
struct CryptScratch {
  std::unique_ptr<crypt_data> data = std::make_unique<crypt_data>();
  ~CryptScratch() { OPENSSL_cleanse(data.get(), sizeof(crypt_data)); }
  CryptScratch() = default;
  CryptScratch(const CryptScratch&) = delete;
  CryptScratch& operator=(const CryptScratch&) = delete;

  // The hash of `phrase` under `setting`, or nullptr when libxcrypt refuses.
  const char* run(const char* phrase, const char* setting) {
    return crypt_rn(phrase, setting, data.get(), static_cast<int>(sizeof(crypt_data)));
  }
};

// A copy of the password that is wiped when it goes out of scope.
struct WipedString {
  std::string text;
  explicit WipedString(std::string_view from) : text(from) {}
  ~WipedString() { OPENSSL_cleanse(text.data(), text.size()); }
  WipedString(const WipedString&) = delete;
  WipedString& operator=(const WipedString&) = delete;
};

}  // namespace

Result<std::uint32_t> bcrypt_cost(std::string_view stored) {
  if (stored.size() != hash_length || has_nul(stored))
    return fail(PasswordErrc::malformed_hash, "bcrypt hash must be 60 characters");
  bool known = false;
  for (auto prefix : known_prefixes) known = known || stored.starts_with(prefix);
  if (!known) return fail(PasswordErrc::malformed_hash, "bcrypt prefix must be $2a$, $2b$ or $2y$");
  const auto digits = stored.substr(prefix_length, cost_digits);
  std::uint32_t cost = 0;
  if (digits[0] < '0' || digits[0] > '9' || digits[1] < '0' || digits[1] > '9' ||
      stored[prefix_length + cost_digits] != '$')
    return fail(PasswordErrc::malformed_hash, "bcrypt cost must be two digits");
  constexpr std::uint32_t decimal_base = 10;
  cost = static_cast<std::uint32_t>(digits[0] - '0') * decimal_base + static_cast<std::uint32_t>(digits[1] - '0');
  if (cost < min_cost || cost > max_cost)
    return fail(PasswordErrc::malformed_hash, "bcrypt cost out of range 04..31");
  for (char c : stored.substr(prefix_length + cost_digits + 1))
    if (!is_bcrypt_char(c)) return fail(PasswordErrc::malformed_hash, "bcrypt salt/hash character");
  return cost;
}

Result<std::string> bcrypt_hash(std::string_view password, std::uint32_t cost) {
  if (has_nul(password)) return fail(PasswordErrc::nul_byte_for_bcrypt);
  if (password.size() > bcrypt_max_password_bytes) return fail(PasswordErrc::too_long_for_bcrypt);
  if (cost < min_cost || cost > max_cost) return fail(PasswordErrc::weak_policy, "bcrypt cost out of range");

  std::array<char, CRYPT_GENSALT_OUTPUT_SIZE> setting{};
  // rbytes = nullptr: libxcrypt draws the 16-byte salt from the OS random source.
  if (crypt_gensalt_rn(new_hash_prefix.data(), cost, nullptr, 0, setting.data(),
                       static_cast<int>(setting.size())) == nullptr)
    return fail(PasswordErrc::hashing_failed, "crypt_gensalt_rn");

  const WipedString phrase(password);
  CryptScratch scratch;
  const char* out = scratch.run(phrase.text.c_str(), setting.data());
  if (out == nullptr || out[0] == '*') return fail(PasswordErrc::hashing_failed, "crypt_rn");
  return std::string(out);
}

Result<bool> bcrypt_verify(std::string_view password, std::string_view stored) {
  if (auto cost = bcrypt_cost(stored); !cost) return tl::unexpected(cost.error());
  const std::string setting(stored);
  CryptScratch scratch;

  const bool has_nul_byte = has_nul(password);
  if (has_nul_byte || password.size() > bcrypt_max_password_bytes) {
    (void)scratch.run(refusal_placeholder, setting.c_str());
    return has_nul_byte ? fail(PasswordErrc::nul_byte_for_bcrypt) : fail(PasswordErrc::too_long_for_bcrypt);
  }

  const WipedString phrase(password);
  const char* out = scratch.run(phrase.text.c_str(), setting.c_str());
  if (out == nullptr) return fail(PasswordErrc::hashing_failed, "crypt_rn");
  const std::size_t out_length = std::strlen(out);
  if (out_length != stored.size()) return false;
  return CRYPTO_memcmp(out, stored.data(), out_length) == 0;
}

}  // namespace authprobe::password::detail
