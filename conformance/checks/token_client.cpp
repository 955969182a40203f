// TOKEN-13..24 — credential errors, client authentication and scope (RFC 6749 §2.3, §3.3, §5.2).
#include <cmath>

#include "conformance/checks/checks.hpp"
#include "conformance/checks/token_support.hpp"

namespace authprobe::conformance {
namespace {

using namespace support;
using namespace token;
namespace status = http::status;

std::string wrong_password() { return "wrong-password-Zz9"; }

// RFC 6749 §5.2: bad resource-owner credentials are invalid_grant (D1).
Check answers_bad_password_with_invalid_grant() {
  return {.id = "TOKEN-13", .level = Level::must,
          .cites = "RFC 6749 §5.2 (`invalid_grant` covers bad resource-owner credentials)",
          .summary = "a wrong password gets 400 invalid_grant",
          .applies = needs_token_endpoint,
          .run = [](Context& ctx) {
            Judged j("strict: 400 {\"error\":\"invalid_grant\"}; lenient: 400/401 without enumeration");
            auto params = password_params(ctx);
            if (!params) return missing_alice();
            auto r = ctx.send(token_post(ctx, replaced(*params, "password", wrong_password())));
            if (!j.reached(r, "wrong password")) return j.finish();
            if (issued_token(*r) || status::is_server_error(r->status)) {
              part(j, ctx, Verdict::fail, "wrong password", r);
            } else if (r->status == status::bad_request && has_oauth_error(*r, http::oauth_error::invalid_grant)) {
              part(j, ctx, Verdict::pass, "wrong password", r);
            } else if (r->status == status::bad_request || r->status == status::unauthorized) {
              part(j, ctx, ctx.deviation(Deviation::d1), "wrong password (D1)", r);
            } else {
              part(j, ctx, Verdict::fail, "wrong password", r);
            }
            return j.finish();
          }};
}

// OWASP Authentication CS; RFC 6749 §5.2: unknown and disabled users look like a bad password.
Check hides_account_state_at_token_endpoint() {
  return {.id = "TOKEN-14", .level = Level::owasp, .cites = "OWASP Authentication Cheat Sheet; RFC 6749 §5.2",
          .summary = "unknown and disabled users get the wrong-password response",
          .applies = needs_token_endpoint,
          .run = [](Context& ctx) {
            Judged j("identical status, error, error_description, header names and body length");
            auto params = password_params(ctx);
            if (!params) return missing_alice();
            auto reference = ctx.send(token_post(ctx, replaced(*params, "password", wrong_password())));
            if (!j.reached(reference, "wrong password")) return j.finish();
            j.evidence(reference);
            std::vector<std::pair<std::string, FormParams>> probes{
                {"unknown user", replaced(replaced(*params, "username", ctx.target().unknown_user), "password", wrong_password())}};
            if (auto carol = password_params(ctx, "carol")) {
              probes.emplace_back("disabled user", *carol);
            } else {
              j.skip_part("disabled user (profile declares no carol)");
            }
            const auto summary = [](const Response& r) {
              const auto body = r.json();
              std::string description;
              if (body && body->is_object() && body->contains("error_description")) description = body->at("error_description").dump();
              return std::to_string(r.status) + "|" + oauth_error(r).value_or("") + "|" + description + "|" +
                     std::to_string(r.body.size()) + "|" + std::to_string(r.header_values(http::header::www_authenticate).size());
            };
            for (const auto& [what, form] : probes) {
              auto r = ctx.send(token_post(ctx, form));
              if (!j.reached(r, what)) continue;
              const bool same = !issued_token(*r) && summary(*r) == summary(*reference);
              part(j, ctx, same ? Verdict::pass : ctx.deviation(Deviation::d12), what, r);
            }
            return j.finish();
          }};
}

bool rfc_error_charset(const std::string& text) {
  // RFC 6749 §5.2: %x20-21 / %x23-5B / %x5D-7E.
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= ' ' && c <= '~' && c != '"' && c != '\\'; });
}

