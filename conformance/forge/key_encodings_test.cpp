#include "conformance/forge/key_encodings.hpp"

#include <catch2/catch.hpp>
#include <openssl/x509.h>

#include "conformance/forge/base64url.hpp"
#include "conformance/forge/jwk.hpp"

namespace forge = authprobe::conformance::forge;

namespace {
bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

const forge::KeyEncoding* find(const std::vector<forge::KeyEncoding>& list, std::string_view name) {
  for (const auto& e : list) {
    if (e.name == name) return &e;
  }
  return nullptr;
}
}  // namespace

TEST_CASE("an RSA public key has seven confusion encodings", "[unit]") {
  const auto key = forge::generate_rsa().value();
  const auto list = forge::confusion_encodings(key);
  REQUIRE(list);
  REQUIRE(list->size() == 7);
  const auto* pem = find(*list, "PEM SubjectPublicKeyInfo");
  const auto* bare = find(*list, "PEM SubjectPublicKeyInfo without trailing newline");
  REQUIRE(pem);
  REQUIRE(bare);
  CHECK(starts_with(pem->bytes, "-----BEGIN PUBLIC KEY-----\n"));
  CHECK(pem->bytes.back() == '\n');
  CHECK(bare->bytes + "\n" == pem->bytes);
  const auto* pkcs1 = find(*list, "PEM PKCS#1 RSA PUBLIC KEY");
  REQUIRE(pkcs1);
  CHECK(starts_with(pkcs1->bytes, "-----BEGIN RSA PUBLIC KEY-----\n"));
  const auto* raw = find(*list, "raw modulus");
  REQUIRE(raw);
  CHECK(raw->bytes.size() == 256);
}

TEST_CASE("the DER encoding parses back to the same key", "[unit]") {
  const auto key = forge::generate_p256().value();
  const auto der = forge::der_spki(key).value();
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  EVP_PKEY* back = d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size()));
  REQUIRE(back != nullptr);
  CHECK(EVP_PKEY_eq(key.get(), back) == 1);
  EVP_PKEY_free(back);
}

TEST_CASE("OpenSSH lines carry the key type and the RFC 4253 blob", "[unit]") {
  const auto rsa = forge::openssh_line(forge::generate_rsa().value()).value();
  // "ssh-rsa" as an SSH string, base64: the well-known AAAAB3NzaC1yc2E prefix.
  CHECK(starts_with(rsa, "ssh-rsa AAAAB3NzaC1yc2E"));
  const auto ec = forge::openssh_line(forge::generate_p256().value()).value();
  CHECK(starts_with(ec, "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTY"));
  const auto ed = forge::openssh_line(forge::generate_ed25519().value()).value();
  CHECK(starts_with(ed, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5"));
  // 4+11 type, 4+32 key: 51 bytes.
  CHECK(forge::b64_decode(ed.substr(ed.find(' ') + 1)).value().size() == 51);
}

TEST_CASE("a P-256 key has no PKCS#1 form and a 64-byte raw point", "[unit]") {
  const auto key = forge::generate_p256().value();
  CHECK_FALSE(forge::pem_pkcs1(key));
  const auto list = forge::confusion_encodings(key).value();
  CHECK(list.size() == 6);
  const auto* raw = find(list, "raw public point");
  REQUIRE(raw);
  CHECK(raw->bytes.size() == 64);
}

TEST_CASE("a self-signed certificate carries the key it was made for", "[unit]") {
  const auto key = forge::generate_rsa().value();
  const auto der = forge::self_signed_certificate_der(key).value();
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  X509* cert = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
  REQUIRE(cert != nullptr);
  EVP_PKEY* pub = X509_get0_pubkey(cert);
  CHECK(EVP_PKEY_eq(key.get(), pub) == 1);
  CHECK(X509_verify(cert, pub) == 1);
  X509_free(cert);
  CHECK(starts_with(forge::self_signed_certificate_pem(forge::generate_ed25519().value()).value(),
                    "-----BEGIN CERTIFICATE-----"));
}
