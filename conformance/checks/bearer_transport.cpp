// BEARER-12 … BEARER-15: where a bearer token may travel (RFC 6750 §2.2, §2.3, §5.3).
#include "conformance/checks/bearer_support.hpp"
#include "conformance/checks/jwt_factories.hpp"
#include "conformance/http_constants.hpp"
#include "conformance/verdict_rules.hpp"

namespace authprobe::conformance::jwt {
namespace {

constexpr std::string_view access_token_param = "access_token";  // RFC 6750 §2.2, §2.3
constexpr std::string_view custom_token_header = "X-Access-Token";

Request read_request(const Context& ctx) { return resource_request(*ctx.target().endpoints.bearer_read); }
const Endpoint& read_endpoint(const Context& ctx) { return *ctx.target().endpoints.bearer_read; }

Part part_of(const std::string& name, const SendResult& result) {
  Part part{Verdict::pass, name + ": " + describe(result), std::nullopt};
  part.exchange = result ? result->exchange : result.error().exchange;
  if (!result) part.verdict = Verdict::error;
  else if (http::status::is_server_error(result->status)) part.verdict = Verdict::fail;
  return part;
}

bool accepted(const SendResult& result) { return result && http::status::is_success(result->status); }

// V10: the code may stand in the Bearer challenge or, on a 400, in a JSON error member; whether a
// challenge is present is BEARER-01/03's subject, not this file's.
bool has_error(const SendResult& result, std::string_view code) {
  return result && refusal_error(*result) == code;
}

}  // namespace

// RFC 6750 §2: clients use one method; §3.1: a request using several is invalid_request.
Check refuses_two_transmission_methods() {
  return {.id = "BEARER-12", .level = Level::should, .cites = "RFC 6750 §2, §3.1", .mode = Mode::black_box,
          .summary = "a token in the header and in the query gets 400 invalid_request; the query copy never wins",
          .applies = needs_bearer,
          .run = [](Context& ctx) {
            auto alice = ctx.session().token(base_user);
            if (!alice) return errored(alice.error().reason);
            std::vector<Part> parts;
            const auto same = ctx.send(read_request(ctx).with_bearer(alice->access_token).with_query({{std::string(access_token_param), alice->access_token}}));
            Part a = part_of("header T and ?access_token=T", same);
            if (a.verdict == Verdict::pass && !(same->status == http::status::bad_request && has_error(same, http::oauth_error::invalid_request))) {
              a.verdict = Verdict::warn;  // a miss of the SHOULD (V3), e.g. the header silently wins
            }
            parts.push_back(std::move(a));
            if (ctx.target().endpoints.bearer_admin) {
              if (auto bob = ctx.session().token(admin_user)) {
                const auto mixed = ctx.send(resource_request(*ctx.target().endpoints.bearer_admin)
                                                .with_bearer(alice->access_token)
                                                .with_query({{std::string(access_token_param), bob->access_token}}));
                Part b = part_of("admin resource, header alice's T and ?access_token=bob's Tb", mixed);
                if (accepted(mixed)) {
                  b.verdict = Verdict::fail;
                  b.note += " (the query copy won over the header)";
                } else if (b.verdict == Verdict::pass && mixed->status != http::status::bad_request) {
                  b.verdict = Verdict::warn;
                }
                parts.push_back(std::move(b));
              }
            }
            Finding finding = combine_parts(parts, "400 invalid_request; the query copy never grants access");
            finding.detail += "\nnot run: the form-body copy (needs a POST resource that takes a form)";
            return finding;
          }};
}

// RFC 6750 §2.3 (query tokens: SHOULD NOT), RFC 9700 §4.3.2 (clients MUST NOT) — D13.
Check avoids_query_tokens() {
  return {.id = "BEARER-13", .level = Level::should, .cites = "RFC 6750 §2.3; RFC 9700 §4.3.2", .mode = Mode::black_box,
          .summary = "?access_token=T without a header is not accepted (or, if it is, the response is private)",
          .applies = needs_bearer,
          .run = [](Context& ctx) {
            auto grant = ctx.session().token(base_user);
            if (!grant) return errored(grant.error().reason);
            const auto result = ctx.send(read_request(ctx).with_query({{std::string(access_token_param), grant->access_token}}));
            Part part = part_of("?access_token=T, no header", result);
            if (accepted(result)) {
              part.verdict = ctx.deviation(Deviation::d13);
              const auto cache = result->header(http::header::cache_control);
              const bool is_private = cache && to_lower(*cache).find("private") != std::string::npos;
              part.note += is_private ? " (accepted, Cache-Control private)" : " (accepted, without Cache-Control: private)";
            } else if (part.verdict == Verdict::pass && result->status != http::status::unauthorized &&
                       !(result->status == http::status::bad_request && has_error(result, http::oauth_error::invalid_request))) {
              part.verdict = Verdict::warn;
            }
            return combine_parts({part}, "not supported: 401 without error (or 400 invalid_request); accepted -> WARN (bcp FAIL)");
          }};
}

// RFC 6750 §2.2: form-encoded body parameter only under its conditions; never in GET or JSON.
Check limits_body_tokens() {
  return {.id = "BEARER-14", .level = Level::may, .cites = "RFC 6750 §2.2", .mode = Mode::black_box,
          .summary = "access_token in a form POST only if documented; never in a GET body or a JSON body",
          .applies = needs_bearer,
          .run = [](Context& ctx) {
            auto grant = ctx.session().token(base_user);
            if (!grant) return errored(grant.error().reason);
            const auto& path = read_endpoint(ctx).path;
            const FormParams form{{std::string(access_token_param), grant->access_token}};
            std::vector<Part> parts;
            const auto post = ctx.send(req::post(path).with_form(form));
            Part a = part_of("(a) POST form body access_token=T", post);
            if (accepted(post) && !ctx.target().flows.form_body_token) {
              a.verdict = Verdict::warn;
              a.note += " (accepted, but the profile does not document form-body tokens)";
            }
            parts.push_back(std::move(a));
            const auto get = ctx.send(req::get(path).with_form(form));
            Part b = part_of("(b) GET with a form body access_token=T", get);
            if (accepted(get)) b.verdict = Verdict::fail;
            parts.push_back(std::move(b));
            const auto json = ctx.send(req::post(path).with_body(std::string(http::media_type::json),
                                                                 nlohmann::json{{access_token_param, grant->access_token}}.dump()));
            Part c = part_of("(c) POST JSON body {\"access_token\":T}", json);
            if (accepted(json)) c.verdict = Verdict::fail;
            parts.push_back(std::move(c));
            return combine_parts(parts, "(a) 2xx only if documented, else refused; (b) and (c) never authenticate");
          }};
}

// RFC 6750 §5.3: tokens in cookies are CSRF-able; custom headers are outside RFC 6750.
Check ignores_cookie_and_custom_header_tokens() {
  return {.id = "BEARER-15", .level = Level::info, .cites = "RFC 6750 §5.3", .mode = Mode::black_box,
          .summary = "a token in a cookie or an X-Access-Token header is not accepted", .applies = needs_bearer,
          .run = [](Context& ctx) {
            auto grant = ctx.session().token(base_user);
            if (!grant) return errored(grant.error().reason);
            std::vector<Part> parts;
            const auto cookie = ctx.send(read_request(ctx).with_header(std::string(http::header::cookie),
                                                                       std::string(access_token_param) + "=" + grant->access_token));
            Part a = part_of("Cookie: access_token=T", cookie);
            if (accepted(cookie)) {
              a.verdict = Verdict::warn;
              a.note += " (accepted: cookie-borne bearer tokens make the API CSRF-able, RFC 6750 §5.3)";
            }
            parts.push_back(std::move(a));
            const auto header = ctx.send(read_request(ctx).with_header(std::string(custom_token_header), grant->access_token));
            Part b = part_of("X-Access-Token: T", header);
            if (accepted(header)) {
              b.verdict = Verdict::info;
              b.note += " (accepted: a non-standard transmission method)";
            }
            parts.push_back(std::move(b));
            return combine_parts(parts, "not accepted");
          }};
}

}  // namespace authprobe::conformance::jwt
