#pragma once
// Reads a JWK Set (RFC 7517 §5) a target publishes, without trusting it: any JSON, any shape. The
// first key whose "kid" matches (or any key, when the token names none) and that OpenSSL accepts
// as a public key is the target's. Pure, so it can be fuzzed (fuzz/jwks_fuzz.cpp).
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "conformance/forge/keys.hpp"

namespace authprobe::conformance::jwt {

struct JwksKey {
  forge::PKey key;
  std::string jwk;  // the chosen member of "keys", serialised
};

enum class JwksErrc { not_json, not_a_jwk_set, no_usable_key };

[[nodiscard]] tl::expected<JwksKey, JwksErrc> read_jwks(std::string_view body, std::string_view kid);

}  // namespace authprobe::conformance::jwt
