#include "reference/server/tokens/random_token.hpp"

#include <vector>

#include <sodium.h>

#include "reference/jose/base64url.hpp"
#include "reference/password/sodium_ready.hpp"

namespace authprobe::server {

std::string random_base64url(std::size_t bytes) {
  password::require_sodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string encoded = jose::base64url::encode(raw);
  sodium_memzero(raw.data(), raw.size());
  return encoded;
}

std::string sha256_raw(std::string_view value) {
  password::require_sodium();
  std::string digest(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(digest.data()),
                     reinterpret_cast<const unsigned char*>(value.data()), value.size());
  return digest;
}

}  // namespace authprobe::server
