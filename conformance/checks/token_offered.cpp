// TOKEN-28..32 — revocation (RFC 7009), introspection (RFC 7662), metadata (RFC 8414), the
// password grant as INFO (RFC 9700 §2.4) and TLS in deployment.
#include "conformance/checks/token_offered.hpp"

#include "conformance/checks/token_support.hpp"

namespace authprobe::conformance::token {
namespace {

using namespace support;
namespace status = http::status;

// RFC 7009 §2.1-§2.2.1: revocation.
Check revokes_tokens() {
  return {.id = "TOKEN-28", .level = Level::must, .cites = "RFC 7009 §2.1, §2.2, §2.2.1",
          .summary = "revocation answers 200, ignores bad hints, and revoked tokens stop working",
          .applies = [](const TargetProfile& t) -> std::optional<std::string> {
            if (auto missing = needs_bearer_read(t)) return missing;
            if (!t.flows.revocation || !t.endpoints.revocation) return "the profile declares no revocation endpoint";
            return std::nullopt;
          },
          .run = [](Context& ctx) {
            Judged j("200 for real and garbage tokens; bad hint ignored; revoked -> 401 at the RS; no client auth -> 401 invalid_client");
            auto grant = ctx.session().fresh_token("alice");
            if (!grant) return errored(grant.error().reason);
            const auto& endpoint = *ctx.target().endpoints.revocation;
            const auto revoke = [&](const FormParams& form) {
              return ctx.send(ctx.session().with_client_auth(req::method(endpoint.method, endpoint.path), form));
            };
            auto real = revoke({{"token", grant->access_token}});
            if (j.reached(real, "revoke")) {
              j.part(real->status == status::ok ? Verdict::pass : Verdict::fail,
                     "revoke the access token (" + token_owner(ctx.target(), grant->access_token) + ")", real);
            }
            auto garbage = revoke({{"token", "garbage-token"}});
            if (j.reached(garbage, "garbage")) j.part(garbage->status == status::ok ? Verdict::pass : Verdict::fail, "revoke garbage", garbage);
            auto hint = revoke({{"token", "garbage-token"}, {"token_type_hint", "foo"}});
            if (j.reached(hint, "hint")) j.part(hint->status == status::ok ? Verdict::pass : Verdict::fail, "token_type_hint=foo", hint);
            auto use = ctx.send(request_for(*ctx.target().endpoints.bearer_read).with_bearer(grant->access_token));
            if (j.reached(use, "revoked token")) j.part(use->status == status::unauthorized ? Verdict::pass : Verdict::fail, "revoked token at the resource", use);
            if (ctx.target().clients.auth != ClientAuth::none) {
              auto anonymous = ctx.send(req::method(endpoint.method, endpoint.path).with_form({{"token", "garbage-token"}}));
              if (j.reached(anonymous, "no client auth")) {
                j.part(anonymous->status == status::unauthorized && has_oauth_error(*anonymous, http::oauth_error::invalid_client) ? Verdict::pass : Verdict::fail,
                       "revocation without client authentication", anonymous);
              }
            }
            return j.finish();
          }};
}

// RFC 7662 §2.1-§2.3, §4: introspection.
Check introspects_tokens() {
  return {.id = "TOKEN-29", .level = Level::must, .cites = "RFC 7662 §2.1–§2.3, §4",
          .summary = "introspection needs caller auth and says only active:false for bad tokens",
          .applies = [](const TargetProfile& t) -> std::optional<std::string> {
            if (auto missing = needs_token_endpoint(t)) return missing;
            if (!t.flows.introspection || !t.endpoints.introspection) return "the profile declares no introspection endpoint";
            return std::nullopt;
          },
          .run = [](Context& ctx) {
            Judged j("unauthenticated -> 401; live -> active:true; garbage -> 200 {\"active\":false} only");
            auto grant = ctx.session().fresh_token("alice");
            if (!grant) return errored(grant.error().reason);
            const auto& endpoint = *ctx.target().endpoints.introspection;
            auto anonymous = ctx.send(req::method(endpoint.method, endpoint.path).with_form({{"token", grant->access_token}}));
            if (j.reached(anonymous, "anonymous")) j.part(anonymous->status == status::unauthorized ? Verdict::pass : Verdict::fail, "no caller auth", anonymous);
            const auto introspect = [&](const std::string& token) {
              return ctx.send(ctx.session().with_client_auth(req::method(endpoint.method, endpoint.path), {{"token", token}}));
            };
            auto live = introspect(grant->access_token);
            if (j.reached(live, "live")) {
              const auto body = live->json();
              j.part(body && body->value("active", false) ? Verdict::pass : Verdict::fail,
                     "live token (" + token_owner(ctx.target(), grant->access_token) + ")", live);
            }
            auto garbage = introspect("garbage-token");
            if (j.reached(garbage, "garbage")) {
              const auto body = garbage->json();
              const bool ok = garbage->status == status::ok && body && *body == nlohmann::json{{"active", false}};
              j.part(ok ? Verdict::pass : Verdict::fail, "garbage token", garbage);
            }
            return j.finish();
          }};
}

// RFC 8414 §2, §3, §3.3: authorization server metadata.
Check publishes_metadata() {
  return {.id = "TOKEN-30", .level = Level::must, .cites = "RFC 8414 §2, §3, §3.3",
          .summary = "metadata names the issuer exactly, the token endpoint and the supported grants",
          .applies = [](const TargetProfile& t) -> std::optional<std::string> {
            if (!t.flows.metadata || !t.endpoints.metadata) return "the profile declares no metadata document";
            return std::nullopt;
          },
          .run = [](Context& ctx) {
            Judged j("JSON with issuer, token_endpoint, response_types_supported, grant_types_supported incl. password");
            auto r = ctx.send(request_for(*ctx.target().endpoints.metadata));
            if (!j.reached(r, "metadata")) return j.finish();
            const auto body = r->json();
            if (r->status != status::ok || !body || !body->is_object()) {
              j.part(Verdict::fail, "no JSON object", r);
              return j.finish();
            }
            j.evidence(r);
            const auto& expected_issuer = ctx.target().token.issuer;
            j.part(body->value("issuer", "") == expected_issuer ? Verdict::pass : Verdict::fail, "issuer " + body->value("issuer", std::string("(absent)")));
            for (const char* member : {"token_endpoint", "response_types_supported", "grant_types_supported", "token_endpoint_auth_methods_supported"}) {
              j.part(body->contains(member) ? Verdict::pass : Verdict::fail, std::string(member) + " present");
            }
            if (body->contains("grant_types_supported") && (*body)["grant_types_supported"].is_array()) {
              const auto& grants = (*body)["grant_types_supported"];
              j.part(std::find(grants.begin(), grants.end(), "password") != grants.end() ? Verdict::pass : Verdict::fail, "password grant listed");
            }
            return j.finish();
          }};
}

// RFC 9700 §2.4; RFC 6749 §10.7: the password grant is reported, never judged.
Check reports_password_grant() {
  return {.id = "TOKEN-31", .level = Level::bcp, .cites = "RFC 9700 §2.4; RFC 6749 §10.7",
          .summary = "INFO: the resource-owner password grant is enabled",
          .applies = needs_token_endpoint,
          .run = [](Context& ctx) {
            return make_finding(ctx.deviation(Deviation::d16), "reported as INFO (D16)",
                                "password grant enabled", "RFC 9700 §2.4 says the password grant must not be used");
          }};
}

// RFC 6749 §3.2, §1.6, §10.9; RFC 7617 §4: TLS in deployment.
Check requires_tls_in_deployment() {
  return {.id = "TOKEN-32", .level = Level::must, .cites = "RFC 6749 §3.2, §1.6, §10.9; RFC 7617 §4",
          .summary = "credentials travel over TLS only (deployment check)",
          .applies = [](const TargetProfile&) -> std::optional<std::string> {
            return "[deployment] check: not judged in lab runs";
          },
          .run = [](Context&) { return skipped("[deployment] check: not judged in lab runs"); }};
}

}  // namespace

std::vector<Check> offered_checks() {
  return {revokes_tokens(), introspects_tokens(), publishes_metadata(), reports_password_grant(), requires_tls_in_deployment()};
}

}  // namespace authprobe::conformance::token
