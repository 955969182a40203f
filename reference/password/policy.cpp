// OWASP Password Storage Cheat Sheet floors for new hashes (catalog HASH-09): a policy below
// them is refused at start-up rather than quietly producing weak hashes.
#include "reference/password/password_hash.hpp"

namespace authprobe::password {
namespace {

// ASVS 4.0.3 V2.1.2: passwords of at least 64 characters must be permitted.
constexpr std::size_t min_allowed_password_bytes = 64;
constexpr std::uint32_t bcrypt_max_cost = 31;
constexpr std::uint32_t scrypt_max_log2_n = 30;
constexpr std::uint32_t pbkdf2_max_iterations = 0x7fffffff;  // OpenSSL takes an int
constexpr std::uint32_t argon2_max_memory_kib = 4U * 1024U * 1024U;  // 4 GiB

}  // namespace

Result<HashPolicy> validate_policy(const HashPolicy& policy) {
  if (policy.max_password_bytes < min_allowed_password_bytes)
    return fail(PasswordErrc::weak_policy, "max_password_bytes must allow at least 64 bytes");
  switch (policy.algorithm) {
    case Algorithm::argon2id:
      if (policy.argon2_memory_kib < owasp::argon2_min_memory_kib || policy.argon2_iterations < owasp::argon2_min_iterations)
        return fail(PasswordErrc::weak_policy, "argon2id needs m >= 19456 KiB and t >= 2");
      if (policy.argon2_memory_kib > argon2_max_memory_kib)
        return fail(PasswordErrc::weak_policy, "argon2id memory above 4 GiB");
      break;
    case Algorithm::bcrypt:
      if (policy.bcrypt_cost < owasp::bcrypt_min_cost || policy.bcrypt_cost > bcrypt_max_cost)
        return fail(PasswordErrc::weak_policy, "bcrypt cost must be 10..31");
      break;
    case Algorithm::scrypt:
      if (policy.scrypt_log2_n < owasp::scrypt_min_log2_n || policy.scrypt_log2_n > scrypt_max_log2_n)
        return fail(PasswordErrc::weak_policy, "scrypt needs N >= 2^17 (log2 N 17..30)");
      break;
    case Algorithm::pbkdf2_sha256:
      if (policy.pbkdf2_iterations < owasp::pbkdf2_sha256_min_iterations ||
          policy.pbkdf2_iterations > pbkdf2_max_iterations)
        return fail(PasswordErrc::weak_policy, "pbkdf2-sha256 needs >= 600000 iterations");
      break;
  }
  return policy;
}

}  // namespace authprobe::password
