// BEARER-01 … BEARER-08: the Authorization header method and how refusals look (RFC 6750 §2.1, §3).
#include <chrono>
#include <thread>

#include "conformance/checks/bearer_support.hpp"
#include "conformance/checks/forgery_guard.hpp"
#include "conformance/checks/jwt_factories.hpp"
#include "conformance/forge/attacks.hpp"
#include "conformance/forge/compact.hpp"
#include "conformance/forge/json_text.hpp"
#include "conformance/http_constants.hpp"
#include "conformance/verdict_rules.hpp"

namespace authprobe::conformance::jwt {
namespace {

// BEARER-04 in [B] mode waits for a short-TTL token to expire; longer TTLs need [K].
constexpr std::chrono::seconds max_ttl_wait{5};
constexpr std::int64_t hour_seconds = 3600;
constexpr std::size_t long_token_bytes = 8 * 1024;

Request read_request(const Context& ctx) { return resource_request(*ctx.target().endpoints.bearer_read); }

Part judge_success(const std::string& name, const SendResult& result) {
  Part part{Verdict::fail, name + ": " + describe(result), std::nullopt};
  part.exchange = result ? result->exchange : result.error().exchange;
  if (!result) part.verdict = Verdict::error;
  else if (http::status::is_success(result->status)) part.verdict = Verdict::pass;
  return part;
}

}  // namespace

// RFC 6750 §3, RFC 9110 §15.5.2: no credentials -> 401 + Bearer challenge, no error (D7).
Check challenges_request_without_token() {
  return {.id = "BEARER-01", .level = Level::must, .cites = "RFC 6750 §3; RFC 9110 §15.5.2", .mode = Mode::black_box,
          .summary = "no credentials: 401 with a Bearer challenge without an error attribute", .applies = needs_bearer_resource,
          .run = [](Context& ctx) {
            return combine_parts({judge_no_credentials("no Authorization header", ctx.send(read_request(ctx)))},
                                 "401; WWW-Authenticate: Bearer without error");
          }};
}

// RFC 6750 §2.1: resource servers MUST support the Authorization header method.
Check accepts_token_in_authorization_header() {
  return {.id = "BEARER-02", .level = Level::must, .cites = "RFC 6750 §2.1", .mode = Mode::black_box,
          .summary = "Authorization: Bearer T opens the read resource", .applies = needs_bearer,
          .run = [](Context& ctx) {
            auto grant = ctx.session().token(base_user);
            if (!grant) return errored(grant.error().reason);
            return combine_parts({judge_success("Bearer T", ctx.send(read_request(ctx).with_bearer(grant->access_token)))}, "2xx");
          }};
}

// RFC 6750 §3.1: an invalid token -> 401 error="invalid_token"; §3: the refusal MUST carry the
// challenge, which is this check's subject as much as the status (catalog V10).
Check refuses_invalid_token_with_invalid_token() {
  return {.id = "BEARER-03", .level = Level::should, .cites = "RFC 6750 §3, §3.1", .mode = Mode::black_box,
          .summary = "Bearer abc and a tampered token: 401 with error=\"invalid_token\"", .applies = needs_bearer,
          .run = [](Context& ctx) {
            auto grant = ctx.session().token(base_user);
            if (!grant) return errored(grant.error().reason);
            const RefusalRule rule{.level = Level::should, .challenge_is_subject = true};
            std::vector<Part> parts;
            const auto judge = [&](const Forgery& forgery) {
              if (auto unchanged = unchanged_forgery(ctx, forgery)) return parts.push_back(*unchanged);
              parts.push_back(judge_invalid_token(ctx, forgery.name, ctx.send(read_request(ctx).with_bearer(forgery.token)), rule));
            };
            judge({"Bearer abc", "abc", false, grant->access_token});
            const bool jws = forge::decode_compact(grant->access_token).has_value();
            const std::string name = jws ? "T with a changed payload character" : "T (opaque) with a changed character";
            if (auto changed = tampered(grant->access_token)) {
              judge({name, *changed, false, grant->access_token});
            } else {
              parts.push_back({Verdict::skip, name + ": not sent: T has no character to change", std::nullopt});
            }
            return combine_parts(parts, "401; WWW-Authenticate: Bearer error=\"invalid_token\"");
          }};
}

// RFC 6750 §3.1, RFC 7519 §4.1.4: an expired token -> 401 invalid_token.
Check refuses_expired_token_with_invalid_token() {
  return {.id = "BEARER-04", .level = Level::should, .cites = "RFC 6750 §3.1; RFC 7519 §4.1.4; RFC 9068 §4",
          .mode = Mode::black_box,
          .summary = "an expired token: 401 with error=\"invalid_token\" ([B] short TTL, a kept expired token, or [K])",
          .applies = [](const TargetProfile& target) -> std::optional<std::string> {
            if (auto missing = needs_bearer(target)) return missing;
            const bool short_ttl = target.token.ttl && *target.token.ttl + target.token.leeway <= max_ttl_wait;
            const auto* alice = target.user(base_user);
            const bool kept = alice != nullptr && alice->expired_token.has_value();
            if (!target.key_known() && !short_ttl && !kept) {
              return "needs the signing key, an access-token TTL of at most 5 s, or users.alice.expired_token";
            }
            return std::nullopt;
          },
          .run = [](Context& ctx) {
            std::string token;
            const auto* alice = ctx.target().user(base_user);
            if (alice != nullptr && alice->expired_token) {
              // The tester kept an expired token (opaque-token servers, no key): the surest probe.
              auto kept = ctx.session().expired_token(base_user);
              if (!kept) return errored(kept.error().reason);
              token = *kept;
            } else if (ctx.target().key_known() && ctx.target().token.type == TokenType::jwt) {
              auto keyed = keyed_base(ctx);
              if (!keyed) return errored(keyed.error().reason);
              auto payload = forge::with_member(keyed->fresh_payload, "exp", now() - hour_seconds);
              if (!payload) return errored(payload.error());
              auto minted = keyed->key.mint(keyed->base.parts.header_json, *payload);
              if (!minted) return errored(minted.error());
              token = *minted;
            } else {
              auto grant = ctx.session().fresh_token(base_user);
              if (!grant) return errored(grant.error().reason);
              token = grant->access_token;
              std::this_thread::sleep_for(*ctx.target().token.ttl + ctx.target().token.leeway + std::chrono::seconds{1});
            }
            return combine_parts({judge_invalid_token(ctx, "expired token", ctx.send(read_request(ctx).with_bearer(token)),
                                                      RefusalRule{.level = Level::should})},
                                 "401; WWW-Authenticate: Bearer error=\"invalid_token\"");
          }};
}

// RFC 6750 §3.1 ("revoked"), RFC 7009: a revoked token is refused.
Check refuses_revoked_token() {
  return {.id = "BEARER-05", .level = Level::should, .cites = "RFC 6750 §3.1; ASVS 4.0.3 V3.3.1", .mode = Mode::black_box,
          .summary = "a token revoked through RFC 7009 is refused with 401 invalid_token",
          .applies = [](const TargetProfile& target) -> std::optional<std::string> {
            if (auto missing = needs_bearer(target)) return missing;
            if (!target.flows.revocation || !target.endpoints.revocation) return "the profile declares no revocation";
            return std::nullopt;
          },
          .run = [](Context& ctx) {
            auto grant = ctx.session().fresh_token(base_user);
            if (!grant) return errored(grant.error().reason);
            const auto before = ctx.send(read_request(ctx).with_bearer(grant->access_token));
            if (!before || !http::status::is_success(before->status)) {
              return errored("the fresh token got " + describe(before) + " before revocation");
            }
            const auto& endpoint = *ctx.target().endpoints.revocation;
            const auto revoke = ctx.send(ctx.session().with_client_auth(
                req::method(endpoint.method, endpoint.path),
                {{"token", grant->access_token}, {"token_type_hint", "access_token"}}));
            if (!revoke || !http::status::is_success(revoke->status)) {
              return errored("revocation got " + describe(revoke) + " (TOKEN-28 judges the endpoint)");
            }
            Part part = judge_invalid_token(ctx, "the revoked token", ctx.send(read_request(ctx).with_bearer(grant->access_token)),
                                            RefusalRule{.level = Level::should});
            if (part.verdict == Verdict::fail && part.note.find("(accepted)") != std::string::npos) part.verdict = Verdict::warn;
            return combine_parts({part}, "401; WWW-Authenticate: Bearer error=\"invalid_token\"");
          }};
}

// RFC 9110 §11.1: the auth-scheme is case-insensitive.
Check accepts_scheme_in_any_case() {
  return {.id = "BEARER-06", .level = Level::must, .cites = "RFC 9110 §11.1", .mode = Mode::black_box,
          .summary = "bearer T and BEARER T are accepted", .applies = needs_bearer,
          .run = [](Context& ctx) {
            auto grant = ctx.session().token(base_user);
            if (!grant) return errored(grant.error().reason);
            std::vector<Part> parts;
            for (const auto* scheme : {"bearer", "BEARER"}) {
              parts.push_back(judge_success(std::string(scheme) + " T",
                                            ctx.send(read_request(ctx).with_authorization(std::string(scheme) + " " + grant->access_token))));
            }
            return combine_parts(parts, "2xx for both spellings");
          }};
}

// RFC 6750 §3: another scheme is "no authentication information" for a Bearer resource.
Check challenges_other_schemes() {
  return {.id = "BEARER-07", .level = Level::must, .cites = "RFC 6750 §3", .mode = Mode::black_box,
          .summary = "Basic or Token credentials get 401 with a Bearer challenge and no error", .applies = needs_bearer_resource,
          .run = [](Context& ctx) {
            const auto* user = ctx.target().user(base_user);
            std::vector<Part> parts;
            if (user != nullptr) {
              parts.push_back(judge_no_credentials("Basic <alice>", ctx.send(read_request(ctx).with_basic(user->username, user->password))));
            } else {
              parts.push_back({Verdict::skip, "Basic <alice>: not sent: the profile gives no user alice", std::nullopt});
            }
            // "Token T" needs the real T: a server that forwards the raw value as a token is caught
            // only by one it would accept.
            if (auto grant = ctx.session().token(base_user)) {
              parts.push_back(judge_no_credentials("Token T", ctx.send(read_request(ctx).with_authorization("Token " + grant->access_token))));
            } else {
              parts.push_back({Verdict::skip, "Token T: not sent: no token for alice (" + grant.error().reason + ")", std::nullopt});
            }
            return combine_parts(parts, "401; WWW-Authenticate: Bearer without error");
          }};
}

// RFC 6750 §2.1 (b64token), §3.1: malformed credentials -> 400 invalid_request or 401 invalid_token.
Check refuses_malformed_b64token() {
  return {.id = "BEARER-08", .level = Level::should, .cites = "RFC 6750 §2.1, §3.1", .mode = Mode::black_box,
          .summary = "malformed Bearer values get 400 invalid_request or 401 invalid_token with a challenge",
          .applies = needs_bearer_resource,
          .run = [](Context& ctx) {
            const std::vector<std::pair<std::string, std::string>> values{
                {"Bearer alone", "Bearer"}, {"Bearer and spaces", "Bearer    "}, {"Bearer a b", "Bearer a b"},
                {"Bearer tok,en", "Bearer tok,en"}, {"Bearer t\xC3\xB6k", "Bearer t\xC3\xB6k"},
                {"Bearer + 8 KiB", "Bearer " + std::string(long_token_bytes, 'A')}};
            // The challenge's presence is BEARER-01/03's subject (V1): here a missing one is D11 on
            // a 401 and unjudged on a 400, whose code may stand in a JSON error member (V10).
            const RefusalRule rule{.level = Level::should, .challenge_is_subject = false, .bad_request_ok = true};
            std::vector<Part> parts;
            for (const auto& [name, value] : values) {
              const auto result = ctx.send(read_request(ctx).with_authorization(value));
              Part part = judge_invalid_token(ctx, name, result, rule);
              // RFC 6585 §5: a header over the server's limit may be refused by the HTTP layer
              // before authentication (400/413/431 without a challenge).
              if (result && value.size() > long_token_bytes &&
                  (result->status == http::status::bad_request || result->status == http::status::payload_too_large ||
                   result->status == http::status::request_header_fields_too_large)) {
                part.verdict = Verdict::pass;
                part.note += " (refused by the HTTP layer's header limit)";
              }
              parts.push_back(std::move(part));
            }
            return combine_parts(parts, "400 invalid_request or 401 invalid_token (the code in the Bearer challenge, or a 400's JSON "
                                        "error member); never 5xx");
          }};
}

}  // namespace authprobe::conformance::jwt
