#pragma once
// What a Key holds: its algorithm, its kid and ready OpenSSL state. Shared by this module's
// files only.
#include <memory>
#include <string>
#include <string_view>

#include <openssl/evp.h>

#include "reference/jose/key.hpp"

namespace authprobe::jose {

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct MdFree {
  void operator()(EVP_MD* p) const { EVP_MD_free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using MdPtr = std::unique_ptr<EVP_MD, MdFree>;

// The largest MAC or digest we produce (SHA-512).
inline constexpr std::size_t max_mac_bytes = 64;

struct Key::Impl {
  Algorithm alg = Algorithm::HS256;
  std::string kid;

  // HMAC (RFC 2104): the hash states after absorbing K^ipad and K^opad, computed once when
  // the key is made; each MAC copies them instead of re-keying.
  MdPtr md;
  MdCtxPtr hmac_inner;
  MdCtxPtr hmac_outer;
  std::size_t mac_bytes = 0;

  // RSA, EC P-256 or Ed25519.
  PkeyPtr pkey;
  bool has_private = false;
};

// Hash name for EVP_*_fetch / EVP_DigestSignInit_ex; nullptr for EdDSA (no pre-hash).
[[nodiscard]] const char* digest_name(Algorithm alg);
[[nodiscard]] bool is_rsa(Algorithm alg);
[[nodiscard]] bool is_rsa_pss(Algorithm alg);

// hmac_key.cpp: writes impl.mac_bytes bytes to `out`; false only if OpenSSL fails.
[[nodiscard]] bool hmac_compute(const Key::Impl& impl, std::string_view data, unsigned char* out);

// asymmetric_key.cpp
[[nodiscard]] Result<std::string> asymmetric_sign(const Key::Impl& impl, std::string_view input);
[[nodiscard]] bool asymmetric_verify(const Key::Impl& impl, std::string_view input, std::string_view signature);
// Checks that `pkey` is the right type for `alg` and safe to trust (RSA size, exponent and
// ROCA fingerprint; EC point on P-256), then wraps it in a Key.
[[nodiscard]] Result<Key> adopt_pkey(PkeyPtr pkey, Algorithm alg, std::string kid, bool has_private);

}  // namespace authprobe::jose
