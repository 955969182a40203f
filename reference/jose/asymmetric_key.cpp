// RSA (RS*/PS*), ECDSA P-256 (ES256) and Ed25519 (EdDSA) on OpenSSL 3 EVP (RFC 7518 §3.3-3.5,
// RFC 8037 §3.1). Keys are parsed and checked once; each operation only makes an EVP_MD_CTX.
#include <memory>

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "reference/jose/ecdsa_signature.hpp"
#include "reference/jose/key_impl.hpp"
#include "reference/jose/public_key_checks.hpp"

namespace authprobe::jose {
namespace {

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

BioPtr memory_bio(std::string_view text) { return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size()))); }

// Encrypted PEM keys are refused rather than prompting on the terminal for a passphrase.
int no_passphrase(char*, int, int, void*) { return 0; }

// RFC 7518 §3.5: PSS with MGF1 on the same hash and a salt as long as the hash.
bool configure_padding(EVP_PKEY_CTX* pctx, Algorithm alg) {
  if (!is_rsa_pss(alg)) return true;
  return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
         EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1;
}

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

std::string pem_text(BIO* bio) {
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  return length > 0 ? std::string(data, static_cast<std::size_t>(length)) : std::string();
}

}  // namespace

bool is_rsa(Algorithm alg) {
  switch (alg) {
    case Algorithm::RS256: case Algorithm::RS384: case Algorithm::RS512:
    case Algorithm::PS256: case Algorithm::PS384: case Algorithm::PS512: return true;
    default: return false;
  }
}

bool is_rsa_pss(Algorithm alg) { return alg == Algorithm::PS256 || alg == Algorithm::PS384 || alg == Algorithm::PS512; }

const char* digest_name(Algorithm alg) {
  switch (alg) {
    case Algorithm::HS384: case Algorithm::RS384: case Algorithm::PS384: return "SHA384";
    case Algorithm::HS512: case Algorithm::RS512: case Algorithm::PS512: return "SHA512";
    case Algorithm::EdDSA: return nullptr;
    default: return "SHA256";
  }
}

Result<Key> adopt_pkey(PkeyPtr pkey, Algorithm alg, std::string kid, bool has_private) {
  if (!pkey) return fail(JoseErrc::bad_key, "no key");
  if (auto checked = check_public_key(pkey.get(), alg); !checked) return tl::unexpected(checked.error());
  auto impl = std::make_shared<Key::Impl>();
  impl->alg = alg;
  impl->kid = std::move(kid);
  impl->pkey = std::move(pkey);
  impl->has_private = has_private;
  return Key::adopt(std::move(impl));
}

Result<Key> Key::from_pem(std::string_view pem, Algorithm alg, std::string kid) {
  if (is_hmac(alg)) return fail(JoseErrc::bad_key, std::string(algorithm_name(alg)) + " keys are secrets, not PEM keys");
  auto bio = memory_bio(pem);
  PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr));
  if (key) return adopt_pkey(std::move(key), alg, std::move(kid), true);
  bio = memory_bio(pem);
  key.reset(PEM_read_bio_PUBKEY(bio.get(), nullptr, no_passphrase, nullptr));
  if (key) return adopt_pkey(std::move(key), alg, std::move(kid), false);
  return fail(JoseErrc::bad_key, "not an unencrypted PEM private key or a PEM public key");
}

Result<std::string> asymmetric_sign(const Key::Impl& impl, std::string_view input) {
  MdCtxPtr context(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  if (!context ||
      EVP_DigestSignInit_ex(context.get(), &pctx, digest_name(impl.alg), nullptr, nullptr, impl.pkey.get(), nullptr) != 1 ||
      !configure_padding(pctx, impl.alg))
    return fail(JoseErrc::bad_key, "signing setup failed");
  std::size_t length = 0;
  if (EVP_DigestSign(context.get(), nullptr, &length, bytes(input), input.size()) != 1)
    return fail(JoseErrc::bad_key, "signing failed");
  std::string signature(length, '\0');
  if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, bytes(input),
                     input.size()) != 1)
    return fail(JoseErrc::bad_key, "signing failed");
  signature.resize(length);
  if (impl.alg != Algorithm::ES256) return signature;
  auto raw = ecdsa_der_to_raw(signature);
  if (!raw) return fail(JoseErrc::bad_key, "ECDSA signature conversion failed");
  return std::move(*raw);
}

bool asymmetric_verify(const Key::Impl& impl, std::string_view input, std::string_view signature) {
  std::string der;
  if (impl.alg == Algorithm::ES256) {
    auto converted = ecdsa_raw_to_der(signature);
    if (!converted) return false;
    der = std::move(*converted);
    signature = der;
  }
  MdCtxPtr context(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  if (!context ||
      EVP_DigestVerifyInit_ex(context.get(), &pctx, digest_name(impl.alg), nullptr, nullptr, impl.pkey.get(), nullptr) != 1 ||
      !configure_padding(pctx, impl.alg))
    return false;
  return EVP_DigestVerify(context.get(), bytes(signature), signature.size(), bytes(input), input.size()) == 1;
}

std::string Key::private_pem() const {
  if (!impl_->pkey || !impl_->has_private) return {};
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), impl_->pkey.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) return {};
  return pem_text(bio.get());
}

std::string Key::public_pem() const {
  if (!impl_->pkey) return {};
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), impl_->pkey.get()) != 1) return {};
  return pem_text(bio.get());
}

}  // namespace authprobe::jose
