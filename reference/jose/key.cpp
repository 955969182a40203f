// Key: accessors, generation, and the one place sign/verify choose HMAC or public-key code.
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include "reference/jose/base64url.hpp"
#include "reference/jose/key_impl.hpp"

namespace authprobe::jose {
namespace {

// generate(): 512-bit HMAC secrets cover HS512's minimum too (RFC 7518 §3.2).
constexpr std::size_t generated_hmac_bytes = 64;
constexpr unsigned int generated_rsa_bits = 2048;

std::string_view as_chars(const unsigned char* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace

Result<std::string> generate_hmac_secret() {
  std::string secret(generated_hmac_bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(secret.data()), static_cast<int>(secret.size())) != 1)
    return fail(JoseErrc::bad_key, "no randomness");
  return secret;
}

Key::Key(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

Algorithm Key::algorithm() const { return impl_->alg; }
const std::string& Key::kid() const { return impl_->kid; }
bool Key::is_symmetric() const { return is_hmac(impl_->alg); }
bool Key::can_sign() const { return is_symmetric() || impl_->has_private; }

Result<Key> Key::generate(Algorithm alg, std::string kid) {
  if (is_hmac(alg)) {
    auto secret = generate_hmac_secret();
    if (!secret) return tl::unexpected(secret.error());
    auto key = hmac(*secret, alg, std::move(kid));
    OPENSSL_cleanse(secret->data(), secret->size());
    return key;
  }
  PkeyPtr pkey;
  if (is_rsa(alg)) pkey.reset(EVP_RSA_gen(generated_rsa_bits));
  else if (alg == Algorithm::ES256) pkey.reset(EVP_EC_gen("P-256"));
  else pkey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  if (!pkey) return fail(JoseErrc::bad_key, "key generation failed");
  return adopt_pkey(std::move(pkey), alg, std::move(kid), true);
}

Result<std::string> Key::sign(std::string_view signing_input) const {
  if (!can_sign()) return fail(JoseErrc::bad_key, "a public key cannot sign");
  if (!is_symmetric()) return asymmetric_sign(*impl_, signing_input);
  unsigned char mac[max_mac_bytes];
  if (!hmac_compute(*impl_, signing_input, mac)) return fail(JoseErrc::bad_key, "HMAC failed");
  return std::string(as_chars(mac, impl_->mac_bytes));
}

bool Key::verify(std::string_view signing_input, std::string_view signature) const {
  if (!is_symmetric()) return asymmetric_verify(*impl_, signing_input, signature);
  unsigned char mac[max_mac_bytes];
  if (!hmac_compute(*impl_, signing_input, mac) || signature.size() != impl_->mac_bytes) return false;
  return CRYPTO_memcmp(mac, signature.data(), impl_->mac_bytes) == 0;
}

Result<void> Key::verify_segment(std::string_view signing_input, std::string_view signature_b64url) const {
  thread_local std::string decoded;
  if (is_symmetric()) {
    unsigned char mac[max_mac_bytes];
    thread_local std::string expected;
    expected.clear();
    if (!hmac_compute(*impl_, signing_input, mac)) return fail(JoseErrc::bad_signature, "HMAC failed");
    base64url::append_encoded(as_chars(mac, impl_->mac_bytes), expected);
    // The lengths are public (they follow from the algorithm); the contents are compared in
    // constant time. Only the canonical encoding of the right MAC can match.
    if (expected.size() == signature_b64url.size() &&
        CRYPTO_memcmp(expected.data(), signature_b64url.data(), expected.size()) == 0)
      return {};
    if (!base64url::decode_into(signature_b64url, decoded)) return fail(JoseErrc::bad_base64url, "signature");
    return fail(JoseErrc::bad_signature);
  }
  if (!base64url::decode_into(signature_b64url, decoded)) return fail(JoseErrc::bad_base64url, "signature");
  if (!asymmetric_verify(*impl_, signing_input, decoded)) return fail(JoseErrc::bad_signature);
  return {};
}

}  // namespace authprobe::jose
