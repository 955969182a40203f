// The one verify path: pick the scheme by the stored hash's prefix, apply the long-password
// guard before any hashing (catalog HASH-03), and hand the exact bytes to the scheme.
#include "reference/password/password_hash.hpp"

#include <array>
#include <utility>

#include "reference/password/schemes.hpp"

namespace authprobe::password {
namespace {

struct NamedAlgorithm {
  Algorithm algorithm;
  std::string_view name;
};
constexpr std::array<NamedAlgorithm, 4> algorithm_names = {{
    {Algorithm::argon2id, "argon2id"},
    {Algorithm::bcrypt, "bcrypt"},
    {Algorithm::scrypt, "scrypt"},
    {Algorithm::pbkdf2_sha256, "pbkdf2-sha256"},
}};

struct Prefix {
  std::string_view prefix;
  Algorithm algorithm;
};
constexpr std::array<Prefix, 6> prefixes = {{
    {"$argon2id$", Algorithm::argon2id},
    {"$2a$", Algorithm::bcrypt},
    {"$2b$", Algorithm::bcrypt},
    {"$2y$", Algorithm::bcrypt},
    {"$7$", Algorithm::scrypt},
    {"$pbkdf2-sha256$", Algorithm::pbkdf2_sha256},
}};

// The scheme's parameters are at least the policy's (stronger ones are kept as they are).
bool meets_policy(Algorithm algorithm, std::string_view stored, const HashPolicy& policy) {
  constexpr std::uint32_t scrypt_block_r = 8;
  switch (algorithm) {
    case Algorithm::argon2id: {
      const auto params = detail::argon2id_params(stored);
      return params && params->memory_kib >= policy.argon2_memory_kib &&
             params->iterations >= policy.argon2_iterations;
    }
    case Algorithm::bcrypt: {
      const auto cost = detail::bcrypt_cost(stored);
      return cost && *cost >= policy.bcrypt_cost;
    }
    case Algorithm::scrypt: {
      const auto params = detail::scrypt_params(stored);
      return params && params->log2_n >= policy.scrypt_log2_n && params->r >= scrypt_block_r;
    }
    case Algorithm::pbkdf2_sha256: {
      const auto iterations = detail::pbkdf2_sha256_iterations(stored);
      return iterations && *iterations >= policy.pbkdf2_iterations;
    }
  }
  return false;
}

}  // namespace

const char* describe(PasswordErrc e) {
  switch (e) {
    case PasswordErrc::malformed_hash: return "malformed password hash";
    case PasswordErrc::unsupported_scheme: return "unsupported password hash scheme";
    case PasswordErrc::too_long_for_bcrypt: return "password longer than bcrypt's 72 bytes";
    case PasswordErrc::password_too_long: return "password too long";
    case PasswordErrc::weak_policy: return "password hash policy below the OWASP minimum";
    case PasswordErrc::hashing_failed: return "password hashing failed";
    case PasswordErrc::nul_byte_for_bcrypt: return "password contains a NUL byte, which bcrypt cannot take";
  }
  return "unknown password error";
}

std::string_view algorithm_name(Algorithm algorithm) {
  for (const auto& entry : algorithm_names)
    if (entry.algorithm == algorithm) return entry.name;
  return "unknown";
}

std::optional<Algorithm> parse_algorithm_name(std::string_view name) {
  for (const auto& entry : algorithm_names)
    if (entry.name == name) return entry.algorithm;
  return std::nullopt;
}

std::optional<Algorithm> identify(std::string_view stored_hash) {
  for (const auto& entry : prefixes)
    if (stored_hash.starts_with(entry.prefix)) return entry.algorithm;
  return std::nullopt;
}

Result<std::string> hash_password(std::string_view password, const HashPolicy& policy) {
  if (auto valid = validate_policy(policy); !valid) return tl::unexpected(valid.error());
  if (password.size() > policy.max_password_bytes) return fail(PasswordErrc::password_too_long);
  switch (policy.algorithm) {
    case Algorithm::argon2id:
      return detail::argon2id_hash(password, policy.argon2_memory_kib, policy.argon2_iterations);
    case Algorithm::bcrypt: return detail::bcrypt_hash(password, policy.bcrypt_cost);
    case Algorithm::scrypt: return detail::scrypt_hash(password, policy.scrypt_log2_n);
    case Algorithm::pbkdf2_sha256: return detail::pbkdf2_sha256_hash(password, policy.pbkdf2_iterations);
  }
  return fail(PasswordErrc::unsupported_scheme);
}

Result<bool> verify_password(std::string_view password, std::string_view stored_hash) {
  return verify_password(password, stored_hash, HashPolicy{});
}

Result<bool> verify_password(std::string_view password, std::string_view stored_hash,
                             const HashPolicy& policy) {
  if (password.size() > policy.max_password_bytes) return fail(PasswordErrc::password_too_long);
  const auto algorithm = identify(stored_hash);
  if (!algorithm) return fail(PasswordErrc::unsupported_scheme);
  switch (*algorithm) {
    case Algorithm::argon2id: return detail::argon2id_verify(password, stored_hash);
    case Algorithm::bcrypt: return detail::bcrypt_verify(password, stored_hash);
    case Algorithm::scrypt: return detail::scrypt_verify(password, stored_hash);
    case Algorithm::pbkdf2_sha256: return detail::pbkdf2_sha256_verify(password, stored_hash);
  }
  return fail(PasswordErrc::unsupported_scheme);
}

bool needs_rehash(std::string_view stored_hash, const HashPolicy& policy) {
  const auto algorithm = identify(stored_hash);
  return !algorithm || *algorithm != policy.algorithm || !meets_policy(*algorithm, stored_hash, policy);
}

namespace detail {

bool parse_decimal_u32(std::string_view text, std::uint32_t& out) {
  constexpr std::uint64_t decimal_base = 10;
  constexpr std::uint64_t max_value = UINT32_MAX;
  if (text.empty() || (text.size() > 1 && text[0] == '0')) return false;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * decimal_base + static_cast<std::uint64_t>(c - '0');
    if (value > max_value) return false;
  }
  out = static_cast<std::uint32_t>(value);
  return true;
}

}  // namespace detail
}  // namespace authprobe::password