// RFC 6749 §5.2: the error response format, judged on every POST error seen at the token endpoint.
Check formats_token_errors() {
  return {.id = "TOKEN-15", .level = Level::must, .cites = "RFC 6749 §5.2",
          .summary = "token errors are JSON objects with a registered error code in the safe charset",
          .applies = needs_token_endpoint,
          .run = [](Context& ctx) {
            Judged j("application/json {\"error\": registered code, error_description in %x20-21/%x23-5B/%x5D-7E}");
            static const std::vector<std::string_view> registered{
                http::oauth_error::invalid_request, http::oauth_error::invalid_client, http::oauth_error::invalid_grant,
                http::oauth_error::unauthorized_client, http::oauth_error::unsupported_grant_type, http::oauth_error::invalid_scope};
            const auto& token_path = ctx.target().endpoints.token->path;
            std::size_t judged = 0;
            for (const auto& o : ctx.log().all()) {
              const auto& rq = o.exchange.request;
              const auto& rs = o.exchange.response;
              if (!rs || rq.method != "POST" || rq.raw || !status::is_client_error(rs->status)) continue;
              if (rq.target.substr(0, rq.target.find('?')) != token_path) continue;
              if (rs->status == status::too_many_requests || rs->status == status::payload_too_large) continue;
              ++judged;
              auto body = nlohmann::json::parse(rs->body_excerpt, nullptr, false);
              std::string problem;
              if (body.is_discarded() || !body.is_object() || !body.contains("error") || !body["error"].is_string()) {
                problem = "no {\"error\": ...} JSON object";
              } else if (std::find(registered.begin(), registered.end(), body["error"].get<std::string>()) == registered.end()) {
                problem = "unregistered error " + body["error"].dump();
              } else if (!rfc_error_charset(body["error"].get<std::string>()) ||
                         (body.contains("error_description") &&
                          (!body["error_description"].is_string() || !rfc_error_charset(body["error_description"].get<std::string>())))) {
                problem = "error/error_description outside the allowed characters";
              }
              if (!problem.empty()) {
                const bool representation = problem.starts_with("no {");
                j.part(representation ? ctx.deviation(Deviation::d2) : Verdict::fail,
                       problem + " (" + o.check_id + ", " + std::to_string(rs->status) + ")");
                j.evidence(o.exchange);
              }
            }
            if (judged == 0) return skipped("no token-endpoint error response was seen in this run (V6)");
            if (j.empty()) j.part(Verdict::pass, std::to_string(judged) + " error responses well-formed");
            return j.finish();
          }};
}

std::optional<std::string> needs_confidential_basic(const TargetProfile& t) {
  if (auto missing = needs_token_endpoint(t)) return missing;
  if (!t.clients.confidential || !t.clients.confidential->secret) return "the profile declares no confidential client";
  return std::nullopt;
}

Request with_client_basic(const Request& r, const TestClient& client, const std::string& secret) {
  return r.with_basic(form_urlencode(client.id), form_urlencode(secret));
}

// RFC 6749 §5.2, §2.3.1: a bad client secret is 401 invalid_client with a Basic challenge.
Check challenges_bad_client_secret() {
  return {.id = "TOKEN-16", .level = Level::must, .cites = "RFC 6749 §5.2 (`invalid_client`), §2.3.1",
          .summary = "a wrong client secret in Basic gets 401 invalid_client and a Basic challenge",
          .applies = needs_confidential_basic,
          .run = [](Context& ctx) {
            Judged j("401 invalid_client with WWW-Authenticate: Basic");
            auto params = password_params(ctx);
            if (!params) return missing_alice();
            const auto& client = *ctx.target().clients.confidential;
            auto r = ctx.send(with_client_basic(token_post_unauthenticated(ctx, *params), client, "wrong-secret-Zz9"));
            if (!j.reached(r, "wrong client secret")) return j.finish();
            const bool ok = r->status == status::unauthorized && has_oauth_error(*r, http::oauth_error::invalid_client) &&
                            challenge(*r, http::scheme::basic).has_value();
            part(j, ctx, ok ? Verdict::pass : Verdict::fail, "wrong client secret", r);
            return j.finish();
          }};
}

