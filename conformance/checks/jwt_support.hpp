#pragma once
// What the JWT and BEARER checks share: the base token T0 and its parts, the escalated payload
// P*, sending a list of forgeries to the bearer read and admin resources and judging them by
// rule V2, and minting with the server's own key in [K] mode.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/check.hpp"
#include "conformance/verdict_rules.hpp"
#include "conformance/forge/compact.hpp"
#include "conformance/forge/keys.hpp"
#include "conformance/forge/sign.hpp"

namespace authprobe::conformance::jwt {

// The user whose token every forgery starts from (catalog: T0 is a fresh token for alice).
inline constexpr std::string_view base_user = "alice";
inline constexpr std::string_view admin_user = "bob";
// The catalog's default expectation for JWT-05…JWT-36.
inline constexpr std::string_view refusal_expected =
    "refused: 401 with error=\"invalid_token\" (V2: 401 PASS, 400/403 WARN, accepted or 5xx FAIL)";

struct Forgery {
  std::string name;
  std::string token;
  // Oversized or malformed-header tokens may be refused by the HTTP layer (400/413/431 or a
  // closed connection) before any parsing; that is a refusal too.
  bool http_refusal_ok = false;
  // The genuine token this forgery was made from, when it is not alice's T0. A forgery equal to
  // its original is never sent (forgery_guard.hpp): it is SKIP with the reason, not a verdict.
  std::string derived_from{};
};

struct BaseToken {
  std::string raw;
  forge::DecodedToken parts;
};

// Applicability shared by every JWT check: JWT tokens and a bearer read resource.
[[nodiscard]] std::optional<std::string> needs_jwt(const TargetProfile& target);
// ... and the signing key ([K] mode).
[[nodiscard]] std::optional<std::string> needs_key(const TargetProfile& target);
[[nodiscard]] std::optional<std::string> needs_bearer(const TargetProfile& target);
// Only a Bearer-protected resource: for the checks that send no token of the target's (BEARER-01,
// 07, 08, 09, 10, 16, 17), which must run even where the suite cannot obtain one.
[[nodiscard]] std::optional<std::string> needs_bearer_resource(const TargetProfile& target);

// The resource request for an endpoint (method, path, body as the profile gives them).
[[nodiscard]] Request resource_request(const Endpoint& endpoint);
// bearer_read and, when declared, bearer_admin: every forgery goes to both.
[[nodiscard]] std::vector<Endpoint> attack_endpoints(const TargetProfile& target);

// T0 for `user`, decoded; Unmet when the grant fails or the token is not a JWS.
[[nodiscard]] Needed<BaseToken> base_token(Context& ctx, std::string_view user = base_user);
// T0 decoded and confirmed: T0 itself opens the read resource. Without that control a refusal
// of every forgery would prove nothing.
[[nodiscard]] Needed<BaseToken> confirmed_base_token(Context& ctx);

// P*: P0 with the catalog's "read write admin" (mapped through the profile), role admin, fresh exp.
[[nodiscard]] Needed<std::string> escalated_payload(const Context& ctx, const BaseToken& base);
// P0 with a fresh exp (now + forge::forged_lifetime_seconds): the "valid" claim set for [K].
[[nodiscard]] Needed<std::string> fresh_payload(const BaseToken& base);

// Sends every forgery to every attack endpoint and combines the V2 verdicts.
[[nodiscard]] Finding judge_forgeries(Context& ctx, const std::vector<Forgery>& forgeries,
                                      std::string expected = std::string(refusal_expected));

// The common shape of a [B] forgery check: confirmed T0, P*, then the forgeries `build` makes.
using ForgeryBuilder = std::function<Needed<std::vector<Forgery>>(const BaseToken& base, const std::string& p_star)>;
[[nodiscard]] Finding run_forgeries(Context& ctx, const ForgeryBuilder& build,
                                    std::string expected = std::string(refusal_expected));

// One judged part of a check, for findings built from several sub-results.
struct Part {
  Verdict verdict = Verdict::pass;
  std::string note;
  std::optional<Exchange> exchange;
};
// The parts' combined verdict (finding.hpp: combine). Parts that are all SKIP make a SKIP finding
// whose detail gives each reason (V6: nothing was judged).
[[nodiscard]] Finding combine_parts(const std::vector<Part>& parts, std::string expected);

// Sends `token` as a Bearer credential to `endpoint`.
[[nodiscard]] SendResult send_bearer(Context& ctx, const Endpoint& endpoint, std::string_view token);
[[nodiscard]] std::string describe(const SendResult& result);

// [K] mode: the server's key as the profile gives it.
struct ServerKey {
  forge::Alg alg = forge::Alg::HS256;
  forge::Bytes hmac_secret;
  forge::PKey private_key;
  // Signs header.payload with the server key, under `alg` (default: the server's own).
  [[nodiscard]] forge::Result<std::string> mint(std::string_view header_json, std::string_view payload_json,
                                                std::optional<forge::Alg> alg = std::nullopt) const;
};
[[nodiscard]] Needed<ServerKey> server_key(const TargetProfile& target);

// Everything a [K] check starts from, confirmed: a token minted with the profile key from H0 and
// a fresh P0 opens the read resource (else the key is wrong and refusals would prove nothing).
struct KeyedBase {
  BaseToken base;
  ServerKey key;
  std::string fresh_payload;
};
[[nodiscard]] Needed<KeyedBase> keyed_base(Context& ctx);

// Sends a [K] token that must be accepted at the read resource.
[[nodiscard]] Part expect_accepted(Context& ctx, const std::string& name, const std::string& token,
                                   Verdict if_refused);
// Sends a token that must be refused at every attack endpoint (V2), as one Part; SKIP without
// sending when the token is its genuine original (derived_from, else T0 when the run has it).
[[nodiscard]] Part expect_refused(Context& ctx, const Forgery& forgery);
// The SKIP part for a forgery that is its own original, or nullopt when it differs.
[[nodiscard]] std::optional<Part> unchanged_forgery(Context& ctx, const Forgery& forgery);

// The public key PUB: profile PEM, derived from the private PEM, or the published JWKS.
struct PublicKey {
  forge::PKey key;
  std::string published_jwk;  // the JWK text as the target publishes it, when known
  std::string source;
};
[[nodiscard]] Needed<PublicKey> public_key(Context& ctx, const BaseToken& base);

[[nodiscard]] std::int64_t now();

// out += separator (unless out is empty) + item. (Also sidesteps a GCC 12 -Wrestrict false
// positive on `const char* + std::string`.)
void append_listed(std::string& out, std::string_view separator, std::string_view item);

// ATK (catalog JWT notation): RSA-2048, P-256 and Ed25519 generated once per process on first
// use, then only read. Generating per check would cost a second of RSA key generation each time.
[[nodiscard]] Needed<const forge::AttackerKeys*> attacker_keys();

}  // namespace authprobe::conformance::jwt
