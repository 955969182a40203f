#include "reference/jose/ecdsa_signature.hpp"

#include <memory>

#include <openssl/bn.h>
#include <openssl/ec.h>

namespace authprobe::jose {
namespace {

struct SigFree {
  void operator()(ECDSA_SIG* s) const { ECDSA_SIG_free(s); }
};
using SigPtr = std::unique_ptr<ECDSA_SIG, SigFree>;

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

std::optional<std::string> ecdsa_raw_to_der(std::string_view raw) {
  if (raw.size() != es256_signature_bytes) return std::nullopt;
  SigPtr sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(bytes(raw), static_cast<int>(es256_coordinate_bytes), nullptr);
  BIGNUM* s = BN_bin2bn(bytes(raw) + es256_coordinate_bytes, static_cast<int>(es256_coordinate_bytes), nullptr);
  if (!sig || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return std::nullopt;
  }
  // r = 0 or s = 0 (the "psychic signature", CVE-2022-21449) encodes fine and is refused
  // by OpenSSL's verify, which requires 0 < r, s < n.
  const int length = i2d_ECDSA_SIG(sig.get(), nullptr);
  if (length <= 0) return std::nullopt;
  std::string der(static_cast<std::size_t>(length), '\0');
  auto* out = reinterpret_cast<unsigned char*>(der.data());
  if (i2d_ECDSA_SIG(sig.get(), &out) != length) return std::nullopt;
  return der;
}

std::optional<std::string> ecdsa_der_to_raw(std::string_view der) {
  const unsigned char* in = bytes(der);
  SigPtr sig(d2i_ECDSA_SIG(nullptr, &in, static_cast<long>(der.size())));
  if (!sig) return std::nullopt;
  std::string raw(es256_signature_bytes, '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  const int width = static_cast<int>(es256_coordinate_bytes);
  if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), out, width) != width ||
      BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), out + es256_coordinate_bytes, width) != width)
    return std::nullopt;
  return raw;
}

}  // namespace authprobe::jose