// RFC 6749 §5.2, §2.3.1: body credentials with a wrong secret.
Check rejects_bad_body_client_secret() {
  return {.id = "TOKEN-17", .level = Level::may, .cites = "RFC 6749 §5.2, §2.3.1",
          .summary = "wrong client_secret in the body gets 400/401 invalid_client (401 with a challenge)",
          .applies = [](const TargetProfile& t) -> std::optional<std::string> {
            if (auto missing = needs_confidential_basic(t)) return missing;
            if (!t.flows.body_client_credentials) return "the profile declares body client credentials unsupported";
            return std::nullopt;
          },
          .run = [](Context& ctx) {
            Judged j("400 or 401 invalid_client; a 401 carries a challenge");
            auto params = password_params(ctx);
            if (!params) return missing_alice();
            params->emplace_back("client_id", ctx.target().clients.confidential->id);
            params->emplace_back("client_secret", "wrong-secret-Zz9");
            auto r = ctx.send(token_post_unauthenticated(ctx, *params));
            if (!j.reached(r, "wrong body secret")) return j.finish();
            // A wrong secret accepted is a security break (FAIL whatever the level); any other refusal
            // than 400/401 invalid_client takes the entry's level, MAY -> WARN (V3). A 401 without a
            // challenge is not this check's subject (V1: AUTHZ-04 counts it once, run-wide).
            const bool refused_as_invalid_client = has_oauth_error(*r, http::oauth_error::invalid_client) &&
                                                   (r->status == status::bad_request || r->status == status::unauthorized);
            Verdict v = refused_as_invalid_client ? Verdict::pass : judge_miss(Level::may);
            if (issued_token(*r) || status::is_success(r->status) || status::is_server_error(r->status)) v = Verdict::fail;
            std::string note = "wrong client_secret in the body";
            if (refused_as_invalid_client && r->status == status::unauthorized && !r->has_header(http::header::www_authenticate)) {
              note += " (401 without a challenge: judged run-wide by AUTHZ-04, V1)";
            }
            part(j, ctx, v, note, r);
            return j.finish();
          }};
}

// RFC 6749 §2.3: one client authentication method per request.
Check rejects_two_client_auth_methods() {
  return {.id = "TOKEN-18", .level = Level::must, .cites = "RFC 6749 §2.3 (one client-auth method per request), §5.2",
          .summary = "Basic client auth plus body credentials gets 400 invalid_request",
          // V10: a server without body client credentials must ignore client_id/client_secret as
          // unrecognised parameters (RFC 6749 §3.2), so there is no second method to refuse.
          .applies = [](const TargetProfile& t) -> std::optional<std::string> {
            if (auto missing = needs_confidential_basic(t)) return missing;
            if (!t.flows.body_client_credentials) return "the profile declares body client credentials unsupported (V6)";
            return std::nullopt;
          },
          .run = [](Context& ctx) {
            Judged j("400 invalid_request");
            auto params = password_params(ctx);
            if (!params) return missing_alice();
            const auto& client = *ctx.target().clients.confidential;
            params->emplace_back("client_id", client.id);
            params->emplace_back("client_secret", *client.secret);
            auto r = ctx.send(with_client_basic(token_post_unauthenticated(ctx, *params), client, *client.secret));
            if (j.reached(r, "two methods")) part(j, ctx, judge_error(ctx, *r, http::oauth_error::invalid_request), "Basic and body credentials", r);
            return j.finish();
          }};
}

