// JWT-05 … JWT-10, JWT-13: forged signatures and algorithms a verifier must refuse (RFC 7515
// §5.2: a JWS whose signature does not validate is invalid; RFC 8725 §3.1-§3.2).
#include "conformance/checks/jwt_factories.hpp"

#include "conformance/checks/jwt_support.hpp"
#include "conformance/forge/attacks.hpp"
#include "conformance/forge/base64url.hpp"
#include "conformance/forge/claims.hpp"
#include "conformance/forge/json_text.hpp"
#include "conformance/forge/signatures.hpp"

namespace authprobe::conformance::jwt {
namespace {

// jwt_tool's "broken signature": the last four characters cut off.
constexpr std::size_t cut_signature_chars = 4;

std::string segments(std::string_view header_b64, std::string_view payload_json) {
  return std::string(header_b64) + "." + forge::b64url_encode(payload_json);
}

Needed<std::vector<Forgery>> claims_with_old_signature(const BaseToken& base, const std::string& p_star) {
  return std::vector<Forgery>{{"H0.P*.S0", segments(base.parts.header_b64, p_star) + "." + base.parts.signature_b64}};
}

}  // namespace

// RFC 7515 §5.2, RFC 7519 §7.2: changed claims under the old signature; claims are not used
// (or reflected) before the signature verifies.
Check rejects_claims_changed_under_old_signature() {
  return {.id = "JWT-05", .level = Level::must, .cites = "RFC 7515 §5.2; RFC 7519 §7.2",
          .mode = Mode::black_box, .summary = "claims changed under the original signature are refused and not reflected",
          .applies = needs_jwt,
          .run = [](Context& ctx) {
            auto base = confirmed_base_token(ctx);
            if (!base) return errored(base.error().reason);
            auto p_star = escalated_payload(ctx, *base);
            if (!p_star) return errored(p_star.error().reason);
            auto forgeries = claims_with_old_signature(*base, *p_star);
            Finding finding = judge_forgeries(ctx, *forgeries,
                                              std::string(refusal_expected) + "; no value of P* reflected");
            const std::string marker = forge::scope_of(*p_star);
            for (const auto& exchange : finding.evidence) {
              if (exchange.response && !marker.empty() &&
                  exchange.response->body_excerpt.find(marker) != std::string::npos) {
                finding.verdict = Verdict::fail;
                finding.actual += "; the response reflects the forged scope \"" + marker + "\"";
              }
            }
            return finding;
          }};
}

// RFC 7515 §5.2: a signature with one bit flipped, or truncated, does not validate.
Check rejects_corrupted_signature() {
  return {.id = "JWT-06", .level = Level::must, .cites = "RFC 7515 §5.2", .mode = Mode::black_box,
          .summary = "a signature with a flipped bit or cut short is refused", .applies = needs_jwt,
          .run = [](Context& ctx) {
            return run_forgeries(ctx, [](const BaseToken& base, const std::string&) -> Needed<std::vector<Forgery>> {
              const auto input = base.parts.header_b64 + "." + base.parts.payload_b64;
              const auto& sig = base.parts.signature_b64;
              std::vector<Forgery> out;
              out.push_back({"S0 with its first bit flipped",
                             input + "." + forge::b64url_encode(forge::flip_bit(base.parts.signature, 0))});
              out.push_back({"S0 with its last byte's low bit flipped",
                             input + "." + forge::b64url_encode(forge::flip_bit(
                                               base.parts.signature, base.parts.signature.size() * 8 - 1))});
              if (sig.size() > cut_signature_chars) {
                out.push_back({"S0 minus its last 4 characters", input + "." + sig.substr(0, sig.size() - cut_signature_chars)});
              }
              return out;
            });
          }};
}

// CVE-2020-28042: the original alg with an empty signature segment.
Check rejects_null_signature() {
  return {.id = "JWT-07", .level = Level::must, .cites = "RFC 7515 §5.2", .mode = Mode::black_box,
          .summary = "the original alg with an empty signature is refused", .applies = needs_jwt,
          .run = [](Context& ctx) {
            return run_forgeries(ctx, [](const BaseToken& base, const std::string& p_star) -> Needed<std::vector<Forgery>> {
              return std::vector<Forgery>{{"H0.P*. (empty signature)", segments(base.parts.header_b64, p_star) + "."}};
            });
          }};
}

// RFC 7515 §7.1: exactly three segments (Wycheproof tcIds 3-4, 9-15).
Check rejects_wrong_segment_count() {
  return {.id = "JWT-08", .level = Level::must, .cites = "RFC 7515 §7.1; RFC 7519 §7.2", .mode = Mode::black_box,
          .summary = "two, four, dot-framed and empty tokens are refused", .applies = needs_jwt,
          .run = [](Context& ctx) {
            return run_forgeries(ctx, [](const BaseToken& base, const std::string& p_star) -> Needed<std::vector<Forgery>> {
              return std::vector<Forgery>{
                  {"two segments H0.P*", segments(base.parts.header_b64, p_star)},
                  {"four segments T0.AA", base.raw + ".AA"},
                  {"leading dot .T0", "." + base.raw},
                  {"trailing dot T0.", base.raw + "."},
                  {"empty token", ""},
              };
            });
          }};
}

// RFC 7518 §3.6, RFC 8725 §3.2: "none" is never accepted for access tokens; "alg" is
// case-sensitive (RFC 7515 §4.1.1), so the other casings are unknown algorithms.
Check rejects_alg_none() {
  return {.id = "JWT-09", .level = Level::must,
          .cites = "RFC 7518 §3.6; RFC 7515 §4.1.1; RFC 9068 §4; RFC 8725 §3.2", .mode = Mode::black_box,
          .summary = "alg none in four casings, with and without S0, and the RFC 7519 §6.1 example are refused",
          .applies = needs_jwt,
          .run = [](Context& ctx) {
            return run_forgeries(ctx, [](const BaseToken& base, const std::string& p_star) -> Needed<std::vector<Forgery>> {
              std::vector<Forgery> out;
              const auto kid = forge::kid_of(base.parts.header_json);
              for (const auto casing : forge::none_casings) {
                const auto header = forge::attack_header(casing, kid).dump();
                const auto unsigned_token = forge::encode_compact(header, p_star, "");
                out.push_back({"alg \"" + std::string(casing) + "\", empty signature", unsigned_token});
                out.push_back({"alg \"" + std::string(casing) + "\", S0 kept", unsigned_token + base.parts.signature_b64});
              }
              out.push_back({"RFC 7519 §6.1 unsecured example", std::string(forge::rfc7519_unsecured_example)});
              return out;
            });
          }};
}

// RFC 7515 §4.1.1: "alg" is a required, case-sensitive string.
Check rejects_malformed_alg() {
  return {.id = "JWT-10", .level = Level::must, .cites = "RFC 7515 §4.1.1", .mode = Mode::black_box,
          .summary = "a header without alg, or with an empty, null, array or padded alg, is refused",
          .applies = needs_jwt,
          .run = [](Context& ctx) {
            return run_forgeries(ctx, [](const BaseToken& base, const std::string& p_star) -> Needed<std::vector<Forgery>> {
              const auto& h0 = base.parts.header_json;
              const auto original = forge::alg_of(h0).value_or("HS256");
              std::vector<std::pair<std::string, forge::Result<std::string>>> headers;
              headers.emplace_back("no alg", forge::without_member(h0, "alg"));
              headers.emplace_back("alg \"\"", forge::with_member_raw(h0, "alg", R"("")"));
              headers.emplace_back("alg null", forge::with_member_raw(h0, "alg", "null"));
              headers.emplace_back("alg [\"" + original + "\"]",
                                   forge::with_member(h0, "alg", nlohmann::json::array({original})));
              headers.emplace_back("alg \"" + original + " \"", forge::with_member(h0, "alg", original + " "));
              std::vector<Forgery> out;
              for (const auto& [name, header] : headers) {
                if (!header) return tl::unexpected(Unmet{"H0 is not a JSON object"});
                out.push_back({name + ", S0 kept", forge::encode_compact(*header, p_star, base.parts.signature)});
              }
              return out;
            });
          }};
}

// RFC 8725 §3.5, CVE-2019-20933: HMAC with a blank or guessable key (jwt_tool -X b).
Check rejects_guessable_hmac_keys() {
  return {.id = "JWT-13", .level = Level::must, .cites = "RFC 7515 §5.2; RFC 8725 §3.5", .mode = Mode::black_box,
          .summary = "HS256 with the keys \"\", \"secret\", \"null\", the issuer and the kid is refused",
          .applies = needs_jwt,
          .run = [](Context& ctx) {
            const std::string issuer = ctx.target().token.issuer;
            return run_forgeries(ctx, [issuer](const BaseToken& base, const std::string& p_star) -> Needed<std::vector<Forgery>> {
              const auto kid = forge::kid_of(base.parts.header_json);
              const auto header = forge::attack_header("HS256", kid).dump();
              const auto input = forge::signing_input(header, p_star);
              std::vector<std::pair<std::string, std::string>> keys{{"\"\"", ""}, {"\"secret\"", "secret"}, {"\"null\"", "null"}};
              if (!issuer.empty()) keys.emplace_back("the issuer", issuer);
              if (kid) keys.emplace_back("the kid", *kid);
              std::vector<Forgery> out;
              for (const auto& [name, key] : keys) {
                auto mac = forge::hmac_sign(forge::Alg::HS256, key, input);
                if (!mac) return tl::unexpected(Unmet{mac.error()});
                out.push_back({"HS256 keyed with " + name, forge::append_signature(input, *mac)});
              }
              return out;
            });
          }};
}

}  // namespace authprobe::conformance::jwt
