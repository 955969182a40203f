#pragma once
// Password hashing in the formats users already have, behind one verify path.
//   bcrypt   $2a$ / $2b$ / $2y$              libxcrypt crypt_rn
//   argon2id $argon2id$v=19$m=..,t=..,p=..$  libsodium crypto_pwhash_str
//   scrypt   $7$...                          libsodium crypto_pwhash_scryptsalsa208sha256_str
//   PBKDF2   $pbkdf2-sha256$<rounds>$<salt>$<checksum>  (passlib's format, adapted base64) OpenSSL
// bcrypt's 72-byte limit: a password longer than 72 bytes never verifies against a bcrypt hash
// (PasswordErrc::too_long_for_bcrypt), and new hashes are never bcrypt unless configured.
#include <cstdint>
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
};
const char* describe(PasswordErrc e);

enum class Algorithm { argon2id, bcrypt, scrypt, pbkdf2_sha256 };

// The policy new hashes are made with; also what needs_rehash compares against.
// Defaults are OWASP's argon2id minimum (m = 19 MiB, t = 2, p = 1).
struct HashPolicy {
  Algorithm algorithm = Algorithm::argon2id;
  std::uint32_t argon2_memory_kib = 19456;
  std::uint32_t argon2_iterations = 2;
  std::uint32_t bcrypt_cost = 12;
  std::uint32_t scrypt_log2_n = 17;      // r = 8, p = 1
  std::uint32_t pbkdf2_iterations = 600000;
  std::size_t max_password_bytes = 4096;  // longer passwords are refused without hashing
};

// Refuses a policy under OWASP's floor for its algorithm (PasswordErrc::weak_policy).
[[nodiscard]] Result<HashPolicy> validate_policy(const HashPolicy& policy);

// A new PHC/MCF string with a fresh random salt.
[[nodiscard]] Result<std::string> hash_password(std::string_view password, const HashPolicy& policy);

// true on match, false on mismatch, an error when the hash is malformed or the password is
// refused. Works on the exact bytes given: embedded NULs are never truncated.
[[nodiscard]] Result<bool> verify_password(std::string_view password, std::string_view stored_hash);

// true when stored_hash was made with another algorithm or weaker parameters than policy.
[[nodiscard]] bool needs_rehash(std::string_view stored_hash, const HashPolicy& policy);

// Spends the time of one verification against a hash made with `policy`, and always fails.
// Used for unknown users so that they cost the same as a wrong password.
class DummyVerifier {
 public:
  explicit DummyVerifier(const HashPolicy& policy);
  void burn(std::string_view password) const;

 private:
  std::string dummy_hash_;
};

}  // namespace authprobe::password

AUTHPROBE_ERROR_ENUM(authprobe::password, PasswordErrc, "password")
