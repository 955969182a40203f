// HTTP — robustness, caching, CORS (checks.md HTTP-01..16).
#include <chrono>
#include <functional>

#include "conformance/checks/checks.hpp"
#include "conformance/checks/http_credentials.hpp"
#include "conformance/checks/http_parts.hpp"
#include "conformance/checks/token_support.hpp"

namespace authprobe::conformance {
namespace {

using namespace support;
using namespace token;
namespace status = http::status;

constexpr std::size_t kib = 1024;
constexpr std::size_t mib = kib * kib;
constexpr int many_header_lines = 1000;
constexpr std::size_t huge_body = 10 * mib;

std::optional<std::string> needs_token_resource(const TargetProfile& t) { return needs_bearer_read(t); }

Request read_request(const Context& ctx) { return request_for(*ctx.target().endpoints.bearer_read); }

bool refused_or_closed(const SendResult& r) {
  if (!r) return r.error().kind == TransportKind::closed;
  return status::is_client_error(r->status);
}

// How a malformed request was answered, for the entries whose acceptable outcome is 400: a 400
// PASSes, a 5xx FAILs (V1), a success takes `on_success`, any other answer `miss` (V3: the level of
// what it breaks), and a connection closed without an answer `on_closed`.
struct MalformedRule {
  Verdict on_success = Verdict::fail;
  Verdict miss = Verdict::warn;
  Verdict on_closed = Verdict::warn;
};

Verdict judge_malformed(const SendResult& r, MalformedRule rule = {}) {
  if (!r) return r.error().kind == TransportKind::closed ? rule.on_closed : Verdict::error;
  if (r->status == status::bad_request) return Verdict::pass;
  if (status::is_success(r->status)) return rule.on_success;
  if (status::is_server_error(r->status)) return Verdict::fail;
  return rule.miss;
}

using http_credentials::needs_credentials;
using http_credentials::target_credentials;

// V10: HTTP-01/02 are functional baselines (`—`), but V4 makes only success baselines FAIL: a
// refusal that is not 400 breaks no cited requirement and is WARN by V3.
constexpr MalformedRule repeated_lines{.on_success = Verdict::fail, .miss = Verdict::warn, .on_closed = Verdict::warn};

// RFC 9110 §5.3: Authorization is not list-valued, so two lines are malformed. Whichever line a
// server picks, a proxy in front may pick the other: accepting either is a parser differential.
Check rejects_repeated_authorization() {
  return {.id = "HTTP-01", .level = Level::baseline, .cites = "RFC 9110 §5.3 (only list-valued fields may repeat), §11.6.2",
          .summary = "two different Authorization lines get 400", .applies = needs_credentials,
          .run = [](Context& ctx) {
            Judged j("400; accepting either value is a parser differential (FAIL); another refusal WARN");
            auto c = target_credentials(ctx);
            if (!c) return errored(c.error().reason);
            const std::pair<std::string, std::pair<std::string, std::string>> variants[] = {
                {"valid then invalid", {c->valid, c->invalid}},
                {"invalid then valid", {c->invalid, c->valid}},
                {c->other_what, {c->other, c->valid}}};
            for (const auto& [what, pair] : variants) {
              auto r = ctx.send(c->resource.with_authorization(pair.first).with_authorization(pair.second));
              j.part(judge_malformed(r, repeated_lines), c->scheme + ": " + what, r);
            }
            return j.finish();
          }};
}

// RFC 9110 §5.3: identical lines are malformed too, but no differential can come of them, so
// processing the value once is WARN in every profile (V10), as is any refusal but 400.
Check rejects_duplicate_authorization() {
  return {.id = "HTTP-02", .level = Level::baseline, .cites = "RFC 9110 §5.3", .summary = "two identical Authorization lines get 400 (processed once: WARN)",
          .applies = needs_credentials,
          .run = [](Context& ctx) {
            Judged j("400; processed once or refused otherwise: WARN");
            auto c = target_credentials(ctx);
            if (!c) return errored(c.error().reason);
            auto r = ctx.send(c->resource.with_authorization(c->valid).with_authorization(c->valid));
            MalformedRule rule = repeated_lines;
            rule.on_success = Verdict::warn;
            j.part(judge_malformed(r, rule), c->scheme + ": same line twice", r);
            return j.finish();
          }};
}

// Each raw Authorization line, `{V}` replaced by alice's valid credentials, sent to her resource.
Finding judge_raw_lines(Context& ctx, const std::vector<std::pair<std::string, std::string>>& lines, std::string expected,
                        const std::function<Verdict(const SendResult&)>& judge) {
  Judged j(std::move(expected));
  auto c = target_credentials(ctx);
  if (!c) return errored(c.error().reason);
  for (const auto& [what, line_template] : lines) {
    std::string line = line_template;
    if (const auto at = line.find("{V}"); at != std::string::npos) line.replace(at, 3, c->valid);
    auto r = ctx.send(c->resource.with_raw_line(line));
    j.part(judge(r), c->scheme + ": " + what, r);
  }
  return j.finish();
}

// RFC 9112 §5.1: a server MUST reject whitespace between a field name and the colon with 400.
// V10: any other answer FAILs, a 401 included (the line ignored as an unknown field is what lets
// a proxy that trims the name disagree with the server about who is logged in).
Check rejects_space_before_colon() {
  return {.id = "HTTP-03", .level = Level::must, .cites = "RFC 9112 §5.1", .summary = "`Authorization : <credentials>` gets 400",
          .applies = needs_credentials,
          .run = [](Context& ctx) {
            return judge_raw_lines(ctx, {{"space before colon", "Authorization : {V}"}}, "400 (any other answer FAILs)", [](const SendResult& r) {
              return judge_malformed(r, {.on_success = Verdict::fail, .miss = judge_miss(Level::must), .on_closed = judge_miss(Level::must)});
            });
          }};
}

Check rejects_or_unfolds_obs_fold() {
  return {.id = "HTTP-04", .level = Level::must, .cites = "RFC 9112 §5.2", .summary = "obs-fold in Authorization: 400, or unfolded to SP",
          .applies = needs_token_resource,
          .run = [](Context& ctx) {
            Judged j("400, or the fold replaced by SP (200); never a token read as empty");
            auto grant = ctx.session().token("alice");
            if (!grant) return errored(grant.error().reason);
            auto r = ctx.send(read_request(ctx).with_raw_line("Authorization: Bearer\r\n " + grant->access_token));
            // RFC 9112 §5.2 leaves two choices: 400, or the fold replaced by SP (then T is valid).
            // A 401 means neither happened: the token was read as empty or cut at the fold; any
            // other refusal breaks the same MUST (V3).
            const Verdict v = judge_malformed(r, {.on_success = Verdict::pass, .miss = judge_miss(Level::must), .on_closed = Verdict::warn});
            j.part(v, "obs-fold", r);
            return j.finish();
          }};
}

// RFC 9110 §5.5: a recipient MUST reject a field value with NUL, CR or LF, or replace each with SP
// before interpreting it. What "replaced by SP" looks like depends on the target's parser, so the
// same line with a real SP in the octet's place is the control: an answer equal to the control's
// is the replacement (PASS), 400 is the rejection (PASS), and anything else means the value was
// cut or the octet dropped (FAIL by the MUST, V3); a 2xx where the control is refused is a login
// the value alone does not give. The octet goes after the credentials and inside them (the middle
// of the token68), since a lenient decoder can hide one placement but not both.
Check rejects_control_octets_in_fields() {
  return {.id = "HTTP-05", .level = Level::must, .cites = "RFC 9110 §5.5", .summary = "NUL, bare CR or bare LF in Authorization get 400",
          .applies = needs_credentials,
          .run = [](Context& ctx) {
            Judged j("400, or the same answer as with the octet replaced by SP");
            auto c = target_credentials(ctx);
            if (!c) return errored(c.error().reason);
            const auto scheme_end = c->valid.find(' ');
            const std::size_t inside = scheme_end + 1 + (c->valid.size() - scheme_end - 1) / 2;
            const std::pair<std::string, char> octets[] = {{"NUL", '\0'}, {"bare CR", '\r'}, {"bare LF", '\n'}};
            const std::pair<std::string, std::size_t> places[] = {{"after the credentials", c->valid.size()},
                                                                  {"inside the credentials", inside}};
            for (const auto& [octet_name, octet] : octets) {
              for (const auto& [place_name, at] : places) {
                std::string with_octet = c->valid;
                std::string with_space = c->valid;
                with_octet.insert(at, 1, octet);
                with_space.insert(at, 1, ' ');
                if (at == c->valid.size()) {
                  with_octet += "x";
                  with_space += "x";
                }
                const std::string what = c->scheme + ": " + octet_name + " " + place_name;
                auto r = ctx.send(c->resource.with_raw_line("Authorization: " + with_octet));
                if (!r) {
                  j.part(Verdict::warn, what + ": connection closed without the 400 the entry lists", r);
                  continue;
                }
                if (r->status == status::bad_request) {
                  j.part(Verdict::pass, what, r);
                  continue;
                }
                if (status::is_server_error(r->status)) {
                  j.part(Verdict::fail, what, r);
                  continue;
                }
                auto control = ctx.send(c->resource.with_raw_line("Authorization: " + with_space));
                if (!j.reached(control, what + " (control with SP)")) continue;
                if (control->status == r->status) {
                  j.part(Verdict::pass, what + ": answered as with SP in its place (" + std::to_string(control->status) + ")", r);
                } else if (octet == '\n' && status::is_client_error(r->status)) {
                  // RFC 9112 §2.2: a recipient MAY take a bare LF for a line end; the rest is then
                  // a malformed line of its own, and a refusal is a sound answer.
                  j.part(Verdict::pass, what + ": read as a line end and refused", r);
                } else {
                  j.part(judge_miss(Level::must),
                         what + ": neither rejected nor replaced by SP (with SP: " + std::to_string(control->status) + ")", r);
                }
              }
            }
            return j.finish();
          }};
}

Check limits_header_size() {
  return {.id = "HTTP-06", .level = Level::should, .cites = "RFC 6585 §5 (431)", .summary = "oversized Authorization and 1000 header lines get 431/400",
          .applies = needs_credentials,
          .run = [](Context& ctx) {
            Judged j("431 (or 400) for oversized headers, no crash");
            // Whatever scheme the target takes (a Basic-only target gets Basic-shaped values).
            auto c = target_credentials(ctx);
            if (!c) return errored(c.error().reason);
            for (const std::size_t size : {16 * kib, 64 * kib, mib}) {
              auto r = ctx.send(c->resource.with_authorization(c->scheme + " " + std::string(size, 'a')).raw());
              // Processed as an ordinary wrong credential (401) is right only under a limit the
              // profile documents (flows.max_header_bytes); otherwise these sizes are the oversized ones.
              const auto& documented = ctx.target().flows.max_header_bytes;
              const bool within_limit = documented && size <= *documented;
              const bool ok = refused_or_closed(r) && (!r || r->status != status::unauthorized || within_limit);
              j.part(r && (status::is_success(r->status) || status::is_server_error(r->status)) ? Verdict::fail : (ok ? Verdict::pass : Verdict::warn),
                     std::to_string(size / kib) + " KiB Authorization", r);
            }
            Request many = c->resource;
            for (int i = 0; i < many_header_lines; ++i) many = many.with_raw_line("X-Filler-" + std::to_string(i) + ": x");
            auto r = ctx.send(many);
            j.part(r && status::is_server_error(r->status) ? Verdict::fail : (refused_or_closed(r) ? Verdict::pass : Verdict::warn), "1000 header lines", r);
            j.skip_part("valid 9 KiB token (needs [K] to mint)");
            return j.finish();
          }};
}

// HTTP-07 needs to see the answer to a refused frame and whether a second one follows on the same
// connection. Both come at once from a server that answers them (a framing error is decided from
// the header, before any password hashing); a server that keeps the connection open without
// answering is waiting for bytes that never come, and waiting longer teaches nothing.
constexpr std::chrono::milliseconds framing_patience{3000};

Check frames_bodies_unambiguously() {
  return {.id = "HTTP-07", .level = Level::must, .cites = "RFC 9112 §6.1, §6.3", .summary = "CL+TE, two Content-Lengths and bad codings are refused; no smuggling",
          .applies = needs_token_endpoint,
          .run = [](Context& ctx) {
            Judged j("CL+TE: 400 or TE framing and close; two CLs: 400; unknown coding: 501/400; never two requests from one");
            const auto& path = ctx.target().endpoints.token->path;
            const std::string smuggled = "GET " + ctx.target().endpoints.not_found + " HTTP/1.1\r\nHost: x\r\n\r\n";
            const std::string chunk_body = "0\r\n\r\n" + smuggled;
            const auto base = req::post(path).with_header(std::string(http::header::content_type), std::string(http::media_type::form_urlencoded));
            const std::pair<std::string, Request> cases[] = {
                {"CL+TE", base.with_raw_line("Content-Length: " + std::to_string(chunk_body.size())).with_raw_line("Transfer-Encoding: chunked").without_content_length().with_body("", chunk_body)},
                {"two Content-Lengths", base.with_raw_line("Content-Length: 5").with_raw_line("Content-Length: 6").without_content_length().with_body("", "a=bcd")},
                {"chunked, identity", base.with_raw_line("Transfer-Encoding: chunked, identity").without_content_length().with_body("", "0\r\n\r\n")},
                {"xchunked", base.with_raw_line("Transfer-Encoding: xchunked").without_content_length().with_body("", "0\r\n\r\n")}};
            for (const auto& [what, request] : cases) {
              auto results = ctx.send_pipelined({request.with_header(std::string(http::header::connection), "keep-alive"), req::get(ctx.target().endpoints.not_found)},
                                                framing_patience);
              const auto& first = results.front();
              if (!first) {
                j.part(first.error().kind == TransportKind::closed ? Verdict::pass : Verdict::error, what + ": connection closed", first);
                continue;
              }
              const bool second_answered = results.size() > 1 && results[1].has_value();
              Verdict v = Verdict::pass;
              if (status::is_success(first->status) || (status::is_server_error(first->status) && first->status != status::not_implemented)) v = Verdict::fail;
              if (first->status != status::bad_request && first->status != status::not_implemented) v = Verdict::fail;
              if (second_answered) v = Verdict::fail;  // the connection stayed open after an ambiguous frame
              j.part(v, what + (second_answered ? " (connection kept open)" : ""), first);
            }
            return j.finish();
          }};
}

Check limits_body_size() {
  return {.id = "HTTP-08", .level = Level::should, .cites = "RFC 9110 §15.5.14", .summary = "a 10 MiB token request gets 413",
          .applies = needs_token_endpoint,
          .run = [](Context& ctx) {
            Judged j("413 before the body is read in full");
            auto r = ctx.send(token_post_raw_body(ctx, std::string(http::media_type::form_urlencoded), "password=" + std::string(huge_body, 'a')).raw());
            if (!r && r.error().kind == TransportKind::closed) {
              j.part(Verdict::pass, "connection closed before the body was read", r);
            } else if (r) {
              j.part(r->status == status::payload_too_large ? Verdict::pass : (status::is_server_error(r->status) || status::is_success(r->status) ? Verdict::fail : Verdict::warn), "10 MiB body", r);
            } else {
              j.part(Verdict::error, "10 MiB body", r);
            }
            return j.finish();
          }};
}

Check announces_allowed_methods() {
  return {.id = "HTTP-09", .level = Level::must, .cites = "RFC 9110 §15.5.6, §9.1, §15.6.2", .summary = "405 with Allow; 501 for unknown methods; OPTIONS lists Allow",
          .applies = needs_token_endpoint,
          .run = [](Context& ctx) {
            Judged j("PUT /token: 405 with Allow; FOO: 501; OPTIONS: Allow");
            const auto& path = ctx.target().endpoints.token->path;
            auto put = ctx.send(req::method("PUT", path));
            if (j.reached(put, "PUT")) {
              j.part(put->status == status::method_not_allowed ? (put->has_header(http::header::allow) ? Verdict::pass : Verdict::fail) : Verdict::warn, "PUT " + path, put);
            }
            const std::string resource = ctx.target().endpoints.bearer_read ? ctx.target().endpoints.bearer_read->path : path;
            auto foo = ctx.send(req::method("FOO", resource));
            if (j.reached(foo, "FOO")) j.part(foo->status == status::not_implemented ? Verdict::pass : Verdict::warn, "FOO " + resource, foo);
            auto options = ctx.send(req::options(path));
            if (j.reached(options, "OPTIONS")) j.part(options->has_header(http::header::allow) ? Verdict::pass : Verdict::warn, "OPTIONS " + path, options);
            return j.finish();
          }};
}

Check keeps_authenticated_responses_private() {
  return {.id = "HTTP-10", .level = Level::should, .cites = "RFC 9111 §3.5, §5.2.2; RFC 6750 §2.3", .summary = "authenticated responses are no-store or private, never public",
          .run = [](Context& ctx) {
            Judged j("Cache-Control no-store or private; never public, s-maxage or must-revalidate");
            std::size_t seen = 0;
            for (const auto& o : ctx.log().all()) {
              const auto& rs = o.exchange.response;
              if (!rs || o.exchange.request.raw) continue;
              const bool credentials = std::any_of(o.exchange.request.headers.begin(), o.exchange.request.headers.end(),
                                                   [](const auto& h) { return iequals(h.first, http::header::authorization); });
              const bool judged = (credentials && status::is_success(rs->status)) || rs->status == status::unauthorized || rs->status == status::forbidden;
              if (!judged) continue;
              ++seen;
              Response view;
              view.headers = rs->headers;
              std::string problem;
              if (credentials && (cache_control_has(view, "public") || cache_control_has(view, "s-maxage") || cache_control_has(view, "must-revalidate"))) {
                problem = "shared-cacheable";
              } else if (!cache_control_has(view, "no-store") && !cache_control_has(view, "private")) {
                problem = "no Cache-Control: no-store/private";
              }
              if (!problem.empty()) {
                j.part(Verdict::warn, problem + " on " + std::to_string(rs->status) + " " + o.exchange.request.method + " " + o.exchange.request.target);
                j.evidence(o.exchange);
              }
            }
            if (seen == 0) return skipped("no protected response was seen in this run (V6)");
            if (j.empty()) j.part(Verdict::pass, std::to_string(seen) + " responses not shared-cacheable");
            return j.finish();
          }};
}

Check forgets_credentials_between_requests() {
  return {.id = "HTTP-14", .level = Level::baseline, .cites = "RFC 9112 §9.3 (persistent connections); RFC 9110 §11.6.2",
          .summary = "on one keep-alive connection a request without credentials gets 401", .applies = needs_token_resource,
          .run = [](Context& ctx) {
            Judged j("the second request (no Authorization) gets 401");
            auto grant = ctx.session().token(ctx.target().user("bob") != nullptr ? "bob" : "alice");
            if (!grant) return errored(grant.error().reason);
            // Sequential, not pipelined: servers may legitimately leave pipelined requests
            // unanswered, and then nothing about authentication state would be observed.
            auto results = ctx.send_sequential({read_request(ctx).with_bearer(grant->access_token).with_header(std::string(http::header::connection), "keep-alive"),
                                                read_request(ctx)});
            if (results.size() < 2 || !results[1]) {
              j.part(Verdict::pass, "the server closed the connection after the first request");
              return j.finish();
            }
            j.evidence(results[0]);
            j.part(status::is_success(results[1]->status) ? Verdict::fail : (results[1]->status == status::unauthorized ? Verdict::pass : Verdict::warn),
                   "second request without credentials", results[1]);
            return j.finish();
          }};
}

Check times_out_slow_clients() {
  return {.id = "HTTP-15", .level = Level::should, .cites = "RFC 9112 §9.5; RFC 9110 §15.5.9", .summary = "an incomplete request is answered 408 or closed after a bounded time",
          .run = [](Context& ctx) {
            Judged j("408 or close within the read timeout");
            // A request whose body never arrives: the raw sender waits up to its read timeout.
            auto r = ctx.send(req::post(ctx.target().endpoints.not_found).with_raw_line("Content-Length: 100").without_content_length().with_body("", "x"));
            if (!r) {
              j.part(r.error().kind == TransportKind::closed ? Verdict::pass : Verdict::warn, "body slower than its Content-Length: " + r.error().message, r);
            } else {
              j.part(r->status == status::request_timeout || status::is_client_error(r->status) ? Verdict::pass : Verdict::warn, "body slower than its Content-Length", r);
            }
            return j.finish();
          }};
}

Check requires_form_content_type() {
  return {.id = "HTTP-16", .level = Level::should, .cites = "RFC 9110 §8.3, §15.5.16", .summary = "token requests without a form Content-Type are refused",
          .applies = needs_token_endpoint,
          .run = [](Context& ctx) {
            Judged j("400 invalid_request (strict) or 415 (lenient); never parsed as a form");
            auto params = password_params(ctx);
            if (!params) return errored("profile declares no fixture user 'alice'");
            const auto body = form_encode(*params);
            for (const std::string type : {"", "text/plain", "multipart/form-data; boundary=x"}) {
              auto r = ctx.send(token_post_raw_body(ctx, type, body));
              if (!j.reached(r, type)) continue;
              Verdict v = judge_error(ctx, *r, http::oauth_error::invalid_request, Deviation::d4, Verdict::warn);
              if (r->status == status::unsupported_media_type && ctx.judgement() == Judgement::lenient) v = Verdict::pass;
              j.part(v, "Content-Type " + (type.empty() ? std::string("(none)") : type), r);
            }
            return j.finish();
          }};
}

}  // namespace

std::vector<Check> http_checks() {
  return {rejects_repeated_authorization(), rejects_duplicate_authorization(), rejects_space_before_colon(),
          rejects_or_unfolds_obs_fold(), rejects_control_octets_in_fields(), limits_header_size(),
          frames_bodies_unambiguously(), limits_body_size(), announces_allowed_methods(),
          run_wide(keeps_authenticated_responses_private()), answers_cors_preflight(), exposes_errors_cross_origin(),
          run_wide(hides_internals_in_errors()), forgets_credentials_between_requests(), slow(times_out_slow_clients()),
          requires_form_content_type()};
}

}  // namespace authprobe::conformance
