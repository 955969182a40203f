// AUTHZ — roles and scopes: 401 versus 403 (checks.md AUTHZ-01..13).
#include "conformance/checks/bearer_support.hpp"
#include "conformance/checks/checks.hpp"
#include "conformance/checks/jwt_checks.hpp"
#include "conformance/checks/jwt_support.hpp"
#include "conformance/checks/protection.hpp"
#include "conformance/checks/support.hpp"
#include "conformance/forge/json_text.hpp"

namespace authprobe::conformance {
namespace {

using namespace support;
namespace status = http::status;

// The fixture's disabled user (catalog: carol), whatever the profile calls it.
const TestUser* disabled_user(const TargetProfile& t) {
  if (const auto* carol = t.user("carol"); carol != nullptr && carol->disabled) return carol;
  for (const auto& [name, user] : t.users) {
    if (user.disabled) return &user;
  }
  return nullptr;
}

Needed<std::string> alice_token(Context& ctx) {
  auto grant = ctx.session().token("alice");
  if (!grant) return tl::unexpected(grant.error());
  return grant->access_token;
}

// D6 applies by topic (V5): a 401 for a valid token whose challenge names the missing scope.
bool names_missing_scope(const Response& r) {
  if (r.status != status::unauthorized) return false;
  const auto c = challenge(r, http::scheme::bearer);
  return c && c->param("scope");
}

constexpr std::int64_t hour_seconds = 3600;

// [K]: bob's token with exp an hour ago, signed with the server key (keyed_base first proves the
// profile's key is the target's, else a refusal would prove nothing).
Needed<std::string> expired_admin_token(Context& ctx) {
  if (!ctx.target().key_known() || ctx.target().token.type != TokenType::jwt) {
    return tl::unexpected(Unmet{"needs the signing key ([K]) to mint it"});
  }
  auto keyed = jwt::keyed_base(ctx);
  if (!keyed) return tl::unexpected(keyed.error());
  auto bob = jwt::base_token(ctx, jwt::admin_user);
  if (!bob) return tl::unexpected(bob.error());
  auto payload = forge::with_member(bob->parts.payload_json, "exp", jwt::now() - hour_seconds);
  if (!payload) return tl::unexpected(Unmet{"bob's payload: " + payload.error()});
  auto minted = keyed->key.mint(bob->parts.header_json, *payload);
  if (!minted) return tl::unexpected(Unmet{"could not mint with the profile key: " + minted.error()});
  return *minted;
}

// A judged part of the shared rules (protection.hpp, bearer_support.hpp) into a Judged finding.
void add(Judged& j, const jwt::Part& part) {
  j.part(part.verdict, part.note);
  if (part.exchange) j.evidence(*part.exchange);
}

// RFC 6750 §3.1, §3; RFC 9110 §15.5.4, §11.4. Each resource is judged by how the profile says it
// is protected (V7): scope-protected owes 403 insufficient_scope, role-protected any 403.
Check forbids_insufficient_scope() {
  return {.id = "AUTHZ-01", .level = Level::should, .cites = "RFC 6750 §3.1, §3; RFC 9110 §15.5.4, §11.4",
          .summary = "alice's token on admin and write resources gets 403 insufficient_scope (role-protected: 403)",
          .applies = [](const TargetProfile& t) -> std::optional<std::string> {
            if (auto missing = needs_token_source(t)) return missing;
            if (!t.endpoints.bearer_admin && !t.endpoints.bearer_write) return "the profile declares no Bearer admin or write resource";
            return std::nullopt;
          },
          .run = [](Context& ctx) {
            Judged j("scope-protected: 403 with WWW-Authenticate: Bearer error=\"insufficient_scope\"; role-protected: 403");
            auto token = alice_token(ctx);
            if (!token) return errored(token.error().reason);
            const auto& e = ctx.target().endpoints;
            const auto judge = [&](const Endpoint& endpoint, std::string_view logical, const std::string& what) {
              const auto protection = protection_of(ctx.target(), endpoint, logical);
              add(j, judge_underprivileged(ctx, what, ctx.send(request_for(endpoint).with_bearer(*token)), protection, Level::should));
            };
            if (e.bearer_admin) judge(*e.bearer_admin, "admin", "alice on the admin resource");
            else j.skip_part("admin resource (profile declares none)");
            if (e.bearer_write) judge(*e.bearer_write, "write", "alice on the write resource");
            else j.skip_part("write resource (profile declares none)");
            return j.finish();
          }};
}

// RFC 9110 §11.4, §15.5.4: valid but inadequate Basic credentials -> 403.
Check forbids_basic_non_admin() {
  return {.id = "AUTHZ-02", .level = Level::should,
          .cites = "RFC 9110 §11.4 (valid but inadequate credentials → 403), §15.5.4",
          .summary = "alice's correct Basic credentials on the admin resource get 403",
          .applies = needs_basic_admin,
          .run = [](Context& ctx) {
            Judged j("403");
            auto alice = ctx.session().basic_user("alice");
            if (!alice) return errored(alice.error().reason);
            auto r = ctx.send(with_user_basic(request_for(*ctx.target().endpoints.basic_admin), **alice));
            if (!j.reached(r, "alice")) return j.finish();
            // V7: 401 for valid but inadequate credentials FAILs (browsers re-prompt for a correct
            // password); another refusal misses the SHOULD (V3).
            Verdict v = judge_miss(Level::should);
            if (status::is_success(r->status) || status::is_server_error(r->status) || r->status == status::unauthorized) {
              v = Verdict::fail;
            } else if (r->status == status::forbidden) {
              v = Verdict::pass;
            }
            j.part(v, "alice (user) on the Basic admin resource", r);
            return j.finish();
          }};
}

// RFC 9110 §11.4; RFC 6750 §3.1: authentication failures are 401 before authorization, each with
// the challenge that is this check's subject too (V1); a valid token is never answered 401 (V7).
Check authenticates_before_authorizing() {
  return {.id = "AUTHZ-03", .level = Level::should, .cites = "RFC 9110 §11.4; RFC 6750 §3.1",
          .summary = "no token, a garbage or expired token, or a wrong Basic password on admin resources get 401 with a challenge",
          .run = [](Context& ctx) {
            Judged j("401 with a challenge for every authentication failure; a valid but under-privileged token never 401");
            const auto judge = [&](const std::string& what, const Request& request, std::string_view scheme) {
              auto r = ctx.send(request);
              if (!j.reached(r, what)) return;
              Verdict v = judge_miss(Level::should);  // V3: refused, but not with 401
              std::string note = what;
              if (status::is_success(r->status) || status::is_server_error(r->status)) {
                v = Verdict::fail;
              } else if (r->status == status::unauthorized) {
                const auto found = find_challenge(r->header_values(http::header::www_authenticate), scheme);
                v = found ? Verdict::pass : Verdict::fail;
                if (!found) note += " (401 without a " + std::string(scheme) + " challenge: RFC 9110 §15.5.2, V1)";
                else note += found->malformation_note();
              }
              j.part(v, note, r);
            };
            const auto& e = ctx.target().endpoints;
            if (e.bearer_admin) {
              judge("no token on the admin resource", request_for(*e.bearer_admin), http::scheme::bearer);
              judge("garbage token on the admin resource", request_for(*e.bearer_admin).with_bearer("garbage.token.value"),
                    http::scheme::bearer);
              if (auto expired = expired_admin_token(ctx)) {
                judge("expired token of bob on the admin resource", request_for(*e.bearer_admin).with_bearer(*expired),
                      http::scheme::bearer);
              } else {
                j.skip_part("expired token of bob (" + expired.error().reason + ")");
              }
              if (auto token = alice_token(ctx)) {
                auto r = ctx.send(request_for(*e.bearer_admin).with_bearer(*token));
                if (j.reached(r, "alice's valid token")) {
                  if (r->status == status::unauthorized || status::is_success(r->status)) {
                    add(j, judge_underprivileged(ctx, "alice's valid token on the admin resource", r,
                                                 protection_of(ctx.target(), *e.bearer_admin, "admin"), Level::should));
                  } else {
                    j.part(Verdict::pass, "alice's valid token on the admin resource: not 401 (AUTHZ-01 and BEARER-11 judge the refusal)", r);
                  }
                }
              } else {
                j.skip_part("alice's valid token (" + token.error().reason + ")");
              }
            }
            if (e.basic_admin && ctx.target().flows.basic) {
              const auto* bob = ctx.session().basic_identity("bob");
              judge("wrong Basic password on the admin resource",
                    request_for(*e.basic_admin).with_basic(bob != nullptr ? bob->username : "bob", "wrong-password-Zz9"),
                    http::scheme::basic);
            }
            return j.finish();
          }};
}

// RFC 6750 §3.1; RFC 9110 §15.5.2, §15.5.4: status and error pair up, run-wide.
Check pairs_status_with_error_code() {
  return {.id = "AUTHZ-04", .level = Level::baseline, .cites = "RFC 6750 §3.1; RFC 9110 §15.5.2, §15.5.4",
          .summary = "over the run: no 401 insufficient_scope, no 403 invalid_token, no 401 without a challenge",
          .run = [](Context& ctx) {
            Judged j("never 401+insufficient_scope, 403+invalid_token, 401 without challenge, 400 for no credentials");
            std::size_t seen = 0;
            // V1: every 401 without a challenge in the run is counted here, once, as one part.
            std::size_t bare_401 = 0;
            std::string first_bare;
            std::optional<Exchange> first_bare_exchange;
            for (const auto& o : ctx.log().all()) {
              const auto& rs = o.exchange.response;
              if (!rs || (rs->status != status::unauthorized && rs->status != status::forbidden && rs->status != status::bad_request)) continue;
              ++seen;
              std::vector<std::string> challenges;
              for (const auto& [name, value] : rs->headers) {
                if (iequals(name, http::header::www_authenticate)) challenges.push_back(value);
              }
              const auto bearer = find_challenge(challenges, http::scheme::bearer);
              const auto error = bearer ? bearer->param("error") : std::nullopt;
              std::string problem;
              if (rs->status == status::unauthorized && challenges.empty()) {
                if (bare_401++ == 0) {
                  first_bare = o.check_id + ": " + o.exchange.request.method + " " + o.exchange.request.target;
                  first_bare_exchange = o.exchange;
                }
                continue;
              }
              if (rs->status == status::unauthorized && error == std::string(http::oauth_error::insufficient_scope)) problem = "401 with insufficient_scope";
              if (rs->status == status::forbidden && error == std::string(http::oauth_error::invalid_token)) problem = "403 with invalid_token";
              const bool no_credentials = std::none_of(o.exchange.request.headers.begin(), o.exchange.request.headers.end(),
                                                       [](const auto& h) { return iequals(h.first, http::header::authorization); }) &&
                                          o.exchange.request.raw_lines.empty() && o.exchange.request.method == "GET" &&
                                          o.exchange.request.target.find('?') == std::string::npos;
              // V10: a 400's code may stand in a JSON error member instead of the challenge.
              const auto body = nlohmann::json::parse(rs->body_excerpt, nullptr, false);
              const bool json_invalid_request = body.is_object() && body.contains("error") && body.at("error").is_string() &&
                                                body.at("error").get<std::string>() == http::oauth_error::invalid_request;
              if (rs->status == status::bad_request && no_credentials &&
                  (error == std::string(http::oauth_error::invalid_request) || json_invalid_request)) {
                problem = "400 invalid_request for a request without credentials";
              }
              if (!problem.empty()) {
                j.part(Verdict::fail, problem + " (" + o.check_id + ": " + o.exchange.request.method + " " + o.exchange.request.target + ")");
                j.evidence(o.exchange);
              }
            }
            if (bare_401 > 0) {
              j.part(Verdict::fail, std::to_string(bare_401) + " responses were 401 without a challenge (RFC 9110 §15.5.2; first: " +
                                        first_bare + ")");
              j.evidence(*first_bare_exchange);
            }
            if (seen == 0) return skipped("no 400/401/403 response was seen in this run (V6)");
            if (j.empty()) j.part(Verdict::pass, std::to_string(seen) + " refusals consistent");
            return j.finish();
          }};
}

// RFC 9110 §15.5.4, §15.5.5: hiding as 404 must be indistinguishable.
Check hides_forbidden_consistently() {
  return {.id = "AUTHZ-05", .level = Level::may, .cites = "RFC 9110 §15.5.4, §15.5.5",
          .summary = "if forbidden resources are hidden as 404, the 404 matches a genuine one",
          .applies = needs_bearer_admin,
          .run = [](Context& ctx) {
            Judged j("403, or a 404 identical to a genuine 404");
            auto token = alice_token(ctx);
            if (!token) return errored(token.error().reason);
            auto admin = ctx.send(request_for(*ctx.target().endpoints.bearer_admin).with_bearer(*token));
            auto missing = ctx.send(req::get(ctx.target().endpoints.not_found).with_bearer(*token));
            if (!j.reached(admin, "admin") || !j.reached(missing, "missing")) return j.finish();
            if (admin->status != status::not_found) {
              j.part(status::is_success(admin->status) ? Verdict::fail : Verdict::info, "forbidden resource answered " + std::to_string(admin->status) + " (not hidden)", admin);
            } else {
              j.part(admin->body == missing->body ? Verdict::pass : Verdict::warn, "hidden 404 vs genuine 404", admin);
            }
            j.evidence(missing);
            return j.finish();
          }};
}

// RFC 9110 §9.1, §9.3: writes by a read-only user are refused; overrides never bypass.
Check refuses_writes_by_readers() {
  return {.id = "AUTHZ-08", .level = Level::baseline, .cites = "RFC 9110 §9.1, §9.3",
          .summary = "alice can read but not write, whatever the method or override",
          .applies = needs_bearer_read,
          .run = [](Context& ctx) {
            Judged j("GET 200; writes 403 insufficient_scope (or 404/405); overrides never succeed");
            auto token = alice_token(ctx);
            if (!token) return errored(token.error().reason);
            const auto& read = *ctx.target().endpoints.bearer_read;
            auto get = ctx.send(request_for(read).with_bearer(*token));
            if (j.reached(get, "GET")) j.part(get->status == status::ok ? Verdict::pass : Verdict::fail, "GET as alice", get);
            const auto body = ctx.target().endpoints.bearer_write ? ctx.target().endpoints.bearer_write->body : std::string("{}");
            const auto write = [&](const std::string& what, Request request) {
              auto r = ctx.send(request.with_bearer(*token));
              if (!j.reached(r, what)) return;
              const bool refused = r->status == status::forbidden || r->status == status::not_found || r->status == status::method_not_allowed;
              Verdict v = status::is_success(r->status) || status::is_server_error(r->status) ? Verdict::fail : (refused ? Verdict::pass : Verdict::warn);
              if (names_missing_scope(*r)) v = ctx.deviation(Deviation::d6);
              j.part(v, what, r);
            };
            for (const std::string method : {"POST", "PUT", "PATCH", "DELETE"}) {
              write(method, req::method(method, read.path).with_body(std::string(http::media_type::json), body));
            }
            write("POST with X-HTTP-Method-Override: DELETE",
                  req::post(read.path).with_header(std::string(http::header::x_http_method_override), "DELETE").with_body(std::string(http::media_type::json), body));
            write("POST with _method=DELETE", req::post_form(read.path, {{"_method", "DELETE"}}));
            return j.finish();
          }};
}

// RFC 3986 §6; RFC 9110 §4.2.3: path variants reach the same decision.
Check normalizes_paths_before_authorizing() {
  return {.id = "AUTHZ-09", .level = Level::baseline, .cites = "RFC 3986 §6; RFC 9110 §4.2.3",
          .summary = "path spellings of the admin resource never let alice in",
          .applies = needs_bearer_admin,
          .run = [](Context& ctx) {
            Judged j("the admin path's own decision (403) or 404 — never 200 (a redirect or another refusal: WARN by V3)");
            auto token = alice_token(ctx);
            if (!token) return errored(token.error().reason);
            const auto path = ctx.target().endpoints.bearer_admin->path;
            const auto slash = path.rfind('/');
            const auto dir = path.substr(0, slash);
            const auto leaf = path.substr(slash + 1);
            std::string upper = path;
            std::transform(upper.begin(), upper.end(), upper.begin(), [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
            std::string first_escaped = leaf.empty() ? leaf : "%" + std::string(1, "0123456789ABCDEF"[static_cast<unsigned char>(leaf[0]) >> 4U]) +
                                                                  std::string(1, "0123456789ABCDEF"[static_cast<unsigned char>(leaf[0]) & 0x0FU]) + leaf.substr(1);
            const std::vector<std::string> variants{upper, path + "/", "/" + path, dir + "/" + first_escaped, dir + "%2F" + leaf,
                                                    dir + "/./" + leaf, dir + "/x/../" + leaf, path + ";x=1", path + "%20", path + ".json"};
            // "Same decision as the admin path": its own answer is the yardstick (how that answer
            // should look is AUTHZ-01's and BEARER-11's subject, not this check's).
            auto canonical = ctx.send(req::get(path).with_bearer(*token));
            if (!j.reached(canonical, path)) return j.finish();
            for (const auto& variant : variants) {
              auto r = ctx.send(req::get(variant).with_bearer(*token));
              if (!j.reached(r, variant)) continue;
              // V3: outside "the same decision or 404" without access granted (a 3xx to another
              // spelling, a 400) breaks no cited requirement -> WARN; access or a 5xx -> FAIL.
              Verdict v = Verdict::warn;
              if (status::is_success(r->status) || status::is_server_error(r->status)) {
                v = Verdict::fail;
              } else if (r->status == canonical->status || r->status == status::not_found) {
                v = Verdict::pass;
              }
              j.part(v, variant, r);
            }
            return j.finish();
          }};
}

// RFC 9110 §9.3.2, §9.3.7: HEAD mirrors GET; OPTIONS reveals nothing protected.
Check protects_head_and_options() {
  return {.id = "AUTHZ-10", .level = Level::should, .cites = "RFC 9110 §9.3.2 (HEAD mirrors GET minus content), §9.3.7",
          .summary = "HEAD on protected resources answers like GET; OPTIONS reveals nothing",
          .run = [](Context& ctx) {
            Judged j("HEAD: same status and challenge as GET; OPTIONS: no protected representation");
            std::vector<Endpoint> targets;
            const auto& declared = ctx.target().endpoints;
            const bool basic = ctx.target().flows.basic;
            if (declared.bearer_admin) targets.push_back(*declared.bearer_admin);
            if (declared.basic_admin && basic) targets.push_back(*declared.basic_admin);
            // V10: without an admin-only resource, the protected resource the profile names.
            if (targets.empty() && declared.bearer_read) {
              targets.push_back(*declared.bearer_read);
              j.skip_part("admin resources (none declared; judged on the Bearer read resource instead)");
            } else if (targets.empty() && declared.basic_user && basic) {
              targets.push_back(*declared.basic_user);
              j.skip_part("admin resources (none declared; judged on the Basic user resource instead)");
            }
            if (targets.empty()) return skipped("the profile declares no protected resource");
            for (const auto& e : targets) {
              auto get = ctx.send(req::get(e.path));
              auto head = ctx.send(req::head(e.path));
              if (!j.reached(get, "GET") || !j.reached(head, "HEAD")) continue;
              const bool same = get->status == head->status &&
                                get->header_values(http::header::www_authenticate) == head->header_values(http::header::www_authenticate);
              j.part(status::is_success(head->status) ? Verdict::fail : (same ? Verdict::pass : Verdict::warn), "HEAD " + e.path, head);
            }
            auto options = ctx.send(req::options(targets.front().path));
            if (j.reached(options, "OPTIONS")) {
              const bool leaks = status::is_success(options->status) && options->json().has_value() && !options->body.empty();
              j.part(leaks ? Verdict::warn : Verdict::pass, "OPTIONS " + targets.front().path, options);
            }
            return j.finish();
          }};
}

// RFC 6749 §3.3, §10.7: asking for admin never yields admin.
Check never_grants_unentitled_scope() {
  return {.id = "AUTHZ-11", .level = Level::must, .cites = "RFC 6749 §3.3, §10.7",
          .summary = "alice asking for scope admin gets invalid_scope or a narrowed token refused at admin",
          .applies = needs_scopes,
          .run = [](Context& ctx) {
            Judged j("invalid_scope, or a narrowed token (scope member) that gets 403 on the admin resource");
            auto grant = ctx.session().fresh_token("alice", {{"scope", ctx.target().scope("admin")}});
            if (!grant) {
              j.part(Verdict::pass, "no token issued for scope admin (" + grant.error().reason + ")");
              return j.finish();
            }
            j.evidence(grant->exchange);
            j.part(grant->scope && *grant->scope != ctx.target().scope("admin") ? Verdict::pass : Verdict::fail,
                   "granted scope " + grant->scope.value_or("(no scope member)"));
            if (ctx.target().endpoints.bearer_admin) {
              auto r = ctx.send(request_for(*ctx.target().endpoints.bearer_admin).with_bearer(grant->access_token));
              if (j.reached(r, "admin")) j.part(status::is_success(r->status) ? Verdict::fail : Verdict::pass, "that token on the admin resource", r);
            }
            return j.finish();
          }};
}

// OWASP API Security Top 10 (2023) API1: no access to other users' records.
Check denies_other_users_records() {
  return {.id = "AUTHZ-12", .level = Level::owasp, .cites = "OWASP API Security Top 10 (2023) API1",
          .summary = "alice's token on bob's record gets 403 or 404",
          .applies = [](const TargetProfile& t) -> std::optional<std::string> {
            if (auto missing = needs_token_source(t)) return missing;
            if (!t.endpoints.own_record) return "the profile declares no own-record resource";
            return std::nullopt;
          },
          .run = [](Context& ctx) {
            Judged j("403 or 404, never bob's data");
            auto token = alice_token(ctx);
            if (!token) return errored(token.error().reason);
            const auto* bob = ctx.target().user("bob");
            auto r = ctx.send(request_for(*ctx.target().endpoints.own_record, bob != nullptr ? bob->username : "bob").with_bearer(*token));
            if (j.reached(r, "bob's record")) {
              const bool refused = r->status == status::forbidden || r->status == status::not_found;
              Verdict v = status::is_success(r->status) || status::is_server_error(r->status) ? Verdict::fail : (refused ? Verdict::pass : Verdict::warn);
              if (names_missing_scope(*r)) v = ctx.deviation(Deviation::d6);
              j.part(v, "alice on bob's record", r);
            }
            return j.finish();
          }};
}

// RFC 9068 §2.2.3.1; RFC 6750 §5.3: how long a disabled user's token keeps working. The [K] form
// (catalog V10): a token minted with the server key for the disabled fixture user.
Check reports_demotion_window() {
  return {.id = "AUTHZ-13", .level = Level::info, .cites = "RFC 9068 §2.2.3.1; RFC 6750 §5.3", .mode = Mode::key_known,
          .summary = "a token for the disabled user carol, minted with the server key, is refused (or the window is reported)",
          .applies = [](const TargetProfile& t) -> std::optional<std::string> {
            if (auto missing = jwt::needs_key(t)) return missing;
            if (disabled_user(t) == nullptr) return "the profile names no disabled user (disabled: true)";
            return std::nullopt;
          },
          .run = [](Context& ctx) {
            Judged j("refused (the account state is checked per request), or accepted and the window reported (INFO)");
            j.skip_part("the admin-API form (demote or disable a user during the run): the profile declares no admin API");
            auto keyed = jwt::keyed_base(ctx);
            if (!keyed) return errored(keyed.error().reason);
            const auto* carol = disabled_user(ctx.target());
            const auto* alice = ctx.target().user(jwt::base_user);
            const auto payload = nlohmann::json::parse(keyed->fresh_payload, nullptr, false);
            const auto sub = payload.is_object() && payload.contains("sub") && payload["sub"].is_string()
                                 ? payload["sub"].get<std::string>() : std::string();
            // The token names carol the way T0 names alice; a target whose sub is not the username
            // (an id) cannot be told "carol" by a minted token, and a refusal would prove nothing.
            if (alice == nullptr || sub != alice->username) {
              return skipped("T0's sub is \"" + sub + "\", not alice's username: a token for " + carol->username +
                             " cannot be minted without knowing the target's id for her");
            }
            auto carols = forge::with_member(keyed->fresh_payload, "sub", carol->username);
            if (!carols) return errored(carols.error());
            auto token = keyed->key.mint(keyed->base.parts.header_json, *carols);
            if (!token) return errored(token.error());
            const std::string what = "a token for disabled " + carol->username + " minted with the server key";
            auto r = ctx.send(request_for(*ctx.target().endpoints.bearer_read).with_bearer(*token));
            if (!j.reached(r, what)) return j.finish();
            if (status::is_server_error(r->status)) {
              j.part(Verdict::fail, what, r);
            } else if (status::is_success(r->status)) {
              const auto ttl = ctx.target().token.ttl;
              j.part(Verdict::info, what + " is accepted: the account state is not checked per request, so a token issued before "
                                           "the account was disabled keeps working until its exp (window: " +
                                        (ttl ? "the access-token TTL, " + std::to_string(ttl->count()) + " s"
                                             : std::string("the access-token lifetime; the profile gives no ttl_seconds")) + ")",
                     r);
            } else {
              j.part(Verdict::pass, what + " is refused: the account state is checked per request (window 0)", r);
            }
            return j.finish();
          }};
}

}  // namespace

std::vector<Check> authz_checks() {
  return {forbids_insufficient_scope(),       forbids_basic_non_admin(),           authenticates_before_authorizing(),
          run_wide(pairs_status_with_error_code()), hides_forbidden_consistently(), matches_scope_tokens_exactly(),
          matches_roles_exactly(),            refuses_writes_by_readers(),         normalizes_paths_before_authorizing(),
          protects_head_and_options(),        never_grants_unentitled_scope(),     denies_other_users_records(),
          reports_demotion_window()};
}

}  // namespace authprobe::conformance
