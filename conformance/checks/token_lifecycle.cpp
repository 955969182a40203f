// TOKEN-22..27 — scope, token shape, throttling, refresh (TOKEN-28..32 in token_offered.cpp).
#include <chrono>
#include <cmath>
#include <set>

#include "conformance/checks/checks.hpp"
#include "conformance/checks/throttling.hpp"
#include "conformance/checks/token_offered.hpp"
#include "conformance/checks/token_support.hpp"

namespace authprobe::conformance {
namespace {

using namespace support;
using namespace token;
namespace status = http::status;

constexpr double min_jti_bits = 128.0;  // RFC 6749 §10.10: guessing probability <= 2^-128

// RFC 6749 §3.3, §5.2: unknown or malformed scope -> invalid_scope; wider scope -> narrowed.
Check rejects_invalid_scope() {
  return {.id = "TOKEN-22", .level = Level::must, .cites = "RFC 6749 §3.3, §5.2 (`invalid_scope`)",
          .summary = "unknown and malformed scopes get invalid_scope; read admin for alice is refused or narrowed",
          .applies = [](const TargetProfile& t) { return first_unmet(t, {needs_token_endpoint, needs_scopes}); },
          .run = [](Context& ctx) {
            Judged j("400 invalid_scope; `read admin`: invalid_scope or a narrowed token with a scope member");
            auto params = password_params(ctx);
            if (!params) return missing_alice();
            for (const std::string& scope : {std::string("nonexistent"), ctx.target().scope("read") + "\"x"}) {
              auto r = ctx.send(token_post(ctx, with(*params, {{"scope", scope}})));
              if (j.reached(r, scope)) part(j, ctx, judge_error(ctx, *r, http::oauth_error::invalid_scope), "scope=" + scope, r);
            }
            const std::string wide = ctx.target().scope("read") + " " + ctx.target().scope("admin");
            auto r = ctx.send(token_post(ctx, with(*params, {{"scope", wide}})));
            if (j.reached(r, "wide scope")) {
              if (issued_token(*r)) {
                const auto body = r->json();
                const bool narrowed = body->contains("scope") && (*body)["scope"].is_string() && (*body)["scope"].get<std::string>() != wide;
                part(j, ctx, narrowed ? Verdict::pass : Verdict::fail, "scope=" + wide + (narrowed ? " narrowed" : " granted as asked"), r);
              } else {
                part(j, ctx, judge_error(ctx, *r, http::oauth_error::invalid_scope), "scope=" + wide, r);
              }
            }
            return j.finish();
          }};
}

// RFC 6749 §5.1, §7.1: expires_in is a number; the token works with token_type as spelled.
Check returns_typed_token_response() {
  return {.id = "TOKEN-23", .level = Level::must,
          .cites = "RFC 6749 §5.1 (numbers as JSON numbers; `token_type` case-insensitive), §7.1",
          .summary = "expires_in is a JSON number; the token works with the scheme spelled as token_type",
          .applies = [](const TargetProfile& t) { return first_unmet(t, {needs_token_endpoint, needs_bearer_read}); },
          .run = [](Context& ctx) {
            Judged j("expires_in a number; 200 at the resource with `<token_type> <token>`");
            auto grant = ctx.session().fresh_token("alice");
            if (!grant) return errored(grant.error().reason);
            j.evidence(grant->exchange);
            if (grant->body.contains("expires_in")) {
              j.part(grant->body["expires_in"].is_number() ? Verdict::pass : Verdict::fail, "expires_in is " + grant->body["expires_in"].dump());
            }
            auto r = ctx.send(request_for(*ctx.target().endpoints.bearer_read).with_authorization(grant->token_type + " " + grant->access_token));
            if (j.reached(r, "resource")) {
              j.part(r->status == status::ok ? Verdict::pass : Verdict::fail,
                     "scheme `" + grant->token_type + "`, " + token_owner(ctx.target(), grant->access_token), r);
            }
            return j.finish();
          }};
}

// Entropy upper bound from the encoding: hex (UUIDs: dashes ignored) carries 4 bits a
// character, base64/base64url 6 bits rounded down to whole bytes, anything else log2 of its
// alphabet.
double estimated_bits(const std::string& text) {
  const auto is_hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  const auto is_b64 = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '+' || c == '/'; };
  constexpr double hex_bits = 4.0;
  constexpr std::size_t b64_bits = 6;
  constexpr std::size_t byte_bits = 8;
  if (std::all_of(text.begin(), text.end(), [&](char c) { return is_hex(c) || c == '-'; })) {
    return hex_bits * static_cast<double>(std::count_if(text.begin(), text.end(), is_hex));
  }
  if (std::all_of(text.begin(), text.end(), is_b64)) return static_cast<double>(text.size() * b64_bits / byte_bits * byte_bits);
  const std::set<char> alphabet(text.begin(), text.end());
  return std::log2(static_cast<double>(std::max<std::size_t>(alphabet.size(), 2))) * static_cast<double>(text.size());
}

// RFC 6749 §10.10; RFC 9068 §2.2: two grants give different tokens with a strong jti.
Check issues_unique_tokens() {
  return {.id = "TOKEN-24", .level = Level::must, .cites = "RFC 6749 §10.10 (guessing probability ≤ 2^-128); RFC 9068 §2.2 (`jti`)",
          .summary = "two grants in the same second yield different tokens and jti values",
          .applies = needs_token_endpoint,
          .run = [](Context& ctx) {
            Judged j("different access tokens; different jti with >= 128 bits");
            auto first = ctx.session().fresh_token("alice");
            auto second = ctx.session().fresh_token("alice");
            if (!first) return errored(first.error().reason);
            if (!second) return errored(second.error().reason);
            j.evidence(second->exchange);
            j.part(first->access_token != second->access_token ? Verdict::pass : Verdict::fail,
                   "access tokens differ (" + token_owner(ctx.target(), second->access_token) + ")");
            if (ctx.target().token.type == TokenType::jwt) {
              const auto a = jwt_payload(first->access_token);
              const auto b = jwt_payload(second->access_token);
              if (!a || !b || !a->contains("jti") || !b->contains("jti") || !(*a)["jti"].is_string()) {
                j.part(Verdict::fail, "no string jti claim");
              } else {
                const auto jti = (*a)["jti"].get<std::string>();
                j.part((*a)["jti"] != (*b)["jti"] ? Verdict::pass : Verdict::fail, "jti values differ");
                const double bits = estimated_bits(jti);
                j.part(bits >= min_jti_bits ? Verdict::pass : Verdict::fail, "jti carries about " + std::to_string(static_cast<int>(bits)) + " bits");
              }
            }
            return j.finish();
          }};
}

// RFC 6749 §4.3.2; ASVS V2.2.1; RFC 6819 §4.4.3.6: brute force at /token is throttled.
Check throttles_token_guessing() {
  return {.id = "TOKEN-25", .level = Level::must,
          .cites = "RFC 6749 §4.3.2 (protect against brute force); ASVS 4.0.3 V2.2.1; RFC 6819 §4.4.3.6",
          .summary = "wrong passwords at /token are throttled by the 100th failure",
          .applies = needs_token_endpoint,
          .run = [](Context& ctx) {
            auto params = password_params(ctx);
            if (!params) return missing_alice();
            return judge_throttling([&](int attempt) {
              FormParams guess = *params;
              guess[2].second = "guess-" + std::to_string(attempt);
              return ctx.send(token_post(ctx, guess));
            }, ThrottleSign::refusal, "429/Retry-After (or a growing delay) by the 100th failure");
          }};
}

std::optional<std::string> needs_refresh(const TargetProfile& t) {
  if (auto missing = needs_token_endpoint(t)) return missing;
  if (!t.flows.refresh_token) return "the profile declares no refresh tokens";
  return std::nullopt;
}

// RFC 6749 §6: refresh tokens are bound to their client and their original scope.
Check binds_refresh_tokens() {
  return {.id = "TOKEN-26", .level = Level::must, .cites = "RFC 6749 §6",
          .summary = "refresh works for its client only and never widens the scope",
          .applies = needs_refresh,
          .run = [](Context& ctx) {
            Judged j("(a) 200; (b) other client -> 400 invalid_grant; (c) wider scope -> 400 invalid_scope");
            auto grant = ctx.session().fresh_token("alice");
            if (!grant) return errored(grant.error().reason);
            if (!grant->refresh_token) return errored("the grant returned no refresh_token");
            auto a = ctx.send(token_post(ctx, {{"grant_type", "refresh_token"}, {"refresh_token", *grant->refresh_token}}));
            // (a) refused with unauthorized_client: this client may not refresh, so the server should
            // not have issued the refresh token; that breaks no cited MUST (V10) -> WARN.
            const bool client_may_not_refresh = a && has_oauth_error(*a, http::oauth_error::unauthorized_client);
            if (j.reached(a, "refresh")) {
              const Verdict v = issued_token(*a) ? Verdict::pass : client_may_not_refresh ? Verdict::warn : Verdict::fail;
              part(j, ctx, v, client_may_not_refresh ? "(a) same client: refresh refused as unauthorized_client" : "(a) same client", a);
            }
            const auto body = a ? a->json() : std::nullopt;
            const std::string current = body && body->contains("refresh_token") ? (*body)["refresh_token"].get<std::string>() : *grant->refresh_token;
            if (const auto& other = ctx.target().clients.reserved_chars; other && other->secret) {
              auto b = ctx.send(token_post_unauthenticated(ctx, {{"grant_type", "refresh_token"}, {"refresh_token", current}})
                                    .with_basic(form_urlencode(other->id), form_urlencode(*other->secret)));
              if (j.reached(b, "other client")) part(j, ctx, judge_error(ctx, *b, http::oauth_error::invalid_grant), "(b) other client", b);
            } else {
              j.skip_part("(b) other client (profile declares a single client)");
            }
            auto fresh = ctx.session().fresh_token("alice");
            if (client_may_not_refresh) {
              // (c) asks the same client to refresh: the refusal of (a) answers it before scope is read.
              j.skip_part("(c) wider scope (the client may not use the refresh grant at all)");
            } else if (fresh && fresh->refresh_token) {
              auto c = ctx.send(token_post(ctx, {{"grant_type", "refresh_token"}, {"refresh_token", *fresh->refresh_token},
                                                 {"scope", ctx.target().scope("read") + " " + ctx.target().scope("admin")}}));
              if (j.reached(c, "wider scope")) part(j, ctx, judge_error(ctx, *c, http::oauth_error::invalid_scope), "(c) wider scope", c);
            }
            return j.finish();
          }};
}

// RFC 9700 §4.14.2: refresh-token rotation with replay detection.
Check detects_refresh_token_replay() {
  return {.id = "TOKEN-27", .level = Level::bcp, .cites = "RFC 9700 §4.14.2",
          .summary = "a replayed refresh token is refused (and its successor revoked)",
          .applies = needs_refresh,
          .run = [](Context& ctx) {
            Judged j("replay -> 400 invalid_grant; BCP-grade: R2 invalidated too");
            auto grant = ctx.session().fresh_token("alice");
            if (!grant) return errored(grant.error().reason);
            if (!grant->refresh_token) return errored("the grant returned no refresh_token");
            const FormParams r1{{"grant_type", "refresh_token"}, {"refresh_token", *grant->refresh_token}};
            auto first = ctx.send(token_post(ctx, r1));
            if (!j.reached(first, "first refresh") || !issued_token(*first)) return errored("the first refresh failed");
            const auto body = first->json();
            auto replay = ctx.send(token_post(ctx, r1));
            if (j.reached(replay, "replay")) part(j, ctx, judge_error(ctx, *replay, http::oauth_error::invalid_grant), "R1 replayed", replay);
            if (body->contains("refresh_token") && (*body)["refresh_token"].is_string()) {
              auto r2 = ctx.send(token_post(ctx, {{"grant_type", "refresh_token"}, {"refresh_token", (*body)["refresh_token"].get<std::string>()}}));
              if (j.reached(r2, "R2")) part(j, ctx, issued_token(*r2) ? Verdict::warn : Verdict::pass, "R2 after the replay", r2);
            }
            return j.finish();
          }};
}

}  // namespace

std::vector<Check> token_lifecycle_checks() {
  std::vector<Check> all{rejects_invalid_scope(),  returns_typed_token_response(),
                         issues_unique_tokens(),   trips_throttle(throttles_token_guessing()),
                         binds_refresh_tokens(),   detects_refresh_token_replay()};
  for (auto& check : token::offered_checks()) all.push_back(std::move(check));
  return all;
}

std::vector<Check> token_checks() {
  std::vector<Check> all = token_grant_checks();
  for (auto& check : token_client_checks()) all.push_back(std::move(check));
  for (auto& check : token_lifecycle_checks()) all.push_back(std::move(check));
  return all;
}

}  // namespace authprobe::conformance
