#include "conformance/checks/jwt_support.hpp"

#include "conformance/checks/jwks_reader.hpp"

#include "conformance/checks/support.hpp"

#include <algorithm>
#include <cctype>

#include "conformance/checks/forgery_guard.hpp"
#include "conformance/forge/base64url.hpp"
#include "conformance/forge/claims.hpp"
#include "conformance/forge/json_text.hpp"
#include "conformance/forge/jwk.hpp"
#include "conformance/http_constants.hpp"
#include "conformance/verdict_rules.hpp"

namespace authprobe::conformance::jwt {
namespace {

// A finding lists at most this many exchanges and notes; the rest are counted.
constexpr std::size_t max_evidence = 5;
constexpr std::size_t max_actual_notes = 6;

bool http_layer_refusal(int status) {
  return status == http::status::bad_request || status == http::status::payload_too_large ||
         status == http::status::request_header_fields_too_large;
}

// RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=".
bool is_b64token(std::string_view value) {
  const auto body_end = value.find_last_not_of('=');
  if (body_end == std::string_view::npos) return false;
  return std::all_of(value.begin(), value.begin() + static_cast<std::ptrdiff_t>(body_end + 1), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.' || c == '_' || c == '~' ||
           c == '+' || c == '/';
  });
}

std::string endpoint_name(const Endpoint& endpoint) { return endpoint.method + " " + endpoint.path; }

}  // namespace

std::int64_t now() { return forge::now_seconds(); }

void append_listed(std::string& out, std::string_view separator, std::string_view item) {
  if (!out.empty()) out.append(separator);
  out.append(item);
}

Needed<const forge::AttackerKeys*> attacker_keys() {
  static const forge::Result<forge::AttackerKeys> keys = forge::generate_attacker_keys();
  if (!keys) return tl::unexpected(Unmet{"could not generate the attacker keys: " + keys.error()});
  return &*keys;
}

std::optional<std::string> needs_bearer(const TargetProfile& target) {
  if (!target.endpoints.bearer_read) return "the profile declares no bearer read resource";
  return support::needs_token_source(target);
}

std::optional<std::string> needs_bearer_resource(const TargetProfile& target) {
  if (!target.endpoints.bearer_read) return "the profile declares no bearer read resource";
  return std::nullopt;
}

std::optional<std::string> needs_jwt(const TargetProfile& target) {
  if (auto missing = needs_bearer(target)) return missing;
  if (target.token.type != TokenType::jwt) return "the target issues opaque tokens, not JWTs";
  return std::nullopt;
}

std::optional<std::string> needs_key(const TargetProfile& target) {
  if (auto missing = needs_jwt(target)) return missing;
  if (!target.key_known()) return "[K] check: the profile provides no signing key";
  return std::nullopt;
}

Request resource_request(const Endpoint& endpoint) {
  Request request = req::method(endpoint.method, endpoint.path);
  if (!endpoint.body.empty()) request = request.with_body(endpoint.content_type, endpoint.body);
  return request;
}

std::vector<Endpoint> attack_endpoints(const TargetProfile& target) {
  std::vector<Endpoint> out;
  if (target.endpoints.bearer_read) out.push_back(*target.endpoints.bearer_read);
  if (target.endpoints.bearer_admin) out.push_back(*target.endpoints.bearer_admin);
  return out;
}

SendResult send_bearer(Context& ctx, const Endpoint& endpoint, std::string_view token) {
  return ctx.send(resource_request(endpoint).with_bearer(token));
}

std::string describe(const SendResult& result) {
  if (!result) return "transport failure: " + result.error().message;
  return std::to_string(result->status);
}

Needed<BaseToken> base_token(Context& ctx, std::string_view user) {
  auto grant = ctx.session().token(user);
  if (!grant) return tl::unexpected(grant.error());
  auto parts = forge::decode_compact(grant->access_token);
  if (!parts) {
    return tl::unexpected(Unmet{"the token of " + std::string(user) + " is not a compact JWS: " + parts.error()});
  }
  return BaseToken{grant->access_token, std::move(*parts)};
}

