#include "reference/server/describe/demo_credentials.hpp"

namespace authprobe::server::description {

Secrets demo_user_passwords() {
  return {
      {"alice", "wonderland-42"},
      {"bob", "bob-the-builder-can-we-fix-it-yes-we-can-0123456789-abcdefghijkl"},
      {"carol", "carol-is-disabled"},
      {"dave", "dave-0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz012"},
      {"erin", "p\xC3\xA4:ss w\xC3\xB6rd \xF0\x9F\x94\x91"},  // "pä:ss wörd 🔑" (NFC)
  };
}

Secrets demo_client_secrets() {
  return {
      {"cli", "cli-secret-for-loopback-tests-only"},
      {"c:li%nt", "s3cr%t:with&reserved=chars"},
      {"svc", "svc-secret-for-loopback-tests-only"},
  };
}

const std::string* find_secret(const Secrets& secrets, const std::string& name) {
  for (const auto& [who, secret] : secrets)
    if (who == name) return &secret;
  return nullptr;
}

}  // namespace authprobe::server::description
