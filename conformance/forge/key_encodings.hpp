#pragma once
// The byte strings a confused verifier might use as an HMAC key when it is handed a public key
// (RFC 8725 §2.1, §3.1; catalog JWT-11). Each is one way a library stores or prints PUB.
#include <string>
#include <vector>

#include "conformance/forge/forge_result.hpp"
#include "conformance/forge/keys.hpp"

namespace authprobe::conformance::forge {

struct KeyEncoding {
  std::string name;  // e.g. "PEM SPKI", for the finding's evidence
  Bytes bytes;
};

[[nodiscard]] Result<std::string> pem_spki(const PKey& key);
// "-----BEGIN RSA PUBLIC KEY-----" (RFC 8017 Appendix A.1.1); RSA keys only.
[[nodiscard]] Result<std::string> pem_pkcs1(const PKey& key);
[[nodiscard]] Result<Bytes> der_spki(const PKey& key);
// "ssh-rsa AAAA…", "ecdsa-sha2-nistp256 AAAA…", "ssh-ed25519 AAAA…" (RFC 4253 §6.6, RFC 5656 §3.1, RFC 8709 §4).
[[nodiscard]] Result<std::string> openssh_line(const PKey& key);
// A self-signed X.509 certificate for the key, valid for a day (for x5u/x5c forgeries).
[[nodiscard]] Result<Bytes> self_signed_certificate_der(const PKey& key);
[[nodiscard]] Result<std::string> self_signed_certificate_pem(const PKey& key);

// Every encoding of the catalog's JWT-11 list that applies to this key type.
[[nodiscard]] Result<std::vector<KeyEncoding>> confusion_encodings(const PKey& public_key);

}  // namespace authprobe::conformance::forge