Needed<BaseToken> confirmed_base_token(Context& ctx) {
  auto base = base_token(ctx);
  if (!base) return base;
  const auto read = ctx.target().endpoints.bearer_read;
  if (!read) return tl::unexpected(Unmet{"the profile declares no bearer read resource"});
  const auto control = send_bearer(ctx, *read, base->raw);
  if (!control || !http::status::is_success(control->status)) {
    return tl::unexpected(Unmet{"baseline BEARER-02 failed: the unmodified token got " + describe(control) +
                                " at " + endpoint_name(*read)});
  }
  return base;
}

Needed<std::string> escalated_payload(const Context& ctx, const BaseToken& base) {
  const auto& target = ctx.target();
  const auto escalation = forge::escalation_for({target.scope("read"), target.scope("write"), target.scope("admin")});
  auto payload = forge::escalate(base.parts.payload_json, escalation);
  if (!payload) return tl::unexpected(Unmet{"the payload of T0 is not a JSON object: " + payload.error()});
  // Targets that keep scopes or roles under other claim names get those raised as well.
  // An empty claim name means the target keeps that information server-side: nothing to raise.
  if (!target.token.scope_claim.empty() && target.token.scope_claim != "scope") {
    if (auto raised = forge::with_member(*payload, target.token.scope_claim, forge::scope_of(*payload))) {
      payload = std::move(*raised);
    }
  }
  if (!target.token.roles_claim.empty() && target.token.roles_claim != "roles" && target.token.roles_claim != "role") {
    if (auto raised = forge::with_member(*payload, target.token.roles_claim, nlohmann::json::array({escalation.role}))) {
      payload = std::move(*raised);
    }
  }
  return *payload;
}

Needed<std::string> fresh_payload(const BaseToken& base) {
  auto payload = forge::with_member(base.parts.payload_json, "exp", now() + forge::forged_lifetime_seconds);
  if (!payload) return tl::unexpected(Unmet{"the payload of T0 is not a JSON object: " + payload.error()});
  return *payload;
}

std::optional<Part> unchanged_forgery(Context& ctx, const Forgery& forgery) {
  std::optional<std::string> why;
  if (!forgery.derived_from.empty()) {
    why = same_as_original(forgery.token, forgery.derived_from, "the genuine token it was made from");
  } else if (auto t0 = ctx.session().token(base_user)) {
    why = same_as_original(forgery.token, t0->access_token, "the genuine token T0 of " + std::string(base_user));
  }
  if (!why) return std::nullopt;
  return Part{Verdict::skip, forgery.name + ": " + *why, std::nullopt};
}

Part expect_refused(Context& ctx, const Forgery& forgery) {
  if (auto unchanged = unchanged_forgery(ctx, forgery)) return *unchanged;
  Part part;
  std::string statuses;
  Verdict worst = Verdict::skip;
  for (const auto& endpoint : attack_endpoints(ctx.target())) {
    const auto result = send_bearer(ctx, endpoint, forgery.token);
    Verdict verdict = Verdict::error;
    std::optional<Exchange> exchange;
    if (!result) {
      exchange = result.error().exchange;
      // A closed connection on a huge header is a refusal, not a failure to run.
      verdict = forgery.http_refusal_ok ? Verdict::pass : Verdict::error;
    } else {
      exchange = result->exchange;
      verdict = judge_token_refusal(result->status);
      if (forgery.http_refusal_ok && http_layer_refusal(result->status)) verdict = Verdict::pass;
      // A value outside the b64token grammar is a malformed request: RFC 6750 §3.1 allows 400
      // invalid_request for it, as BEARER-08 does.
      if (result->status == http::status::bad_request && !is_b64token(forgery.token)) verdict = Verdict::pass;
      if (auto leak = leak_in(result->body)) {
        verdict = Verdict::fail;
        statuses += " [" + *leak + "]";
      }
    }
    if (!statuses.empty()) statuses += ", ";
    statuses += endpoint_name(endpoint) + " " + describe(result);
    if (!part.exchange || combine(worst, verdict) != worst) part.exchange = exchange;
    worst = combine(worst, verdict);
  }
  part.verdict = worst;
  part.note = forgery.name + ": " + statuses;
  return part;
}

