#include "reference/server/random_token.hpp"

#include <vector>

#include <sodium.h>

namespace authprobe::server {

std::string random_base64url(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string encoded(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), raw.data(), raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  encoded.resize(encoded.find('\0'));
  sodium_memzero(raw.data(), raw.size());
  return encoded;
}

std::string sha256_raw(std::string_view value) {
  std::string digest(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(digest.data()),
                     reinterpret_cast<const unsigned char*>(value.data()), value.size());
  return digest;
}

}  // namespace authprobe::server
