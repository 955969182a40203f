#pragma once
// Password hashing in the formats users already have, behind one verify path.
//   bcrypt   $2a$ / $2b$ / $2y$              libxcrypt crypt_rn
//   argon2id $argon2id$v=19$m=..,t=..,p=..$  libsodium crypto_pwhash_str
//   scrypt   $7$...                          libsodium crypto_pwhash_scryptsalsa208sha256_str
//   PBKDF2   $pbkdf2-sha256$<rounds>$<salt>$<checksum>  (passlib's format, adapted base64) OpenSSL
// bcrypt's 72-byte limit: a password longer than 72 bytes never verifies against a bcrypt hash
// (PasswordErrc::too_long_for_bcrypt), and new hashes are never bcrypt unless configured.
// We refuse rather than pre-hash: pre-hashing (HASH-12) would need a pepper kept outside the
// users file, and refusing keeps stored bcrypt hashes interoperable with every other bcrypt.
// bcrypt also refuses a password containing a NUL byte (PasswordErrc::nul_byte_for_bcrypt):
// crypt(3) takes a C string, so the NUL would silently cut the password short (HASH-02).
// Such refusals still spend one bcrypt computation, so they do not reveal the stored scheme.
//
// scrypt: libsodium's own `$7$` strings only (32-byte salt, 101 characters); other `$7$`
// spellings (e.g. Colin Percival's short-salt examples) are reported as malformed_hash.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "reference/core/error_category.hpp"
#include "reference/core/result.hpp"

namespace authprobe::password {

enum class PasswordErrc {
  malformed_hash = 1,      // stored hash string cannot be parsed
  unsupported_scheme,      // a `$id$` we do not know
  too_long_for_bcrypt,     // > 72 bytes against a bcrypt hash: refused, never truncated
  password_too_long,       // over max_password_bytes: refused before hashing (DoS guard)
  weak_policy,             // a policy below the OWASP minimum
  hashing_failed,          // the library failed (out of memory, ...)
  nul_byte_for_bcrypt,     // a NUL byte in a password for bcrypt: refused, never truncated
};
const char* describe(PasswordErrc e);

enum class Algorithm { argon2id, bcrypt, scrypt, pbkdf2_sha256 };

// "argon2id", "bcrypt", "scrypt", "pbkdf2-sha256": the names the CLI and config files use.
[[nodiscard]] std::string_view algorithm_name(Algorithm algorithm);
[[nodiscard]] std::optional<Algorithm> parse_algorithm_name(std::string_view name);
// The scheme of a stored hash, by its prefix; nullopt for a prefix we do not know.
[[nodiscard]] std::optional<Algorithm> identify(std::string_view stored_hash);

// bcrypt uses only the first 72 bytes of its input (the Blowfish key schedule, 18 x 32 bits).
inline constexpr std::size_t bcrypt_max_password_bytes = 72;
// The guard verify_password applies when no policy is given (HashPolicy's default).
inline constexpr std::size_t default_max_password_bytes = 4096;

// OWASP Password Storage Cheat Sheet floors (catalog HASH-09); validate_policy refuses less.
namespace owasp {
inline constexpr std::uint32_t argon2_min_memory_kib = 19456;
inline constexpr std::uint32_t argon2_min_iterations = 2;
inline constexpr std::uint32_t bcrypt_min_cost = 10;  // ASVS 4.0.3 V2.4.4 floor; legacy only
inline constexpr std::uint32_t scrypt_min_log2_n = 17;
inline constexpr std::uint32_t pbkdf2_sha256_min_iterations = 600000;
}  // namespace owasp

// The policy new hashes are made with; also what needs_rehash compares against.
// Defaults are OWASP's argon2id minimum (m = 19 MiB, t = 2, p = 1).
struct HashPolicy {
  Algorithm algorithm = Algorithm::argon2id;
  std::uint32_t argon2_memory_kib = 19456;
  std::uint32_t argon2_iterations = 2;
  std::uint32_t bcrypt_cost = 12;
  std::uint32_t scrypt_log2_n = 17;      // r = 8, p = 1
  std::uint32_t pbkdf2_iterations = 600000;
  std::size_t max_password_bytes = default_max_password_bytes;  // longer: refused, not hashed
};

// Refuses a policy under OWASP's floor for its algorithm (PasswordErrc::weak_policy).
[[nodiscard]] Result<HashPolicy> validate_policy(const HashPolicy& policy);

// A new PHC/MCF string with a fresh random salt.
[[nodiscard]] Result<std::string> hash_password(std::string_view password, const HashPolicy& policy);

// true on match, false on mismatch, an error when the hash is malformed or the password is
// refused. Works on the exact bytes given: embedded NULs are never truncated.
[[nodiscard]] Result<bool> verify_password(std::string_view password, std::string_view stored_hash);
// The same, with policy.max_password_bytes as the long-password guard (HASH-03).
[[nodiscard]] Result<bool> verify_password(std::string_view password, std::string_view stored_hash,
                                           const HashPolicy& policy);

// true when stored_hash was made with another algorithm or weaker parameters than policy
// (stronger parameters are kept); also true for a hash that cannot be parsed.
[[nodiscard]] bool needs_rehash(std::string_view stored_hash, const HashPolicy& policy);

// Spends the time of one verification against a hash made with `policy`, and always fails.
// Used for unknown users so that they cost the same as a wrong password.
class DummyVerifier {
 public:
  // A policy that validate_policy refuses falls back to the default HashPolicy.
  explicit DummyVerifier(const HashPolicy& policy);
  void burn(std::string_view password) const;
  // The hash burn() verifies against (of a random password nobody knows); empty only if the
  // hashing library failed at construction.
  [[nodiscard]] std::string_view dummy_hash() const { return dummy_hash_; }

 private:
  std::string dummy_hash_;
  std::size_t max_password_bytes_ = default_max_password_bytes;
};

}  // namespace authprobe::password

AUTHPROBE_ERROR_ENUM(authprobe::password, PasswordErrc, "password")