Finding judge_forgeries(Context& ctx, const std::vector<Forgery>& forgeries, std::string expected) {
  std::vector<Part> parts;
  parts.reserve(forgeries.size());
  for (const auto& forgery : forgeries) parts.push_back(expect_refused(ctx, forgery));
  return combine_parts(parts, std::move(expected));
}

Finding run_forgeries(Context& ctx, const ForgeryBuilder& build, std::string expected) {
  auto base = confirmed_base_token(ctx);
  if (!base) return errored(base.error().reason);
  auto p_star = escalated_payload(ctx, *base);
  if (!p_star) return errored(p_star.error().reason);
  auto forgeries = build(*base, *p_star);
  if (!forgeries) return errored(forgeries.error().reason);
  return judge_forgeries(ctx, *forgeries, std::move(expected));
}

Finding combine_parts(const std::vector<Part>& parts, std::string expected) {
  if (parts.empty()) return errored("no part of the check could be sent");
  Verdict verdict = Verdict::skip;
  for (const auto& part : parts) verdict = combine(verdict, part.verdict);
  if (verdict == Verdict::skip) {
    std::string reasons;
    for (const auto& part : parts) append_listed(reasons, "; ", part.note);
    return skipped(reasons);
  }
  Finding finding = make_finding(verdict, std::move(expected), {});
  std::size_t shown = 0;
  std::size_t matching = 0;
  for (const auto& part : parts) {
    append_listed(finding.detail, "\n", std::string(to_string(part.verdict)) + "  " + part.note);
    if (part.verdict != verdict) continue;
    ++matching;
    if (shown < max_actual_notes) {
      append_listed(finding.actual, "; ", part.note);
      ++shown;
    }
    if (part.exchange && finding.evidence.size() < max_evidence) {
      finding.evidence.push_back(*part.exchange);
      finding.evidence.back().decisive = finding.evidence.size() == 1 && verdict != Verdict::pass;
    }
  }
  if (matching > shown) finding.actual += "; and " + std::to_string(matching - shown) + " more";
  if (finding.evidence.empty() && parts.front().exchange) finding.evidence.push_back(*parts.front().exchange);
  return finding;
}

forge::Result<std::string> ServerKey::mint(std::string_view header_json, std::string_view payload_json,
                                           std::optional<forge::Alg> use) const {
  const forge::Alg chosen = use.value_or(alg);
  const std::string input = forge::signing_input(header_json, payload_json);
  auto signature = forge::is_hmac(chosen) ? forge::hmac_sign(chosen, hmac_secret, input)
                                          : forge::sign(chosen, private_key, input);
  if (!signature) return forge::fail(signature.error());
  return forge::append_signature(input, *signature);
}

Needed<ServerKey> server_key(const TargetProfile& target) {
  const auto alg = forge::alg_from_name(target.token.alg);
  if (!alg) return tl::unexpected(Unmet{"the profile's signing alg \"" + target.token.alg + "\" is not supported"});
  ServerKey key;
  key.alg = *alg;
  const auto& given = target.token.key;
  if (forge::is_hmac(*alg)) {
    if (!given.hs_secret_b64u) return tl::unexpected(Unmet{"the profile gives no HMAC secret"});
    auto secret = forge::b64url_decode_lenient(*given.hs_secret_b64u);
    if (!secret) return tl::unexpected(Unmet{"the profile's HMAC secret is not base64url"});
    key.hmac_secret = std::move(*secret);
    return key;
  }
  if (!given.pem) return tl::unexpected(Unmet{"the profile gives no private key PEM"});
  auto loaded = forge::load_private_pem(*given.pem);
  if (!loaded) return tl::unexpected(Unmet{"the profile's private key: " + loaded.error()});
  key.private_key = std::move(*loaded);
  return key;
}

