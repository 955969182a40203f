#include "bench/jwt_fixture.hpp"

#include <chrono>
#include <utility>
#include <vector>

namespace authprobe::bench {
namespace {

constexpr std::string_view issuer = "https://auth.bench.authprobe.test";
constexpr std::string_view audience = "authprobe-api";
constexpr std::string_view kid = "bench-1";
constexpr std::int64_t token_ttl_seconds = 900;  // a typical access-token lifetime
constexpr std::int64_t clock_skew_seconds = 60;  // "now" sits inside the validity window

Result<jose::Key> make_key(jose::Algorithm alg, std::string& hmac_secret) {
  if (!jose::is_hmac(alg)) return jose::Key::generate(alg, std::string(kid));
  auto secret = jose::generate_hmac_secret();
  if (!secret) return tl::unexpected(secret.error());
  hmac_secret = std::move(*secret);
  return jose::Key::hmac(hmac_secret, alg, std::string(kid));
}

jose::Claims typical_claims(std::int64_t issued_at) {
  jose::Claims claims;
  claims.iss = issuer;
  claims.sub = "alice";
  claims.aud = {std::string(audience)};
  claims.client_id = "cli";
  claims.iat = issued_at;
  claims.nbf = issued_at;
  claims.exp = issued_at + token_ttl_seconds;
  claims.scope = "todos:read todos:write";
  claims.roles = {"user"};
  return claims;
}

}  // namespace

const std::vector<jose::Algorithm>& benchmarked_algorithms() {
  using jose::Algorithm;
  static const std::vector<Algorithm> algorithms = {Algorithm::HS256, Algorithm::HS384, Algorithm::HS512,
                                                    Algorithm::RS256, Algorithm::PS256, Algorithm::ES256,
                                                    Algorithm::EdDSA};
  return algorithms;
}

Result<std::shared_ptr<const JwtCase>> make_jwt_case(jose::Algorithm alg) {
  std::string hmac_secret;
  auto key = make_key(alg, hmac_secret);
  if (!key) return tl::unexpected(key.error());

  const auto issued_at = std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  jose::Claims claims = typical_claims(issued_at);
  auto jti = jose::new_token_id();
  if (!jti) return tl::unexpected(jti.error());
  claims.jti = std::move(*jti);
  auto token = jose::mint_access_token(claims, *key);
  if (!token) return tl::unexpected(token.error());

  auto unverified = jose::decode_unverified(*token);
  if (!unverified) return tl::unexpected(unverified.error());
  std::string peer_header = R"({"alg":")";
  peer_header.append(jose::algorithm_name(alg)).append(R"(","typ":"JWT","kid":")").append(kid).append(R"("})");
  auto peer_token = jose::sign_compact(peer_header, unverified->payload, *key);
  if (!peer_token) return tl::unexpected(peer_token.error());

  jose::KeySet keys;
  keys.add(*key);
  jose::ValidationPolicy policy;
  policy.issuer = issuer;
  policy.audience = audience;
  auto verifier = jose::JwtVerifier::create(std::move(keys), std::move(policy));
  if (!verifier) return tl::unexpected(verifier.error());

  auto made = std::make_shared<JwtCase>(JwtCase{alg, std::move(*key), std::move(hmac_secret), std::move(claims),
                                                std::move(*token), std::move(*peer_token), issued_at + clock_skew_seconds,
                                                std::move(*verifier)});
  // The token must verify before anything is timed: a benchmark of a failing path is no benchmark.
  if (auto verified = made->verifier.verify(made->token, made->now); !verified)
    return tl::unexpected(verified.error());
  return std::shared_ptr<const JwtCase>(std::move(made));
}

std::vector<JwtCaseSlot> make_jwt_cases() {
  std::vector<JwtCaseSlot> slots;
  for (const auto alg : benchmarked_algorithms()) {
    auto made = make_jwt_case(alg);
    slots.push_back(made ? JwtCaseSlot{alg, *made, {}} : JwtCaseSlot{alg, nullptr, made.error().detail});
  }
  return slots;
}

}  // namespace authprobe::bench
