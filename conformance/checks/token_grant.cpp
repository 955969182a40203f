// TOKEN-01..12 — the token endpoint and the password grant (RFC 6749 §3.2, §4.3, §5); TOKEN-02/03 live in token_caching.cpp.
#include "conformance/checks/checks.hpp"
#include "conformance/checks/token_caching.hpp"
#include "conformance/checks/token_support.hpp"

namespace authprobe::conformance {
namespace {

using namespace support;
using namespace token;
namespace status = http::status;

// RFC 6749 §4.3.3, §5.1: the successful access-token response.
Check issues_token_for_valid_grant() {
  return {.id = "TOKEN-01", .level = Level::must, .cites = "RFC 6749 §4.3.2, §4.3.3, §5.1",
          .summary = "the password grant returns 200 JSON with access_token and token_type Bearer",
          .applies = needs_token_endpoint,
          .run = [](Context& ctx) {
            Judged j("200 application/json {access_token, token_type: Bearer, expires_in (recommended)}");
            auto params = password_params(ctx);
            if (!params) return missing_alice();
            auto r = ctx.send(token_post(ctx, *params));
            if (!j.reached(r, "baseline grant")) return j.finish();
            const auto body = r->json();
            if (r->status != status::ok || !body || !body->is_object()) {
              j.part(Verdict::fail, "no 200 JSON object", r);
            } else if (!body->contains("access_token") || !(*body)["access_token"].is_string()) {
              j.part(Verdict::fail, "access_token missing or not a string", r);
            } else if (!body->contains("token_type") || !(*body)["token_type"].is_string() ||
                       !iequals((*body)["token_type"].get<std::string>(), http::scheme::bearer)) {
              part(j, ctx, Verdict::fail, "token_type is not Bearer", r);
            } else {
              part(j, ctx, r->media_type() == http::media_type::json ? Verdict::pass : Verdict::fail, "Content-Type " + r->media_type(), r);
              // V8: TOKEN-01 without expires_in -> WARN (RECOMMENDED).
              j.part(body->contains("expires_in") ? Verdict::pass : Verdict::warn, "expires_in present");
            }
            return j.finish();
          }};
}

// The token endpoint with `params` in the query and the client authenticated as the baseline
// does it: without client authentication a server that requires it refuses for that reason alone,
// and a server merging query and body parameters (checks.md TOKEN-04 ✗) would go unseen.
Request query_request(const Context& ctx, const std::string& method, FormParams params) {
  const auto& clients = ctx.target().clients;
  Request request = req::method(method, ctx.target().endpoints.token->path);
  if (clients.auth == ClientAuth::basic && clients.confidential && clients.confidential->secret) {
    request = request.with_basic(form_urlencode(clients.confidential->id), form_urlencode(*clients.confidential->secret));
  } else if (clients.auth == ClientAuth::body && clients.confidential) {
    params.emplace_back("client_id", clients.confidential->id);
    if (clients.confidential->secret) params.emplace_back("client_secret", *clients.confidential->secret);
  } else if (clients.auth == ClientAuth::none && clients.public_client) {
    params.emplace_back("client_id", clients.public_client->id);
  }
  return request.with_query(params);
}

// RFC 6749 §3.2, §2.3.1: POST only; credentials never from the query; RFC 9110 §15.5.6 Allow.
Check refuses_token_requests_by_other_methods() {
  return {.id = "TOKEN-04", .level = Level::must, .cites = "RFC 6749 §3.2, §2.3.1; RFC 9110 §15.5.6",
          .summary = "GET/PUT/DELETE and query-string credentials never yield a token",
          .applies = needs_token_endpoint,
          .run = [](Context& ctx) {
            Judged j("never a token; 405 with Allow: POST or 400 invalid_request; query-only credentials -> 400 invalid_request");
            auto params = password_params(ctx);
            if (!params) return missing_alice();
            for (const std::string method : {"GET", "PUT", "DELETE"}) {
              auto r = ctx.send(query_request(ctx, method, *params));
              if (!j.reached(r, method)) continue;
              const auto allow = r->header(http::header::allow);
              Verdict v = Verdict::warn;  // V3: e.g. 404 breaks no cited requirement
              if (issued_token(*r) || status::is_success(r->status) || status::is_server_error(r->status)) {
                v = Verdict::fail;
              } else if (r->status == status::method_not_allowed) {
                v = allow && allow->find("POST") != std::string::npos ? Verdict::pass : Verdict::fail;
              } else if (r->status == status::bad_request && has_oauth_error(*r, http::oauth_error::invalid_request)) {
                v = Verdict::pass;
              }
              part(j, ctx, v, method + " with credentials in the query", r);
            }
            auto q = ctx.send(query_request(ctx, "POST", *params).with_body(std::string(http::media_type::form_urlencoded), ""));
            if (j.reached(q, "POST with query-only credentials")) {
              part(j, ctx, judge_error(ctx, *q, http::oauth_error::invalid_request, Deviation::d4, Verdict::warn), "POST with query-only credentials", q);
            }
            return j.finish();
          }};
}

// RFC 6749 §4.3.2, Appendix B: the body is form-urlencoded; a charset parameter is fine.
Check requires_form_encoded_body() {
  return {.id = "TOKEN-05", .level = Level::must, .cites = "RFC 6749 §4.3.2, Appendix B",
          .summary = "a JSON body is refused with invalid_request; a charset parameter is accepted",
          .applies = needs_token_endpoint,
          .run = [](Context& ctx) {
            Judged j("JSON -> 400 invalid_request (lenient 400/415/422); form with charset -> 200");
            auto params = password_params(ctx);
            if (!params) return missing_alice();
            nlohmann::json body = nlohmann::json::object();
            for (const auto& [k, v] : *params) body[k] = v;
            auto r = ctx.send(token_post_raw_body(ctx, std::string(http::media_type::json), body.dump()));
            if (j.reached(r, "JSON body")) part(j, ctx, judge_error(ctx, *r, http::oauth_error::invalid_request), "JSON body", r);
            auto c = ctx.send(token_post_raw_body(ctx, std::string(http::media_type::form_urlencoded) + "; charset=UTF-8", form_encode(*params)));
            if (j.reached(c, "charset")) {
              const Verdict v = expect_token(ctx, *c);
              part(j, ctx, v, v == Verdict::error ? "form with charset=UTF-8 (the plain grant issues no token either)" : "form with charset=UTF-8", c);
            }
            return j.finish();
          }};
}

// RFC 6749 §4.3.2 (UTF-8), Appendix B: '+' is space; malformed escapes are errors. A server that
// drops or keeps a bad escape and then tries the result as alice's password has a credential-handling
// fault: FAIL in every profile (V10). Lenient relaxes only how a refusal is represented (D2, D4).
Check decodes_form_strictly() {
  return {.id = "TOKEN-06", .level = Level::must, .cites = "RFC 6749 §4.3.2 (UTF-8), Appendix B (form-urlencoding)",
          .summary = "erin's password with '+' and %C3%A4 works; %ZZ, % and %C3 are invalid_request",
          .applies = needs_token_endpoint,
          .run = [](Context& ctx) {
            Judged j("erin -> 200; malformed escapes -> 400 invalid_request, never tried as a password");
            auto alice = password_params(ctx);
            if (!alice) return missing_alice();
            if (auto erin = password_params(ctx, "erin")) {
              auto r = ctx.send(token_post(ctx, *erin));  // form_encode writes ' ' as '+' and 'ä' as %C3%A4
              if (j.reached(r, "erin")) {
                const Verdict v = expect_token(ctx, *r);
                part(j, ctx, v, v == Verdict::error ? "erin's UTF-8 password (alice's plain grant issues no token either)" : "erin's UTF-8 password", r);
              }
            } else {
              j.skip_part("erin (profile declares no erin)");
            }
            const auto login_attempt = LoginFailure::observe(ctx, *alice);
            const std::string prefix = form_encode(without(*alice, "password")) + "&password=";
            for (const std::string bad : {"%ZZ", "%", "%C3"}) {
              auto r = ctx.send(token_post_raw_body(ctx, std::string(http::media_type::form_urlencoded), prefix + bad));
              if (!j.reached(r, bad)) continue;
              if (const auto why = login_attempt.tried_as_login(*r)) {
                part(j, ctx, Verdict::fail, "password=" + bad + " tried as a password: " + *why, r);
              } else {
                part(j, ctx, judge_error(ctx, *r, http::oauth_error::invalid_request), "password=" + bad, r);
              }
            }
            return j.finish();
          }};
}

// RFC 6749 §4.3.2, §5.2: grant_type is required (D3).
Check requires_grant_type() {
  return {.id = "TOKEN-07", .level = Level::must, .cites = "RFC 6749 §4.3.2 (`grant_type` required), §5.2",
          .summary = "a request without grant_type gets 400 invalid_request",
          .applies = needs_token_endpoint,
          .run = [](Context& ctx) {
            Judged j("400 invalid_request");
            auto params = password_params(ctx);
            if (!params) return missing_alice();
            auto r = ctx.send(token_post(ctx, without(*params, "grant_type")));
            if (!j.reached(r, "no grant_type")) return j.finish();
            // The entry's [strict FAIL | lenient WARN] tag covers every miss (V10): a token, a 422, a
            // 400 with another code, another 4xx. Only a 5xx stays FAIL everywhere (V1).
            if (r->status == status::bad_request && has_oauth_error(*r, http::oauth_error::invalid_request)) {
              part(j, ctx, Verdict::pass, "grant_type omitted", r);
            } else if (status::is_server_error(r->status)) {
              part(j, ctx, Verdict::fail, "grant_type omitted", r);
            } else {
              part(j, ctx, ctx.deviation(Deviation::d3), "grant_type omitted (D3)", r);
            }
            return j.finish();
          }};
}

// RFC 6749 §5.2: unknown grant types are unsupported_grant_type, not invalid_request.
Check rejects_unknown_grant_types() {
  return {.id = "TOKEN-08", .level = Level::must, .cites = "RFC 6749 §5.2 (`unsupported_grant_type`)",
          .summary = "grant_type foo, Password and client_credentials get unsupported_grant_type",
          .applies = needs_token_endpoint,
          .run = [](Context& ctx) {
            Judged j("400 unsupported_grant_type (client_credentials: or unauthorized_client, V8)");
            auto params = password_params(ctx);
            if (!params) return missing_alice();
            for (const std::string grant : {"foo", "Password", "client_credentials"}) {
              auto r = ctx.send(token_post(ctx, replaced(*params, "grant_type", grant)));
              if (!j.reached(r, grant)) continue;
              Verdict v = judge_error(ctx, *r, http::oauth_error::unsupported_grant_type);
              if (grant == "client_credentials" && (has_oauth_error(*r, http::oauth_error::unauthorized_client) || issued_token(*r))) {
                v = issued_token(*r) ? Verdict::info : Verdict::pass;  // the grant exists for this client
              }
              part(j, ctx, v, "grant_type=" + grant, r);
            }
            return j.finish();
          }};
}

// RFC 6749 §4.3.2, §5.2: username and password are required.
Check requires_username_and_password() {
  return {.id = "TOKEN-09", .level = Level::must, .cites = "RFC 6749 §4.3.2, §5.2",
          .summary = "omitting username or password gets 400 invalid_request",
          .applies = needs_token_endpoint,
          .run = [](Context& ctx) {
            Judged j("400 invalid_request (lenient 400/422)");
            auto params = password_params(ctx);
            if (!params) return missing_alice();
            for (const std::string name : {"username", "password"}) {
              auto r = ctx.send(token_post(ctx, without(*params, name)));
              if (j.reached(r, name)) part(j, ctx, judge_error(ctx, *r, http::oauth_error::invalid_request), "without " + name, r);
            }
            return j.finish();
          }};
}

// RFC 6749 §3.2: a parameter without a value is treated as omitted.
Check treats_empty_parameters_as_absent() {
  return {.id = "TOKEN-10", .level = Level::must, .cites = "RFC 6749 §3.2 (a parameter with no value counts as absent)",
          .summary = "password= and username= are invalid_request, not login attempts",
          .applies = needs_token_endpoint,
          .run = [](Context& ctx) {
            Judged j("400 invalid_request");
            auto params = password_params(ctx);
            if (!params) return missing_alice();
            const std::pair<std::string, FormParams> variants[] = {
                {"password=", replaced(*params, "password", "")},
                {"username=&password=x", replaced(replaced(*params, "username", ""), "password", "x")},
            };
            for (const auto& [what, form] : variants) {
              auto r = ctx.send(token_post(ctx, form));
              if (j.reached(r, what)) part(j, ctx, judge_error(ctx, *r, http::oauth_error::invalid_request), what, r);
            }
            return j.finish();
          }};
}

// RFC 6749 §3.2: parameters must not be included more than once.
Check rejects_repeated_parameters() {
  return {.id = "TOKEN-11", .level = Level::must, .cites = "RFC 6749 §3.2 (no parameter more than once), §5.2",
          .summary = "duplicated username, grant_type or scope gets 400 invalid_request",
          .applies = needs_token_endpoint,
          .run = [](Context& ctx) {
            Judged j("400 invalid_request");
            auto params = password_params(ctx);
            if (!params) return missing_alice();
            const auto* bob = ctx.target().user("bob");
            const std::pair<std::string, FormParams> variants[] = {
                {"username twice", with(*params, {{"username", bob != nullptr ? bob->username : "bob"}})},
                {"grant_type twice", with(*params, {{"grant_type", "password"}})},
                {"scope twice", with(*params, {{"scope", ctx.target().scope("read")}, {"scope", ctx.target().scope("read")}})},
            };
            for (const auto& [what, form] : variants) {
              auto r = ctx.send(token_post(ctx, form));
              if (j.reached(r, what)) part(j, ctx, judge_error(ctx, *r, http::oauth_error::invalid_request), what, r);
            }
            return j.finish();
          }};
}

// RFC 6749 §3.2: unrecognized parameters are ignored.
Check ignores_unknown_parameters() {
  return {.id = "TOKEN-12", .level = Level::must, .cites = "RFC 6749 §3.2 (unrecognized parameters are ignored)",
          .summary = "extra parameters foo and nonce do not break the grant",
          .applies = needs_token_endpoint,
          .run = [](Context& ctx) {
            Judged j("200");
            auto params = password_params(ctx);
            if (!params) return missing_alice();
            auto r = ctx.send(token_post(ctx, with(*params, {{"foo", "bar"}, {"nonce", "1"}})));
            if (j.reached(r, "extra parameters")) part(j, ctx, issued_token(*r) ? Verdict::pass : Verdict::fail, "foo=bar&nonce=1", r);
            return j.finish();
          }};
}

}  // namespace

std::vector<Check> token_grant_checks() {
  const std::string b(baseline);
  // TOKEN-02/05/06 need a token response, not a faultless TOKEN-01 (V10): they run by what they use.
  return {issues_token_for_valid_grant(),
          token::forbids_caching_of_token_response(),
          token::forbids_caching_of_token_errors(),
          refuses_token_requests_by_other_methods(),
          requires_form_encoded_body(),
          decodes_form_strictly(),
          requires_grant_type(),
          rejects_unknown_grant_types(),
          requires_username_and_password(),
          treats_empty_parameters_as_absent(),
          rejects_repeated_parameters(),
          needing(ignores_unknown_parameters(), b)};
}

}  // namespace authprobe::conformance