Needed<KeyedBase> keyed_base(Context& ctx) {
  auto base = confirmed_base_token(ctx);
  if (!base) return tl::unexpected(base.error());
  auto key = server_key(ctx.target());
  if (!key) return tl::unexpected(key.error());
  auto payload = fresh_payload(*base);
  if (!payload) return tl::unexpected(payload.error());
  auto minted = key->mint(base->parts.header_json, *payload);
  if (!minted) return tl::unexpected(Unmet{"could not mint with the profile key: " + minted.error()});
  const auto read = *ctx.target().endpoints.bearer_read;
  const auto control = send_bearer(ctx, read, *minted);
  if (!control || !http::status::is_success(control->status)) {
    return tl::unexpected(Unmet{"a token minted with the profile's key from H0 and a fresh P0 got " +
                                describe(control) + " at " + endpoint_name(read) +
                                ": the profile's key is not the target's"});
  }
  return KeyedBase{std::move(*base), std::move(*key), std::move(*payload)};
}

Part expect_accepted(Context& ctx, const std::string& name, const std::string& token, Verdict if_refused) {
  const auto read = *ctx.target().endpoints.bearer_read;
  const auto result = send_bearer(ctx, read, token);
  Part part;
  part.note = name + ": " + endpoint_name(read) + " " + describe(result) + " (expected acceptance)";
  if (!result) {
    part.verdict = Verdict::error;
    part.exchange = result.error().exchange;
    return part;
  }
  part.exchange = result->exchange;
  if (http::status::is_success(result->status)) {
    part.verdict = Verdict::pass;
  } else if (http::status::is_server_error(result->status)) {
    part.verdict = Verdict::fail;
  } else {
    part.verdict = if_refused;
  }
  return part;
}

namespace {

Needed<PublicKey> from_jwks(Context& ctx, const std::string& path, const BaseToken& base) {
  const auto result = ctx.send(req::get(path));
  if (!result || !http::status::is_success(result->status)) {
    return tl::unexpected(Unmet{"the JWKS at " + path + " got " + describe(result)});
  }
  const auto kid = forge::parse_object(base.parts.header_json).map([](const nlohmann::json& h) {
    return h.contains("kid") && h["kid"].is_string() ? h["kid"].get<std::string>() : std::string();
  });
  auto found = read_jwks(result->body, kid ? *kid : std::string());
  if (found) return PublicKey{std::move(found->key), std::move(found->jwk), "JWKS " + path};
  if (found.error() != JwksErrc::no_usable_key) return tl::unexpected(Unmet{"the JWKS at " + path + " is not a JWK Set"});
  return tl::unexpected(Unmet{"no usable key in the JWKS at " + path});
}

}  // namespace

Needed<PublicKey> public_key(Context& ctx, const BaseToken& base) {
  const auto& given = ctx.target().token.key;
  if (given.public_pem) {
    if (auto key = forge::load_public_pem(*given.public_pem)) return PublicKey{std::move(*key), {}, "profile public_pem"};
  }
  if (given.pem) {
    if (auto key = forge::load_private_pem(*given.pem)) return PublicKey{std::move(*key), {}, "profile private key"};
  }
  if (ctx.target().endpoints.jwks) return from_jwks(ctx, ctx.target().endpoints.jwks->path, base);
  if (given.jwks_url) {
    const auto& url = *given.jwks_url;
    const auto& origin = ctx.target().base_url;
    if (url.rfind(origin, 0) == 0) return from_jwks(ctx, url.substr(origin.size()), base);
    if (url.rfind('/', 0) == 0) return from_jwks(ctx, url, base);
    return tl::unexpected(Unmet{"the JWKS URL is not on the target's origin: " + url});
  }
  return tl::unexpected(Unmet{"the public key is unknown: give public_pem, a private key or a JWKS"});
}

}  // namespace authprobe::conformance::jwt
