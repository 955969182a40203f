#include "conformance/forge/key_encodings.hpp"

#include <array>
#include <memory>

#include <openssl/bio.h>
#include <openssl/encoder.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "conformance/forge/base64url.hpp"
#include "conformance/forge/jwk.hpp"

namespace authprobe::conformance::forge {
namespace {

using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;
using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;
using EncoderCtx = std::unique_ptr<OSSL_ENCODER_CTX, decltype(&OSSL_ENCODER_CTX_free)>;

constexpr long certificate_lifetime_seconds = 24L * 60 * 60;
constexpr long certificate_serial = 1;
constexpr int x509_version_3 = 2;  // X.509 counts versions from zero
constexpr std::size_t ssh_length_bytes = 4;
constexpr unsigned byte_bits = 8;
constexpr unsigned char sign_bit = 0x80;

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  return len > 0 ? std::string(data, static_cast<std::size_t>(len)) : std::string();
}

// RFC 4251 §5: "string" is a uint32 length then the bytes.
void append_ssh_string(std::string& out, std::string_view bytes) {
  for (std::size_t i = ssh_length_bytes; i > 0; --i) {
    out.push_back(static_cast<char>((bytes.size() >> ((i - 1) * byte_bits)) & 0xffU));
  }
  out += bytes;
}

// RFC 4251 §5: "mpint" is two's complement, so a set top bit needs a leading zero byte.
void append_ssh_mpint(std::string& out, std::string_view magnitude) {
  if (!magnitude.empty() && (static_cast<unsigned char>(magnitude.front()) & sign_bit) != 0) {
    std::string padded;
    padded.reserve(magnitude.size() + 1);
    padded.push_back('\0');
    padded.append(magnitude);
    append_ssh_string(out, padded);
  } else {
    append_ssh_string(out, magnitude);
  }
}

Result<X509Ptr> make_certificate(const PKey& key) {
  X509Ptr cert(X509_new(), &X509_free);
  if (!cert || X509_set_version(cert.get(), x509_version_3) != 1 ||
      ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), certificate_serial) != 1 ||
      X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0) == nullptr ||
      X509_gmtime_adj(X509_getm_notAfter(cert.get()), certificate_lifetime_seconds) == nullptr ||
      X509_set_pubkey(cert.get(), key.get()) != 1) {
    return fail("could not build a certificate");
  }
  X509_NAME* name = X509_get_subject_name(cert.get());
  static constexpr unsigned char common_name[] = "authprobe attacker key";
  if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, common_name, -1, -1, 0) != 1 ||
      X509_set_issuer_name(cert.get(), name) != 1) {
    return fail("could not name the certificate");
  }
  // Ed25519 signs without a separate digest (RFC 8410 §6).
  const EVP_MD* md = key_kind(key) == KeyKind::ed25519 ? nullptr : EVP_sha256();
  if (X509_sign(cert.get(), key.get(), md) <= 0) return fail("could not self-sign the certificate");
  return cert;
}

}  // namespace

Result<std::string> pem_spki(const PKey& key) {
  BioPtr bio(BIO_new(BIO_s_mem()), &BIO_free);
  if (!bio || !key || PEM_write_bio_PUBKEY(bio.get(), key.get()) != 1) return fail("could not write PEM");
  return bio_text(bio.get());
}

Result<std::string> pem_pkcs1(const PKey& key) {
  if (key_kind(key) != KeyKind::rsa) return fail("PKCS#1 applies to RSA keys only");
  // "type-specific" is the PKCS#1 RSAPublicKey structure for RSA keys.
  EncoderCtx ctx(OSSL_ENCODER_CTX_new_for_pkey(key.get(), EVP_PKEY_PUBLIC_KEY, "PEM",
                                               "type-specific", nullptr),
                 &OSSL_ENCODER_CTX_free);
  BioPtr bio(BIO_new(BIO_s_mem()), &BIO_free);
  if (!ctx || !bio || OSSL_ENCODER_to_bio(ctx.get(), bio.get()) != 1) return fail("could not write PKCS#1 PEM");
  return bio_text(bio.get());
}

Result<Bytes> der_spki(const PKey& key) {
  unsigned char* der = nullptr;
  const int len = key ? i2d_PUBKEY(key.get(), &der) : -1;
  if (len <= 0) return fail("could not write DER");
  Bytes out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

Result<std::string> openssh_line(const PKey& key) {
  auto raw = raw_public_key(key);
  if (!raw) return fail(raw.error());
  std::string blob;
  std::string type;
  switch (key_kind(key)) {
    case KeyKind::rsa: {
      auto e = rsa_public_exponent(key);
      if (!e) return fail(e.error());
      type = "ssh-rsa";
      append_ssh_string(blob, type);
      append_ssh_mpint(blob, *e);
      append_ssh_mpint(blob, *raw);
      break;
    }
    case KeyKind::ec_p256: {
      type = "ecdsa-sha2-nistp256";
      append_ssh_string(blob, type);
      append_ssh_string(blob, "nistp256");
      std::string point;  // SEC 1 §2.3.3 uncompressed point
      point.reserve(raw->size() + 1);
      point.push_back('\x04');
      point.append(*raw);
      append_ssh_string(blob, point);
      break;
    }
    case KeyKind::ed25519:
      type = "ssh-ed25519";
      append_ssh_string(blob, type);
      append_ssh_string(blob, *raw);
      break;
    case KeyKind::unsupported:
      return fail("unsupported key type");
  }
  return type + " " + b64_encode(blob);
}

Result<Bytes> self_signed_certificate_der(const PKey& key) {
  auto cert = make_certificate(key);
  if (!cert) return fail(cert.error());
  unsigned char* der = nullptr;
  const int len = i2d_X509(cert->get(), &der);
  if (len <= 0) return fail("could not write the certificate");
  Bytes out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

Result<std::string> self_signed_certificate_pem(const PKey& key) {
  auto cert = make_certificate(key);
  if (!cert) return fail(cert.error());
  BioPtr bio(BIO_new(BIO_s_mem()), &BIO_free);
  if (!bio || PEM_write_bio_X509(bio.get(), cert->get()) != 1) return fail("could not write the certificate");
  return bio_text(bio.get());
}

Result<std::vector<KeyEncoding>> confusion_encodings(const PKey& public_key) {
  auto pem = pem_spki(public_key);
  auto der = der_spki(public_key);
  auto jwk = public_jwk(public_key);
  auto ssh = openssh_line(public_key);
  auto raw = raw_public_key(public_key);
  if (!pem || !der || !jwk || !ssh || !raw) return fail("could not encode the public key");
  std::vector<KeyEncoding> out;
  out.push_back({"PEM SubjectPublicKeyInfo", *pem});
  std::string trimmed = *pem;
  while (!trimmed.empty() && (trimmed.back() == '\n' || trimmed.back() == '\r')) trimmed.pop_back();
  out.push_back({"PEM SubjectPublicKeyInfo without trailing newline", trimmed});
  if (auto pkcs1 = pem_pkcs1(public_key)) out.push_back({"PEM PKCS#1 RSA PUBLIC KEY", *pkcs1});
  out.push_back({"DER SubjectPublicKeyInfo", *der});
  out.push_back({"JWK JSON", jwk->dump()});
  out.push_back({"OpenSSH public key line", *ssh});
  out.push_back({key_kind(public_key) == KeyKind::rsa ? "raw modulus" : "raw public point", *raw});
  return out;
}

}  // namespace authprobe::conformance::forge
