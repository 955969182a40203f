#include "reference/server/describe/demo_credentials.hpp"

namespace authprobe::server::description {
namespace {

// bob, dave and erin are the same in both fixtures: the suite's administrator and its edge cases
// (a 64-character password, an 80-byte one for bcrypt's 72-byte limit, a non-ASCII one).
Secrets edge_case_users() {
  return {
      {"bob", "bob-the-builder-can-we-fix-it-yes-we-can-0123456789-abcdefghijkl"},
      {"dave", "dave-0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz012"},
      {"erin", "p\xC3\xA4:ss w\xC3\xB6rd \xF0\x9F\x94\x91"},  // "pä:ss wörd 🔑" (NFC)
  };
}

}  // namespace

Secrets demo_user_passwords(config::CompatMode mode) {
  // strict: the catalog's fixture contract; fastapi: the FastAPI tutorials' johndoe and their
  // disabled alice, in place of the contract's alice and carol.
  Secrets secrets = mode == config::CompatMode::fastapi
                        ? Secrets{{"johndoe", "secret"}, {"alice", "secret2"}}
                        : Secrets{{"alice", "wonderland-42"}, {"carol", "carol-is-disabled"}};
  for (auto& user : edge_case_users()) secrets.push_back(std::move(user));
  return secrets;
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
