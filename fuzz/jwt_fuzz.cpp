// Fuzzes the JWS/JWT path of every protected request (RFC 7515 compact form, RFC 9068
// claims). The input picks one of three shapes by its first bytes, so one corpus reaches
// all of them:
//   "jwks:" + text           a JWK Set (RFC 7517 §5) loaded as trusted keys
//   "{" header "\n" claims   header and claims texts, MACed with the fixture key, so the
//                            fuzzer reaches the header and claim rules behind the signature
//   anything else            a compact token as a client would send it
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "reference/jose/jwt.hpp"
#include "reference/jose/testing/token_factory.hpp"

namespace {

namespace jose = authprobe::jose;

constexpr std::string_view jwks_prefix = "jwks:";

const jose::JwtVerifier& verifier() {
  static const jose::JwtVerifier instance(jose::testing::key_set(jose::testing::hs256_key()),
                                          jose::testing::policy());
  return instance;
}

void fuzz_token(std::string_view token) {
  auto claims = verifier().verify(token, jose::testing::now);
  (void)jose::verify_compact(token, jose::testing::key_set(jose::testing::hs256_key()));
  (void)jose::decode_unverified(token);
  if (!claims) return;
  // A token the verifier accepted, minted again from its claims, must verify to the same
  // subject, audience and lifetime (what the resource handlers rely on).
  auto again = jose::mint_access_token(*claims, jose::testing::hs256_key());
  if (!again) __builtin_trap();
  auto reverified = verifier().verify(*again, jose::testing::now);
  if (!reverified || reverified->sub != claims->sub || reverified->aud != claims->aud ||
      reverified->exp != claims->exp || reverified->scope != claims->scope)
    __builtin_trap();
}

void fuzz_jwks(std::string_view text) {
  auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return;
  auto keys = jose::KeySet::from_jwks(parsed);
  if (keys) (void)keys->jwks_json();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (input.starts_with(jwks_prefix)) {
    fuzz_jwks(input.substr(jwks_prefix.size()));
  } else if (input.starts_with('{')) {
    const auto newline = input.find('\n');
    const std::string header(input.substr(0, newline));
    const std::string claims(newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1));
    fuzz_token(jose::testing::signed_token(header, claims));
  } else {
    fuzz_token(input);
  }
  return 0;
}
