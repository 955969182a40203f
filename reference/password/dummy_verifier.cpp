// Unknown users must cost what a wrong password costs (catalog HASH-06, OWASP Authentication
// Cheat Sheet "response discrepancy"): verify against a real hash made with the same policy.
#include "reference/password/password_hash.hpp"

#include <array>
#include <string>
#include <utility>

#include <sodium.h>

#include "reference/password/sodium_ready.hpp"

namespace authprobe::password {
namespace {

constexpr std::size_t dummy_password_bytes = 24;

// A random password nobody knows, so the dummy hash can never match anything.
std::string random_password() {
  std::array<unsigned char, dummy_password_bytes> bytes{};
  if (sodium_ready()) randombytes_buf(bytes.data(), bytes.size());
  std::string hex(2 * bytes.size() + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  hex.pop_back();
  return hex;
}

}  // namespace

DummyVerifier::DummyVerifier(const HashPolicy& policy) {
  const HashPolicy usable = validate_policy(policy) ? policy : HashPolicy{};
  max_password_bytes_ = usable.max_password_bytes;
  if (auto hash = hash_password(random_password(), usable)) dummy_hash_ = std::move(*hash);
}

void DummyVerifier::burn(std::string_view password) const {
  // Same order as verify_password: the long-password guard first, then one verification.
  if (password.size() > max_password_bytes_) return;
  (void)verify_password(password, dummy_hash_, HashPolicy{.max_password_bytes = max_password_bytes_});
}

}  // namespace authprobe::password
