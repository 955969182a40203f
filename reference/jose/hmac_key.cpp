// HMAC keys (RFC 7518 §3.2). The key schedule runs once: the inner and outer hash states
// are kept, and each MAC starts from copies of them (OpenSSL's one-shot HMAC() re-keys on
// every call and costs about four times as much).
#include <openssl/crypto.h>

#include "reference/jose/key_impl.hpp"

namespace authprobe::jose {
namespace {

constexpr unsigned char ipad = 0x36;  // RFC 2104 §2
constexpr unsigned char opad = 0x5c;

EVP_MD_CTX* work_context() {
  thread_local MdCtxPtr context(EVP_MD_CTX_new());
  return context.get();
}

MdCtxPtr padded_state(const EVP_MD* md, const std::string& block_key, unsigned char pad) {
  std::string padded(block_key);
  for (auto& byte : padded) byte = static_cast<char>(static_cast<unsigned char>(byte) ^ pad);
  MdCtxPtr state(EVP_MD_CTX_new());
  const bool ok = state && EVP_DigestInit_ex(state.get(), md, nullptr) == 1 &&
                  EVP_DigestUpdate(state.get(), padded.data(), padded.size()) == 1;
  OPENSSL_cleanse(padded.data(), padded.size());
  if (!ok) state.reset();
  return state;
}

}  // namespace

Result<Key> Key::hmac(std::string_view secret, Algorithm alg, std::string kid) {
  if (!is_hmac(alg)) return fail(JoseErrc::bad_key, std::string(algorithm_name(alg)) + " is not an HMAC algorithm");
  const std::size_t minimum = min_hmac_key_bytes_for(alg);
  if (secret.size() < minimum)
    return fail(JoseErrc::bad_key, std::string(algorithm_name(alg)) + " needs a key of at least " +
                                       std::to_string(minimum) + " bytes, got " + std::to_string(secret.size()));

  auto impl = std::make_shared<Impl>();
  impl->alg = alg;
  impl->kid = std::move(kid);
  impl->md.reset(EVP_MD_fetch(nullptr, digest_name(alg), nullptr));
  if (!impl->md) return fail(JoseErrc::bad_key, "digest unavailable");
  impl->mac_bytes = static_cast<std::size_t>(EVP_MD_get_size(impl->md.get()));
  const auto block = static_cast<std::size_t>(EVP_MD_get_block_size(impl->md.get()));

  // RFC 2104 §2: keys longer than the block are hashed first; then zero-filled to a block.
  std::string block_key(block, '\0');
  if (secret.size() > block) {
    unsigned int length = 0;
    if (EVP_Digest(secret.data(), secret.size(), reinterpret_cast<unsigned char*>(block_key.data()), &length,
                   impl->md.get(), nullptr) != 1)
      return fail(JoseErrc::bad_key, "digest failed");
  } else {
    block_key.replace(0, secret.size(), secret);
  }
  impl->hmac_inner = padded_state(impl->md.get(), block_key, ipad);
  impl->hmac_outer = padded_state(impl->md.get(), block_key, opad);
  OPENSSL_cleanse(block_key.data(), block_key.size());
  if (!impl->hmac_inner || !impl->hmac_outer) return fail(JoseErrc::bad_key, "HMAC setup failed");
  return Key::adopt(std::move(impl));
}

bool hmac_compute(const Key::Impl& impl, std::string_view data, unsigned char* out) {
  EVP_MD_CTX* context = work_context();
  unsigned char inner[max_mac_bytes];
  unsigned int length = 0;
  return context != nullptr && EVP_MD_CTX_copy_ex(context, impl.hmac_inner.get()) == 1 &&
         EVP_DigestUpdate(context, data.data(), data.size()) == 1 &&
         EVP_DigestFinal_ex(context, inner, &length) == 1 &&
         EVP_MD_CTX_copy_ex(context, impl.hmac_outer.get()) == 1 &&
         EVP_DigestUpdate(context, inner, length) == 1 && EVP_DigestFinal_ex(context, out, &length) == 1;
}

}  // namespace authprobe::jose