// RFC 6749 §2.3.1 + Appendix B: client id and secret are form-urlencoded before Basic.
Check decodes_urlencoded_client_credentials() {
  return {.id = "TOKEN-19", .level = Level::must,
          .cites = "RFC 6749 §2.3.1 + Appendix B (id and secret are form-urlencoded before Basic)",
          .summary = "client c:li%nt sent as c%3Ali%25nt authenticates",
          .applies = [](const TargetProfile& t) -> std::optional<std::string> {
            if (auto missing = needs_token_endpoint(t)) return missing;
            if (!t.clients.reserved_chars || !t.clients.reserved_chars->secret) return "the profile declares no client with reserved characters";
            return std::nullopt;
          },
          .run = [](Context& ctx) {
            Judged j("200");
            auto params = password_params(ctx);
            if (!params) return missing_alice();
            const auto& client = *ctx.target().clients.reserved_chars;
            auto r = ctx.send(with_client_basic(token_post_unauthenticated(ctx, *params), client, *client.secret));
            if (j.reached(r, client.id)) part(j, ctx, issued_token(*r) ? Verdict::pass : Verdict::fail, "client " + client.id, r);
            return j.finish();
          }};
}

// RFC 6749 §4.3.2, §3.2.1: a confidential client must authenticate.
Check requires_client_authentication() {
  return {.id = "TOKEN-20", .level = Level::must, .cites = "RFC 6749 §4.3.2, §3.2.1",
          .summary = "the grant without client authentication gets invalid_client",
          .applies = [](const TargetProfile& t) -> std::optional<std::string> {
            if (auto missing = needs_confidential_basic(t)) return missing;
            if (t.clients.auth == ClientAuth::none) return "the server only has public clients";
            return std::nullopt;
          },
          .run = [](Context& ctx) {
            Judged j("401 (or 400) invalid_client");
            auto params = password_params(ctx);
            if (!params) return missing_alice();
            auto r = ctx.send(token_post_unauthenticated(ctx, *params));
            if (!j.reached(r, "no client auth")) return j.finish();
            const bool ok = (r->status == status::unauthorized || r->status == status::bad_request) &&
                            has_oauth_error(*r, http::oauth_error::invalid_client);
            part(j, ctx, ok ? Verdict::pass : Verdict::fail, "no client authentication", r);
            return j.finish();
          }};
}

// RFC 6749 §5.2: a client not allowed this grant gets unauthorized_client.
Check refuses_grant_to_unauthorized_client() {
  return {.id = "TOKEN-21", .level = Level::must, .cites = "RFC 6749 §5.2 (`unauthorized_client`)",
          .summary = "a client not allowed the password grant gets 400 unauthorized_client",
          .applies = [](const TargetProfile& t) -> std::optional<std::string> {
            if (auto missing = needs_token_endpoint(t)) return missing;
            if (!t.clients.no_password_grant || !t.clients.no_password_grant->secret) {
              return "the profile declares no client that is refused the password grant";
            }
            return std::nullopt;
          },
          .run = [](Context& ctx) {
            Judged j("400 unauthorized_client");
            auto params = password_params(ctx);
            if (!params) return missing_alice();
            const auto& client = *ctx.target().clients.no_password_grant;
            auto r = ctx.send(with_client_basic(token_post_unauthenticated(ctx, *params), client, *client.secret));
            if (j.reached(r, client.id)) part(j, ctx, judge_error(ctx, *r, http::oauth_error::unauthorized_client), "client " + client.id, r);
            return j.finish();
          }};
}

}  // namespace

std::vector<Check> token_client_checks() {
  return {answers_bad_password_with_invalid_grant(), hides_account_state_at_token_endpoint(), run_wide(formats_token_errors()),
          challenges_bad_client_secret(), rejects_bad_body_client_secret(), rejects_two_client_auth_methods(),
          decodes_urlencoded_client_credentials(), requires_client_authentication(), refuses_grant_to_unauthorized_client()};
}

}  // namespace authprobe::conformance
