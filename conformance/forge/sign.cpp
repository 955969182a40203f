#include "conformance/forge/sign.hpp"

#include <array>
#include <memory>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>

namespace authprobe::conformance::forge {
namespace {

struct AlgInfo {
  Alg alg;
  std::string_view name;
};

constexpr std::array alg_table{
    AlgInfo{Alg::HS256, "HS256"}, AlgInfo{Alg::HS384, "HS384"}, AlgInfo{Alg::HS512, "HS512"},
    AlgInfo{Alg::RS256, "RS256"}, AlgInfo{Alg::RS384, "RS384"}, AlgInfo{Alg::RS512, "RS512"},
    AlgInfo{Alg::PS256, "PS256"}, AlgInfo{Alg::PS384, "PS384"}, AlgInfo{Alg::PS512, "PS512"},
    AlgInfo{Alg::ES256, "ES256"}, AlgInfo{Alg::ES384, "ES384"}, AlgInfo{Alg::ES512, "ES512"},
    AlgInfo{Alg::EdDSA, "EdDSA"},
};

// RFC 7518 §3.4: R and S are each as long as the curve order (P-521: 66 octets).
constexpr std::size_t es256_half = 32;
constexpr std::size_t es384_half = 48;
constexpr std::size_t es512_half = 66;

const EVP_MD* digest_of(Alg alg) {
  switch (alg) {
    case Alg::HS256: case Alg::RS256: case Alg::PS256: case Alg::ES256: return EVP_sha256();
    case Alg::HS384: case Alg::RS384: case Alg::PS384: case Alg::ES384: return EVP_sha384();
    case Alg::HS512: case Alg::RS512: case Alg::PS512: case Alg::ES512: return EVP_sha512();
    case Alg::EdDSA: return nullptr;  // Ed25519 hashes internally (RFC 8032)
  }
  return nullptr;
}

bool is_pss(Alg alg) { return alg == Alg::PS256 || alg == Alg::PS384 || alg == Alg::PS512; }

std::size_t ecdsa_half(Alg alg) {
  switch (alg) {
    case Alg::ES384: return es384_half;
    case Alg::ES512: return es512_half;
    default: return es256_half;
  }
}

bool is_ecdsa(Alg alg) { return alg == Alg::ES256 || alg == Alg::ES384 || alg == Alg::ES512; }

// The key family an algorithm needs. ES* accept any EC key on purpose: JWT-12 signs ES384
// with the server's P-256 key to see whether the verifier binds the key to one algorithm.
bool key_fits(Alg alg, const PKey& key) {
  const int id = EVP_PKEY_get_base_id(key.get());
  if (alg == Alg::EdDSA) return id == EVP_PKEY_ED25519;
  if (is_ecdsa(alg)) return id == EVP_PKEY_EC;
  return id == EVP_PKEY_RSA || id == EVP_PKEY_RSA_PSS;
}

using MdCtx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;
using EcdsaSig = std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)>;

bool set_pss(EVP_PKEY_CTX* pctx) {
  return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) > 0 &&
         EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) > 0;
}

const unsigned char* bytes_of(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

std::string_view alg_name(Alg alg) {
  for (const auto& info : alg_table) {
    if (info.alg == alg) return info.name;
  }
  return {};
}

std::optional<Alg> alg_from_name(std::string_view name) {
  for (const auto& info : alg_table) {
    if (info.name == name) return info.alg;
  }
  return std::nullopt;
}

bool is_hmac(Alg alg) { return alg == Alg::HS256 || alg == Alg::HS384 || alg == Alg::HS512; }

Result<Bytes> hmac_sign(Alg alg, std::string_view key, std::string_view input) {
  if (!is_hmac(alg)) return fail("not an HMAC algorithm");
  static constexpr unsigned char empty_key[1] = {0};
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int len = 0;
  const unsigned char* key_bytes = key.empty() ? empty_key : bytes_of(key);
  if (HMAC(digest_of(alg), key_bytes, static_cast<int>(key.size()), bytes_of(input), input.size(),
           mac.data(), &len) == nullptr) {
    return fail("HMAC failed");
  }
  return Bytes(reinterpret_cast<const char*>(mac.data()), len);
}

Result<Bytes> sign(Alg alg, const PKey& key, std::string_view input) {
  if (is_hmac(alg)) return fail("HMAC needs key bytes, not a key pair");
  if (!key) return fail("no key");
  if (!key_fits(alg, key)) return fail("key does not fit the algorithm");
  MdCtx ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  EVP_PKEY_CTX* pctx = nullptr;
  if (!ctx || EVP_DigestSignInit(ctx.get(), &pctx, digest_of(alg), nullptr, key.get()) != 1) {
    return fail("key does not fit the algorithm");
  }
  if (is_pss(alg) && !set_pss(pctx)) return fail("could not select RSA-PSS");
  std::size_t len = 0;
  if (EVP_DigestSign(ctx.get(), nullptr, &len, bytes_of(input), input.size()) != 1) {
    return fail("signing failed");
  }
  Bytes out(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len, bytes_of(input),
                     input.size()) != 1) {
    return fail("signing failed");
  }
  out.resize(len);
  if (is_ecdsa(alg)) return ecdsa_der_to_raw(out, ecdsa_half(alg));
  return out;
}

bool verify(Alg alg, const PKey& key, std::string_view input, std::string_view signature) {
  if (is_hmac(alg) || !key || !key_fits(alg, key)) return false;
  Bytes sig(signature);
  if (is_ecdsa(alg)) {
    auto der = ecdsa_raw_to_der(signature);
    if (!der) return false;
    sig = std::move(*der);
  }
  MdCtx ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  EVP_PKEY_CTX* pctx = nullptr;
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pctx, digest_of(alg), nullptr, key.get()) != 1) {
    return false;
  }
  if (is_pss(alg) && !set_pss(pctx)) return false;
  return EVP_DigestVerify(ctx.get(), bytes_of(sig), sig.size(), bytes_of(input), input.size()) == 1;
}

Result<Bytes> ecdsa_raw_to_der(std::string_view raw) {
  if (raw.empty() || raw.size() % 2 != 0) return fail("raw ECDSA signature has odd length");
  const auto half = static_cast<int>(raw.size() / 2);
  EcdsaSig sig(ECDSA_SIG_new(), &ECDSA_SIG_free);
  BIGNUM* r = BN_bin2bn(bytes_of(raw), half, nullptr);
  BIGNUM* s = BN_bin2bn(bytes_of(raw.substr(raw.size() / 2)), half, nullptr);
  if (!sig || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return fail("could not build an ECDSA signature");
  }
  unsigned char* der = nullptr;
  const int len = i2d_ECDSA_SIG(sig.get(), &der);
  if (len <= 0) return fail("could not DER-encode the ECDSA signature");
  Bytes out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

Result<Bytes> ecdsa_der_to_raw(std::string_view der, std::size_t half) {
  const unsigned char* p = bytes_of(der);
  EcdsaSig sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())), &ECDSA_SIG_free);
  if (!sig) return fail("not a DER ECDSA signature");
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  Bytes out(2 * half, '\0');
  auto* base = reinterpret_cast<unsigned char*>(out.data());
  if (BN_bn2binpad(r, base, static_cast<int>(half)) < 0 ||
      BN_bn2binpad(s, base + half, static_cast<int>(half)) < 0) {
    return fail("ECDSA component longer than the curve order");
  }
  return out;
}

}  // namespace authprobe::conformance::forge
