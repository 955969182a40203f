// The walk: every flow the demo shows, in the order a class meets them. Lessons may name the
// cast's parts in braces ({ordinary}, {admin}, {disabled}, {scope}, {origin}); the printers fill
// them in (lesson.hpp).
#include "tools/commands/demo/walk.hpp"

#include <stdexcept>

namespace authprobe::tools::demo {
namespace {

// Requests, spelled once.
constexpr RequestSpec basic_as(Who who) { return {.route = Route::basic, .who = who, .credential = Credential::basic}; }
constexpr RequestSpec login(Who who, Server server = Server::main) {
  return {.route = Route::token, .who = who, .grant = Grant::password, .server = server};
}
constexpr RequestSpec bearer_on(Route route, Who who, Server server = Server::main) {
  return {.route = route, .who = who, .credential = Credential::bearer, .server = server};
}

// The error body: RFC 6749 §5.2's {"error": …} against the tutorials' {"detail": …}.
constexpr Difference detail_body(std::string_view check) {
  return {Aspect::body, check, "D2", "{\"error\": …} (RFC 6749 §5.2 shape) vs the tutorial's {\"detail\": …}"};
}
// A bad token: RFC 6750 §3.1's challenge against FastAPI's bare one.
constexpr Difference bare_bearer_challenge(std::string_view check) {
  return {Aspect::challenge, check, "D8, D11",
          "Bearer with realm and error=\"invalid_token\" vs the tutorial's bare \"Bearer\" (no auth-param, no error code)"};
}

std::vector<Step> make_walk() {
  return {
      {.id = StepId::basic_no_credentials,
       .title = "HTTP Basic: no credentials",
       .lesson = "A protected resource asked without credentials answers 401 and says how to authenticate: "
                 "WWW-Authenticate: Basic realm=\"…\" (RFC 9110 §11.6.1, RFC 7617 §2). A browser shows its "
                 "password dialog on this answer.",
       .requests = {{.route = Route::basic}},
       .differences = {detail_body("BASIC-01")}},
      {.id = StepId::basic_success,
       .title = "HTTP Basic: {ordinary}'s password",
       .lesson = "Authorization: Basic is base64(\"user:password\"): an encoding, not encryption. Whoever sees the "
                 "header has the password, so outside loopback it travels over HTTPS only.",
       .requests = {basic_as(Who::ordinary)},
       .differences = {{Aspect::body, "BASIC-02", "", "the account record's fields are the app's choice"}}},
      {.id = StepId::basic_wrong_password,
       .title = "HTTP Basic: a wrong password",
       .lesson = "A wrong password gets the same 401 and challenge as no credentials: the client may try again "
                 "(RFC 9110 §15.5.2), and nothing says whether the name or the password was wrong.",
       .requests = {{.route = Route::basic, .credential = Credential::basic_wrong}},
       .differences = {detail_body("BASIC-03")}},
      {.id = StepId::password_grant,
       .title = "Password grant: {ordinary} gets a token",
       .lesson = "POST to the token endpoint with grant_type=password (RFC 6749 §4.3). The answer holds a signed JWT "
                 "access token, its type and lifetime, and Cache-Control: no-store keeps it out of every cache "
                 "(RFC 6749 §5.1). In strict mode the client authenticates too (HTTP Basic) and a refresh token "
                 "comes back.",
       .requests = {login(Who::ordinary)},
       .differences = {{Aspect::body, "TOKEN-01", "",
                        "token_type \"Bearer\" vs \"bearer\" (case-insensitive, TOKEN-23); a refresh_token is "
                        "optional (RFC 6749 §5.1)"}}},
      {.id = StepId::bearer_call,
       .title = "Bearer: {ordinary} reads their own record",
       .lesson = "The token goes in Authorization: Bearer (RFC 6750 §2.1). The server checks its signature, issuer, "
                 "audience and expiry; no password is sent and none is hashed.",
       .requests = {bearer_on(Route::bearer, Who::ordinary)},
       .differences = {{Aspect::body, "BEARER-02", "", "the record's fields are the app's choice"}}},
      {.id = StepId::wrong_password,
       .title = "Password grant: a wrong password",
       .lesson = "RFC 6749 §5.2: bad resource-owner credentials are 400 invalid_grant. The token endpoint is not a "
                 "protected resource, so there is no 401 and no challenge.",
       .requests = {{.route = Route::token, .grant = Grant::wrong_password}},
       .differences = {{Aspect::status, "TOKEN-13", "D1", "400 invalid_grant vs the tutorial's 401"},
                       {Aspect::challenge, "TOKEN-13", "D1", "the tutorial adds WWW-Authenticate: Bearer to a login failure"},
                       detail_body("TOKEN-15")}},
      {.id = StepId::unknown_user,
       .title = "Password grant: a user that does not exist",
       .lesson = "The same answer as the wrong password: a different one would tell an attacker which names exist "
                 "(OWASP Authentication Cheat Sheet; TOKEN-14). The server also spends the same hashing time on "
                 "an unknown name (HASH-06).",
       .requests = {{.route = Route::token, .who = Who::unknown, .grant = Grant::wrong_password}},
       .compare_with = StepId::wrong_password,
       .differences = {{Aspect::status, "TOKEN-13", "D1", "as for the wrong password: 400 invalid_grant vs 401"},
                       {Aspect::challenge, "TOKEN-13", "D1", "as for the wrong password"},
                       detail_body("TOKEN-15")}},
      {.id = StepId::disabled_user,
       .title = "A disabled account: {disabled}",
       .lesson = "Strict: refused at login with exactly the answer a wrong password gets, so the answer does not "
                 "reveal that the account exists (TOKEN-14). The FastAPI tutorial says \"Inactive user\" (400), "
                 "which tells whoever holds the password that the account is real (catalog D12).",
       .requests = {login(Who::disabled), {.route = Route::bearer, .who = Who::disabled, .credential = Credential::bearer,
                                           .only_if_token_issued = true}},
       .compare_with = StepId::wrong_password,
       .differences = {{Aspect::status, "TOKEN-14", "D12", "\"Inactive user\" 400, where a wrong password gets another answer"},
                       {Aspect::challenge, "TOKEN-13", "D1", "a login failure with or without WWW-Authenticate: Bearer"},
                       {Aspect::body, "TOKEN-14", "D12", "{\"detail\":\"Inactive user\"} names the account's state"}}},
      {.id = StepId::expired_token,
       .title = "An expired token",
       .lesson = "A second server whose access tokens live 1 s: {ordinary} gets a token, the demo moves that "
                 "server's clock past the lifetime (no waiting), and the same token is refused with 401 and "
                 "error=\"invalid_token\" (RFC 6750 §3.1; exp, RFC 7519 §4.1.4).",
       .requests = {login(Who::ordinary, Server::short_ttl),
                    {.route = Route::bearer, .credential = Credential::bearer, .server = Server::short_ttl,
                     .expire_tokens_first = true}},
       .differences = {bare_bearer_challenge("BEARER-04"), detail_body("BEARER-04")}},
      {.id = StepId::tampered_token,
       .title = "A tampered token",
       .lesson = "{ordinary}'s token with its payload rewritten to roles [\"admin\"] and the signature kept. The "
                 "signature covers header and payload (RFC 7515 §5.2), so the admin route refuses it with 401 "
                 "invalid_token: a client cannot grant itself a role.",
       .requests = {{.route = Route::admin, .credential = Credential::bearer_tampered}},
       .differences = {bare_bearer_challenge("BEARER-03"), detail_body("BEARER-03")}},
      {.id = StepId::role_refused,
       .title = "A role the user lacks: the admin route",
       .lesson = "{ordinary}'s valid token on an admin-only route: 403. {ordinary} is authenticated and logging "
                 "in again will not help (RFC 9110 §15.5.4), so not 401. Then {admin}, who has the role, gets a token and "
                 "is let in.",
       .requests = {bearer_on(Route::admin, Who::ordinary), login(Who::admin), bearer_on(Route::admin, Who::admin)},
       .differences = {{Aspect::status, "BEARER-11", "D6", "401 \"Not enough permissions\" where 403 is owed"},
                       {Aspect::challenge, "BEARER-11", "",
                        "a role-protected 403 passes with or without error=\"insufficient_scope\" (catalog rule V7); "
                        "a 401 in its place is the status's D6"},
                       {Aspect::body, "BEARER-11", "D2",
                        "{\"error\": …} vs {\"detail\": …}; in the login, token_type's case and the refresh token"}}},
      {.id = StepId::scope_refused,
       .title = "A scope the token lacks: {scope}",
       .lesson = "{ordinary}'s token does not carry {scope}. RFC 6750 §3.1: 403 with error=\"insufficient_scope\" "
                 "and scope=\"{scope}\" in the challenge, so the client knows which scope to ask for.",
       .requests = {bearer_on(Route::scoped, Who::ordinary)},
       .differences = {{Aspect::status, "AUTHZ-01", "D6", "403 insufficient_scope vs the tutorial's 401 \"Not enough permissions\""},
                       {Aspect::challenge, "AUTHZ-01", "D6", "error=\"insufficient_scope\" vs a challenge with scope=\"…\" only"},
                       detail_body("AUTHZ-01")}},
      {.id = StepId::refresh,
       .title = "Refresh: a new access token without the password",
       .lesson = "grant_type=refresh_token with the refresh token of step 4 (RFC 6749 §6): a new access token and a "
                 "new refresh token. The one sent is now spent (rotation, RFC 9700 §4.14.2).",
       .requests = {{.route = Route::token, .grant = Grant::refresh}},
       .needs_refresh_tokens = true,
       .differences = {{Aspect::presence, "TOKEN-26", "", "the tutorial issues no refresh tokens (TOKEN-26 SKIPs)"},
                       {Aspect::body, "TOKEN-23", "", "token_type \"Bearer\" vs \"bearer\" (compared case-insensitively)"}}},
      {.id = StepId::refresh_replayed,
       .title = "Refresh replayed",
       .lesson = "The spent refresh token once more: 400 invalid_grant. A copy stolen and used after its owner "
                 "refreshed is worth nothing (RFC 9700 §4.14.2).",
       .requests = {{.route = Route::token, .grant = Grant::refresh}},
       .needs_refresh_tokens = true,
       .differences = {{Aspect::presence, "TOKEN-27", "", "the tutorial issues no refresh tokens (TOKEN-27 SKIPs)"},
                       {Aspect::status, "TOKEN-27", "D1", "a spent refresh token answered like the tutorial's bad password: 401"},
                       {Aspect::challenge, "TOKEN-27", "D1", "with WWW-Authenticate: Bearer, as the tutorial's login failure"},
                       detail_body("TOKEN-15")}},
      {.id = StepId::cors_preflight,
       .title = "CORS preflight from a page at {origin}",
       .lesson = "Before a page at {origin} may POST to the token endpoint, the browser asks with OPTIONS, Origin "
                 "and Access-Control-Request-Method, without credentials (Fetch standard). The answer: 2xx, that "
                 "exact origin (never * with credentials) and authorization among the allowed headers. "
                 "fixtures/reference/server.json allows no origin; the demo's servers allow {origin}.",
       .requests = {{.route = Route::token_preflight}},
       .judge = Judge::cors_origin_echoed,
       .differences = {}},
      {.id = StepId::timing_header,
       .title = "The timing header",
       .lesson = "Every answer says how long the server took: Server-Timing: total;dur=<ms> (W3C Server Timing), "
                 "the standard form of the tutorials' latency middleware. --compat fastapi also sends the "
                 "middleware tutorial's X-Process-Time (seconds).",
       .requests = {{.route = Route::health}},
       .judge = Judge::timing_headers,
       .differences = {{Aspect::headers, "", "",
                        "the FastAPI middleware tutorial's header, in seconds; no catalog check judges timing headers",
                        "X-Process-Time"}}},
  };
}

std::vector<Difference> make_header_differences() {
  return {
      {Aspect::headers, "HTTP-10", "D5",
       "no-store keeps tokens and personal answers out of caches (TOKEN-02 at the token endpoint); the tutorials "
       "send none",
       "Cache-Control"},
      {Aspect::headers, "TOKEN-02", "D5", "no-cache beside no-store (RFC 6749 §5.1); the tutorials send none", "Pragma"},
      {Aspect::headers, "TOKEN-15", "D2", "the media type of the error body", "Content-Type"},
      {Aspect::headers, "HTTP-11", "", "the CORS answer differs between the modes", "Access-Control-*"},
      {Aspect::headers, "HTTP-12", "", "Vary: Origin goes with answers that depend on the Origin", "Vary"},
      {Aspect::headers, "HTTP-09", "", "the methods a resource allows", "Allow"},
  };
}

}  // namespace

const std::vector<Difference>& header_differences() {
  static const std::vector<Difference> differences = make_header_differences();
  return differences;
}

const std::vector<Step>& walk() {
  static const std::vector<Step> steps = make_walk();
  return steps;
}

const Step& step_of(StepId id) {
  for (const auto& step : walk())
    if (step.id == id) return step;
  throw std::logic_error("a StepId without a step in walk.cpp");
}

std::string_view aspect_name(Aspect aspect) {
  switch (aspect) {
    case Aspect::status: return "status";
    case Aspect::challenge: return "challenge";
    case Aspect::body: return "body";
    case Aspect::headers: return "headers";
    case Aspect::presence: return "presence";
  }
  return "?";
}

}  // namespace authprobe::tools::demo
