// argon2id in the PHC string format libsodium, argon2-cffi and pwdlib share:
//   $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt b64>$<hash b64>
// libsodium hashes with one lane (p=1) and verifies any p.
#include <array>
#include <string>

#include <sodium.h>

#include "reference/password/schemes.hpp"

namespace authprobe::password::detail {
namespace {

constexpr std::string_view prefix = "$argon2id$v=19$";  // RFC 9106 version 0x13
constexpr std::size_t bytes_per_kib = 1024;

bool is_b64_char(char c) {
  return c == '+' || c == '/' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= '0' && c <= '9');
}

// Consumes "<name>=<decimal>" followed by `end` from `rest`.
bool take_param(std::string_view& rest, std::string_view name, char end, std::uint32_t& value) {
  if (!rest.starts_with(name) || rest.size() <= name.size() || rest[name.size()] != '=') return false;
  rest.remove_prefix(name.size() + 1);
  const auto stop = rest.find(end);
  if (stop == std::string_view::npos || !parse_decimal_u32(rest.substr(0, stop), value)) return false;
  rest.remove_prefix(stop + 1);
  return true;
}

bool is_b64_field(std::string_view field) {
  if (field.empty()) return false;
  for (char c : field)
    if (!is_b64_char(c)) return false;
  return true;
}

}  // namespace

Result<Argon2Params> argon2id_params(std::string_view stored) {
  if (has_nul(stored) || !stored.starts_with(prefix))
    return fail(PasswordErrc::malformed_hash, "argon2id hash must start with $argon2id$v=19$");
  std::string_view rest = stored.substr(prefix.size());
  Argon2Params params;
  if (!take_param(rest, "m", ',', params.memory_kib) || !take_param(rest, "t", ',', params.iterations) ||
      !take_param(rest, "p", '$', params.lanes))
    return fail(PasswordErrc::malformed_hash, "argon2id parameters must be m=..,t=..,p=..");
  if (params.memory_kib == 0 || params.iterations == 0 || params.lanes == 0)
    return fail(PasswordErrc::malformed_hash, "argon2id parameters must be positive");
  const auto dollar = rest.find('$');
  if (dollar == std::string_view::npos || !is_b64_field(rest.substr(0, dollar)) ||
      !is_b64_field(rest.substr(dollar + 1)))
    return fail(PasswordErrc::malformed_hash, "argon2id salt and hash must be base64");
  return params;
}

Result<std::string> argon2id_hash(std::string_view password, std::uint32_t memory_kib,
                                  std::uint32_t iterations) {
  if (!sodium_ready()) return fail(PasswordErrc::hashing_failed, "sodium_init");
  std::array<char, crypto_pwhash_argon2id_STRBYTES> out{};
  if (crypto_pwhash_argon2id_str(out.data(), password.data(), password.size(), iterations,
                                 static_cast<std::size_t>(memory_kib) * bytes_per_kib) != 0)
    return fail(PasswordErrc::hashing_failed, "crypto_pwhash_argon2id_str");
  return std::string(out.data());
}

Result<bool> argon2id_verify(std::string_view password, std::string_view stored) {
  if (auto params = argon2id_params(stored); !params) return tl::unexpected(params.error());
  if (!sodium_ready()) return fail(PasswordErrc::hashing_failed, "sodium_init");
  const std::string text(stored);
  // libsodium compares the computed tag in constant time; -1 here is a mismatch (the
  // string's structure was checked above).
  return crypto_pwhash_argon2id_str_verify(text.c_str(), password.data(), password.size()) == 0;
}

}  // namespace authprobe::password::detail
