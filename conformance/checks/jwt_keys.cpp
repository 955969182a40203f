// JWT-11, JWT-12, JWT-14 … JWT-18: which key verifies a token is the server's choice, never the
// token's (RFC 8725 §3.1, §3.10; RFC 7515 §4.1.3-§4.1.6, §4.1.11).
#include <array>
#include <chrono>
#include <thread>

#include "conformance/checks/jwt_factories.hpp"
#include "conformance/checks/jwt_support.hpp"
#include "conformance/forge/attacks.hpp"
#include "conformance/forge/base64url.hpp"
#include "conformance/forge/json_text.hpp"
#include "conformance/forge/jwk.hpp"
#include "conformance/forge/jwks_listener.hpp"
#include "conformance/forge/key_encodings.hpp"
#include "conformance/http_constants.hpp"

namespace authprobe::conformance::jwt {
namespace {

constexpr std::string_view attacker_kid = "authprobe-attacker";
constexpr std::string_view unknown_kid = "authprobe-unknown-kid";
// A target that fetches keys does so while validating; a short grace catches a late fetch.
constexpr std::chrono::milliseconds fetch_grace{300};
// JWT-16: the injected "sleep 10" must not add this much latency (catalog: Δ < 1 s).
constexpr double max_injection_delay_ms = 1000.0;

constexpr std::array hmac_algs{forge::Alg::HS256, forge::Alg::HS384, forge::Alg::HS512};

std::optional<std::string> needs_asymmetric(const TargetProfile& target) {
  if (auto missing = needs_jwt(target)) return missing;
  if (target.token.alg.rfind("HS", 0) == 0) return "applies to servers that sign with RS*/PS*/ES*/EdDSA";
  return std::nullopt;
}

std::optional<std::string> needs_key_and_kid(const TargetProfile& target) {
  if (auto missing = needs_key(target)) return missing;
  if (!target.token.uses_kid) return "the profile declares no kid use (V6)";
  return std::nullopt;
}

Needed<Forgery> asymmetric_forgery(std::string name, const nlohmann::json& header, const std::string& payload,
                                   forge::Alg alg, const forge::PKey& key) {
  const auto input = forge::signing_input(header.dump(), payload);
  auto signature = forge::sign(alg, key, input);
  if (!signature) return tl::unexpected(Unmet{signature.error()});
  return Forgery{std::move(name), forge::append_signature(input, *signature)};
}

// RFC 8725 §3.1: each key is used with exactly one algorithm.
std::vector<forge::Alg> sibling_algs(forge::Alg alg) {
  switch (alg) {
    case forge::Alg::HS256: return {forge::Alg::HS384, forge::Alg::HS512};
    case forge::Alg::HS384: return {forge::Alg::HS256, forge::Alg::HS512};
    case forge::Alg::HS512: return {forge::Alg::HS256, forge::Alg::HS384};
    case forge::Alg::RS256: return {forge::Alg::PS256};
    case forge::Alg::PS256: return {forge::Alg::RS256};
    case forge::Alg::ES256: return {forge::Alg::ES384};
    default: return {};
  }
}

}  // namespace

// CVE-2015-9235 family: the public key used as an HMAC secret (jwt_tool -X k).
Check rejects_public_key_as_hmac_secret() {
  return {.id = "JWT-11", .level = Level::bcp, .cites = "RFC 8725 §3.1, §2.1; RFC 7515 §4.1.1",
          .mode = Mode::black_box,
          .summary = "HS256/384/512 keyed with any encoding of the server's public key is refused",
          .applies = needs_asymmetric,
          .run = [](Context& ctx) {
            auto base = confirmed_base_token(ctx);
            if (!base) return errored(base.error().reason);
            auto pub = public_key(ctx, *base);
            if (!pub) return skipped(pub.error().reason);
            auto p_star = escalated_payload(ctx, *base);
            if (!p_star) return errored(p_star.error().reason);
            auto encodings = forge::confusion_encodings(pub->key);
            if (!encodings) return errored(encodings.error());
            if (!pub->published_jwk.empty()) encodings->push_back({"JWK as published", pub->published_jwk});
            const auto kid = forge::kid_of(base->parts.header_json);
            std::vector<Forgery> forgeries;
            for (const auto alg : hmac_algs) {
              const auto input = forge::signing_input(forge::attack_header(forge::alg_name(alg), kid).dump(), *p_star);
              for (const auto& encoding : *encodings) {
                auto mac = forge::hmac_sign(alg, encoding.bytes, input);
                if (!mac) return errored(mac.error());
                forgeries.push_back({std::string(forge::alg_name(alg)) + " keyed with " + encoding.name,
                                     forge::append_signature(input, *mac)});
              }
            }
            Finding finding = judge_forgeries(ctx, forgeries);
            finding.detail = "public key from " + pub->source + "\n" + finding.detail;
            return finding;
          }};
}

// RFC 8725 §3.1: the real key under a sibling algorithm must not verify.
Check rejects_real_key_under_other_alg() {
  return {.id = "JWT-12", .level = Level::bcp, .cites = "RFC 8725 §3.1; RFC 7517 §4.4", .mode = Mode::key_known,
          .summary = "P* signed with the real key under another alg of its family is refused", .applies = needs_key,
          .run = [](Context& ctx) {
            auto keyed = keyed_base(ctx);
            if (!keyed) return errored(keyed.error().reason);
            const auto siblings = sibling_algs(keyed->key.alg);
            if (siblings.empty()) return skipped("no sibling algorithm for " + std::string(forge::alg_name(keyed->key.alg)));
            auto p_star = escalated_payload(ctx, keyed->base);
            if (!p_star) return errored(p_star.error().reason);
            std::vector<Forgery> forgeries;
            for (const auto alg : siblings) {
              auto header = forge::with_member(keyed->base.parts.header_json, "alg", std::string(forge::alg_name(alg)));
              if (!header) return errored(header.error());
              auto token = keyed->key.mint(*header, *p_star, alg);
              if (!token) return errored(token.error());
              forgeries.push_back({"real key, alg " + std::string(forge::alg_name(alg)), *token});
            }
            return judge_forgeries(ctx, forgeries);
          }};
}

// CVE-2018-0114: a key embedded in the header is never trusted (jwt_tool -X i).
Check rejects_embedded_jwk() {
  return {.id = "JWT-14", .level = Level::bcp, .cites = "RFC 8725 §3.10; RFC 7515 §4.1.3", .mode = Mode::black_box,
          .summary = "tokens signed by ATK and carrying ATK's jwk in the header are refused", .applies = needs_jwt,
          .run = [](Context& ctx) {
            auto atk = attacker_keys();
            if (!atk) return errored(atk.error().reason);
            const auto* keys = *atk;
            return run_forgeries(ctx, [keys](const BaseToken& base, const std::string& p_star) -> Needed<std::vector<Forgery>> {
              const auto kid = forge::kid_of(base.parts.header_json);
              std::vector<Forgery> out;
              for (const auto& [alg, key] : {std::pair{forge::Alg::RS256, keys->rsa}, std::pair{forge::Alg::ES256, keys->ec}}) {
                auto jwk = forge::public_jwk(key);
                if (!jwk) return tl::unexpected(Unmet{jwk.error()});
                if (kid) (*jwk)["kid"] = *kid;
                auto header = forge::attack_header(forge::alg_name(alg), kid);
                header["jwk"] = *jwk;
                auto forgery = asymmetric_forgery(std::string(forge::alg_name(alg)) + " with ATK's jwk embedded",
                                                  header, p_star, alg, key);
                if (!forgery) return tl::unexpected(forgery.error());
                out.push_back(std::move(*forgery));
              }
              return out;
            });
          }};
}

// jwt_tool -X s: keys named by URL in the token are neither fetched nor trusted.
Check rejects_and_never_fetches_token_key_urls() {
  return {.id = "JWT-15", .level = Level::bcp, .cites = "RFC 8725 §3.10; RFC 7515 §4.1.2, §4.1.5, §4.1.6",
          .mode = Mode::black_box,
          .summary = "jku/x5u/x5c tokens signed by ATK are refused and the harness's listener sees no fetch",
          .applies = needs_jwt,
          .run = [](Context& ctx) {
            auto atk = attacker_keys();
            if (!atk) return errored(atk.error().reason);
            const auto* keys = *atk;
            auto jwk = forge::public_jwk(keys->rsa);
            auto cert_pem = forge::self_signed_certificate_pem(keys->rsa);
            auto cert_der = forge::self_signed_certificate_der(keys->rsa);
            if (!jwk || !cert_pem || !cert_der) return errored("could not encode the attacker key");
            (*jwk)["kid"] = attacker_kid;
            (*jwk)["alg"] = "RS256";
            (*jwk)["use"] = "sig";
            auto listener = forge::JwksListener::start(nlohmann::json{{"keys", nlohmann::json::array({*jwk})}}.dump(), *cert_pem);
            if (!listener) return errored(listener.error());
            const auto& l = **listener;
            Finding finding = run_forgeries(ctx, [&](const BaseToken&, const std::string& p_star) -> Needed<std::vector<Forgery>> {
              const std::optional<std::string> kid{std::string(attacker_kid)};
              auto jku = forge::attack_header("RS256", kid);
              jku["jku"] = l.url(forge::JwksListener::jwks_path);
              auto x5u = forge::attack_header("RS256", kid);
              x5u["x5u"] = l.url(forge::JwksListener::certificate_path);
              auto x5c = forge::attack_header("RS256", kid);
              x5c["x5c"] = nlohmann::json::array({forge::b64_encode(*cert_der)});
              std::vector<Forgery> out;
              for (const auto& [name, header] : {std::pair{"jku to the harness's JWKS", jku},
                                                 std::pair{"x5u to the harness's certificate", x5u},
                                                 std::pair{"x5c with a self-signed ATK certificate", x5c}}) {
                auto forgery = asymmetric_forgery(name, header, p_star, forge::Alg::RS256, keys->rsa);
                if (!forgery) return tl::unexpected(forgery.error());
                out.push_back(std::move(*forgery));
              }
              return out;
            }, std::string(refusal_expected) + "; zero fetches at the harness's listener");
            std::this_thread::sleep_for(fetch_grace);
            if (l.fetch_count() > 0) {
              finding.verdict = Verdict::fail;
              std::string paths;
              for (const auto& p : l.fetched_paths()) append_listed(paths, ", ", p);
              finding.actual += "; the target fetched from the harness's listener: " + paths;
              // The answers to the jku/x5u tokens came from keys the target fetched from this
              // listener, which closes with the check: a replay later cannot be answered the same.
              mark_state_dependent(finding, "the target fetched the token's keys from the harness's listener on 127.0.0.1:" +
                                                std::to_string(l.port()) + ", which served them only while JWT-15 ran");
            }
            finding.detail += "\nlistener on 127.0.0.1:" + std::to_string(l.port()) + ", fetches: " +
                              std::to_string(l.fetch_count()) +
                              " (meaningful only when the target can reach the harness's loopback)";
            return finding;
          }};
}

// jwt_tool playbook kid cases: the kid is a lookup key, never a path, command or query.
Check rejects_kid_injection() {
  return {.id = "JWT-16", .level = Level::bcp, .cites = "RFC 8725 §3.10; RFC 7515 §4.1.4", .mode = Mode::black_box,
          .summary = "kid path traversal, command and SQL injection, huge and non-string kids are refused without delay",
          .applies = needs_jwt,
          .run = [](Context& ctx) {
            auto base = confirmed_base_token(ctx);
            if (!base) return errored(base.error().reason);
            auto p_star = escalated_payload(ctx, *base);
            if (!p_star) return errored(p_star.error().reason);
            std::vector<Part> parts;
            double reference_ms = 0.0;
            std::optional<std::size_t> sleep_part;
            for (const auto& injection : forge::kid_injections()) {
              const std::string header = R"({"alg":"HS256","typ":"at+jwt","kid":)" + injection.kid_json + "}";
              const auto input = forge::signing_input(header, *p_star);
              auto mac = forge::hmac_sign(forge::Alg::HS256, injection.hmac_key, input);
              if (!mac) return errored(mac.error());
              const bool oversized = injection.kid_json.size() >= forge::oversized_kid_bytes;
              parts.push_back(expect_refused(ctx, {injection.name, forge::append_signature(input, *mac), oversized}));
              const auto& ex = parts.back().exchange;
              const double ms = ex && ex->response ? ex->response->elapsed_ms : 0.0;
              if (injection.measure_latency) {
                sleep_part = parts.size() - 1;
              } else if (!oversized) {
                reference_ms = std::max(reference_ms, ms);
              }
            }
            if (sleep_part) {
              auto& part = parts[*sleep_part];
              const double ms = part.exchange && part.exchange->response ? part.exchange->response->elapsed_ms : 0.0;
              const double delta = ms - reference_ms;
              part.note += "; latency " + std::to_string(ms) + " ms vs slowest other case " + std::to_string(reference_ms) + " ms";
              if (delta >= max_injection_delay_ms) {
                part.verdict = Verdict::fail;
                part.note += " (the injected sleep ran)";
              }
            }
            return combine_parts(parts, std::string(refusal_expected) + "; the |sleep 10 case adds < 1 s");
          },
          .timing = true};
}

// RFC 7515 §4.1.4: a kid the server does not know selects no key.
Check rejects_unknown_kid() {
  return {.id = "JWT-17", .level = Level::must, .cites = "RFC 7515 §4.1.4; RFC 9068 §4; RFC 8725 §3.12",
          .mode = Mode::key_known, .summary = "a validly signed token with an unknown kid is refused",
          .applies = needs_key_and_kid,
          .run = [](Context& ctx) {
            auto keyed = keyed_base(ctx);
            if (!keyed) return errored(keyed.error().reason);
            auto header = forge::with_member(keyed->base.parts.header_json, "kid", std::string(unknown_kid));
            if (!header) return errored(header.error());
            auto token = keyed->key.mint(*header, keyed->fresh_payload);
            if (!token) return errored(token.error());
            Finding finding = judge_forgeries(ctx, {{"real key, kid \"" + std::string(unknown_kid) + "\"", *token}});
            finding.detail += "\nnot run: a key the issuer uses for another purpose (the profile names none)";
            return finding;
          }};
}

// RFC 7515 §4.1.11: an extension marked critical and not understood invalidates the JWS.
Check rejects_unknown_critical_header() {
  return {.id = "JWT-18", .level = Level::must, .cites = "RFC 7515 §4.1.11", .mode = Mode::key_known,
          .summary = "a validly signed token with an unknown crit extension is refused", .applies = needs_key,
          .run = [](Context& ctx) {
            auto keyed = keyed_base(ctx);
            if (!keyed) return errored(keyed.error().reason);
            const auto& h0 = keyed->base.parts.header_json;
            std::vector<Part> parts;
            auto with_crit = [&](std::string_view crit, bool extension) -> forge::Result<std::string> {
              auto header = forge::with_member_raw(h0, "crit", crit);
              if (header && extension) header = forge::with_member_raw(*header, "urn:example:x", "true");
              if (!header) return header;
              return keyed->key.mint(*header, keyed->fresh_payload);
            };
            auto must = with_crit(R"(["urn:example:x"])", true);
            if (!must) return errored(must.error());
            parts.push_back(expect_refused(ctx, {"crit [\"urn:example:x\"] (unknown, critical)", *must}));
            // RFC 7515 §4.1.11 lets these be rejected; accepting them is reported, not failed.
            for (const auto& [name, crit] : {std::pair{"crit []", "[]"}, std::pair{"crit [\"alg\"]", R"(["alg"])"},
                                             std::pair{"crit naming an absent parameter", R"(["urn:example:absent"])"}}) {
              auto token = with_crit(crit, false);
              if (!token) return errored(token.error());
              // Either outcome passes; the note records which one the target chose.
              parts.push_back(expect_accepted(ctx, std::string(name) + " (MAY be rejected: either outcome)", *token,
                                              Verdict::pass));
            }
            return combine_parts(parts, "unknown critical extension refused (401); crit [], [\"alg\"] and absent names may go either way");
          }};
}

}  // namespace authprobe::conformance::jwt
