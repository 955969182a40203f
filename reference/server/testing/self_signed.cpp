#include "reference/server/testing/self_signed.hpp"

#include <cstdio>
#include <memory>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace authprobe::server::testing {
namespace {

constexpr long validity_seconds = 3600;
constexpr auto common_name = "127.0.0.1";

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

}  // namespace

bool write_self_signed(const std::filesystem::path& dir, CertificateFiles& out) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
  if (!key || !cert) return false;
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), validity_seconds);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(common_name), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) return false;

  out.cert_file = dir / "cert.pem";
  out.key_file = dir / "key.pem";
  const File cert_out(std::fopen(out.cert_file.c_str(), "w"));
  const File key_out(std::fopen(out.key_file.c_str(), "w"));
  if (!cert_out || !key_out) return false;
  return PEM_write_X509(cert_out.get(), cert.get()) == 1 &&
         PEM_write_PrivateKey(key_out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
}

}  // namespace authprobe::server::testing
