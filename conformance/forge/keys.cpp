#include "conformance/forge/keys.hpp"

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace authprobe::conformance::forge {
namespace {

constexpr std::size_t ed25519_seed_bytes = 32;
constexpr int p256_bits = 256;

using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;

BioPtr memory_bio(std::string_view text) {
  return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())), &BIO_free);
}

Result<PKey> checked(EVP_PKEY* raw, const char* what) {
  if (raw == nullptr) return fail(std::string("could not ") + what);
  return adopt(raw);
}

}  // namespace

PKey adopt(EVP_PKEY* raw) { return PKey(raw, &EVP_PKEY_free); }

KeyKind key_kind(const PKey& key) {
  if (!key) return KeyKind::unsupported;
  switch (EVP_PKEY_get_base_id(key.get())) {
    case EVP_PKEY_RSA:
      return KeyKind::rsa;
    case EVP_PKEY_ED25519:
      return KeyKind::ed25519;
    case EVP_PKEY_EC:
      return EVP_PKEY_get_bits(key.get()) == p256_bits ? KeyKind::ec_p256 : KeyKind::unsupported;
    default:
      return KeyKind::unsupported;
  }
}

Result<PKey> generate_rsa(int bits) {
  return checked(EVP_RSA_gen(static_cast<unsigned int>(bits)), "generate an RSA key");
}

Result<PKey> generate_p256() { return checked(EVP_EC_gen("P-256"), "generate a P-256 key"); }

Result<PKey> generate_ed25519() {
  return checked(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"), "generate an Ed25519 key");
}

Result<PKey> ed25519_from_seed(std::string_view seed) {
  if (seed.size() != ed25519_seed_bytes) return fail("Ed25519 seed must be 32 bytes");
  return checked(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr,
                                              reinterpret_cast<const unsigned char*>(seed.data()),
                                              seed.size()),
                 "load the Ed25519 seed");
}

Result<PKey> load_private_pem(std::string_view pem) {
  auto bio = memory_bio(pem);
  return checked(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr),
                 "parse the PEM private key");
}

Result<PKey> load_public_pem(std::string_view pem) {
  auto bio = memory_bio(pem);
  if (EVP_PKEY* key = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr)) return adopt(key);
  auto cert_bio = memory_bio(pem);
  std::unique_ptr<X509, decltype(&X509_free)> cert(
      PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr), &X509_free);
  if (!cert) return fail("could not parse the PEM public key or certificate");
  return checked(X509_get_pubkey(cert.get()), "read the certificate's public key");
}

Result<AttackerKeys> generate_attacker_keys() {
  auto rsa = generate_rsa();
  if (!rsa) return fail(rsa.error());
  auto ec = generate_p256();
  if (!ec) return fail(ec.error());
  auto ed = generate_ed25519();
  if (!ed) return fail(ed.error());
  return AttackerKeys{std::move(*rsa), std::move(*ec), std::move(*ed)};
}

}  // namespace authprobe::conformance::forge
