// HTTP — robustness, caching, CORS (checks.md HTTP-01..16).
#include <chrono>

#include "conformance/checks/checks.hpp"
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
constexpr std::string_view app_origin = "https://app.example";
constexpr std::string_view evil_origin = "https://evil.example";

std::optional<std::string> needs_token_resource(const TargetProfile& t) { return needs_bearer_read(t); }

Request read_request(const Context& ctx) { return request_for(*ctx.target().endpoints.bearer_read); }

bool refused_or_closed(const SendResult& r) {
  if (!r) return r.error().kind == TransportKind::closed;
  return status::is_client_error(r->status);
}

// 400 PASS; a refusal in another form WARN; a success or a 5xx FAIL.
Verdict judge_malformed(const SendResult& r, Verdict on_success = Verdict::fail) {
  if (!r) return r.error().kind == TransportKind::closed ? Verdict::warn : Verdict::error;
  if (r->status == status::bad_request) return Verdict::pass;
  if (status::is_success(r->status)) return on_success;
  if (status::is_server_error(r->status)) return Verdict::fail;
  return Verdict::warn;
}

Check rejects_repeated_authorization() {
  return {.id = "HTTP-01", .level = Level::baseline, .cites = "RFC 9110 §5.3 (only list-valued fields may repeat), §11.6.2",
          .summary = "two different Authorization lines get 400", .applies = needs_token_resource,
          .run = [](Context& ctx) {
            Judged j("400; accepting either value is a parser differential (FAIL)");
            auto grant = ctx.session().token("alice");
            if (!grant) return errored(grant.error().reason);
            const std::string valid = "Bearer " + grant->access_token;
            const std::pair<std::string, std::pair<std::string, std::string>> variants[] = {
                {"valid then garbage", {valid, "Bearer garbage"}},
                {"garbage then valid", {"Bearer garbage", valid}},
                {"Basic then Bearer", {"Basic " + base64("alice:x"), valid}}};
            for (const auto& [what, pair] : variants) {
              auto r = ctx.send(read_request(ctx).with_authorization(pair.first).with_authorization(pair.second));
              j.part(judge_malformed(r), what, r);
            }
            return j.finish();
          }};
}

Check rejects_duplicate_authorization() {
  return {.id = "HTTP-02", .level = Level::baseline, .cites = "RFC 9110 §5.3", .summary = "two identical Authorization lines get 400 (lenient: processed once)",
          .applies = needs_token_resource,
          .run = [](Context& ctx) {
            Judged j("strict: 400; lenient: processed once (WARN)");
            auto grant = ctx.session().token("alice");
            if (!grant) return errored(grant.error().reason);
            auto r = ctx.send(read_request(ctx).with_bearer(grant->access_token).with_bearer(grant->access_token));
            const Verdict tolerated = ctx.judgement() == Judgement::lenient ? Verdict::warn : Verdict::fail;
            j.part(r && status::is_success(r->status) ? tolerated : judge_malformed(r), "same line twice", r);
            return j.finish();
          }};
}

// One malformed Authorization line sent raw to the read resource.
Finding judge_raw_line(Context& ctx, const std::vector<std::pair<std::string, std::string>>& lines, std::string expected,
                       bool accept_unauthorized) {
  Judged j(std::move(expected));
  auto grant = ctx.session().token("alice");
  if (!grant) return errored(grant.error().reason);
  for (const auto& [what, line_template] : lines) {
    std::string line = line_template;
    if (const auto at = line.find("{T}"); at != std::string::npos) line.replace(at, 3, grant->access_token);
    auto r = ctx.send(read_request(ctx).with_raw_line(line));
    Verdict v = judge_malformed(r);
    if (r && r->status == status::unauthorized && accept_unauthorized) v = Verdict::pass;
    j.part(v, what, r);
  }
  return j.finish();
}

Check rejects_space_before_colon() {
  return {.id = "HTTP-03", .level = Level::must, .cites = "RFC 9112 §5.1", .summary = "`Authorization : Bearer T` gets 400",
          .applies = needs_token_resource,
          .run = [](Context& ctx) { return judge_raw_line(ctx, {{"space before colon", "Authorization : Bearer {T}"}}, "400", false); }};
}

Check rejects_or_unfolds_obs_fold() {
  return {.id = "HTTP-04", .level = Level::must, .cites = "RFC 9112 §5.2", .summary = "obs-fold in Authorization: 400, or unfolded to SP",
          .applies = needs_token_resource,
          .run = [](Context& ctx) {
            Judged j("400, or the fold replaced by SP (200); never a token read as empty");
            auto grant = ctx.session().token("alice");
            if (!grant) return errored(grant.error().reason);
            auto r = ctx.send(read_request(ctx).with_raw_line("Authorization: Bearer\r\n " + grant->access_token));
            Verdict v = judge_malformed(r, Verdict::pass);
            // RFC 9112 §5.2 leaves two choices: 400, or the fold replaced by SP (then T is valid).
            // A 401 means neither happened: the token was read as empty or cut at the fold.
            if (r && r->status == status::unauthorized) v = Verdict::fail;
            j.part(v, "obs-fold", r);
            return j.finish();
          }};
}

Check rejects_control_octets_in_fields() {
  return {.id = "HTTP-05", .level = Level::must, .cites = "RFC 9110 §5.5", .summary = "NUL, bare CR or bare LF in Authorization get 400",
          .applies = needs_token_resource,
          .run = [](Context& ctx) {
            return judge_raw_line(ctx, {{"NUL", std::string("Authorization: Bearer {T}") + '\0' + "x"},
                                        {"bare CR", "Authorization: Bearer {T}\rx"},
                                        {"bare LF", "Authorization: Bearer {T}\nx"}},
                                  "400 (or the octet replaced by SP, then 401)", true);
          }};
}

Check limits_header_size() {
  return {.id = "HTTP-06", .level = Level::should, .cites = "RFC 6585 §5 (431)", .summary = "oversized Authorization and 1000 header lines get 431/400",
          .applies = needs_token_resource,
          .run = [](Context& ctx) {
            Judged j("431 (or 400) for oversized headers, no crash");
            for (const std::size_t size : {16 * kib, 64 * kib, mib}) {
              auto r = ctx.send(read_request(ctx).with_bearer(std::string(size, 'a')).raw());
              const bool ok = refused_or_closed(r) && (!r || r->status != status::unauthorized || size < 64 * kib);
              j.part(r && (status::is_success(r->status) || status::is_server_error(r->status)) ? Verdict::fail : (ok ? Verdict::pass : Verdict::warn),
                     std::to_string(size / kib) + " KiB Authorization", r);
            }
            Request many = read_request(ctx);
            for (int i = 0; i < many_header_lines; ++i) many = many.with_raw_line("X-Filler-" + std::to_string(i) + ": x");
            auto r = ctx.send(many);
            j.part(r && status::is_server_error(r->status) ? Verdict::fail : (refused_or_closed(r) ? Verdict::pass : Verdict::warn), "1000 header lines", r);
            j.skip_part("valid 9 KiB token (needs [K] to mint)");
            return j.finish();
          }};
}

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
              auto results = ctx.send_pipelined({request.with_header(std::string(http::header::connection), "keep-alive"), req::get(ctx.target().endpoints.not_found)});
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

std::optional<std::string> needs_cors(const TargetProfile& t) {
  if (auto missing = needs_token_endpoint(t)) return missing;
  if (t.flows.cors_origins.empty()) return "CORS disabled by design (profile lists no origins)";
  return std::nullopt;
}

Check answers_cors_preflight() {
  return {.id = "HTTP-11", .level = Level::must, .cites = "Fetch standard (CORS protocol)", .summary = "preflight to /token succeeds without credentials",
          .applies = needs_cors,
          .run = [](Context& ctx) {
            Judged j("2xx; ACAO echoes the origin; methods include POST; headers name authorization; disallowed origin gets no ACAO");
            const auto origin = ctx.target().flows.cors_origins.front();
            const auto preflight = [&](const std::string& from) {
              return ctx.send(req::options(ctx.target().endpoints.token->path)
                                  .with_header(std::string(http::header::origin), from)
                                  .with_header(std::string(http::header::access_control_request_method), "POST")
                                  .with_header(std::string(http::header::access_control_request_headers), "authorization, content-type"));
            };
            auto r = preflight(origin);
            if (j.reached(r, "preflight")) {
              const bool ok = status::is_success(r->status) && r->header(http::header::access_control_allow_origin) == origin &&
                              to_lower(r->header(http::header::access_control_allow_methods).value_or("")).find("post") != std::string::npos &&
                              to_lower(r->header(http::header::access_control_allow_headers).value_or("")).find("authorization") != std::string::npos;
              j.part(ok ? Verdict::pass : Verdict::fail, "preflight from " + origin, r);
            }
            auto evil = preflight(std::string(evil_origin));
            if (j.reached(evil, "evil")) {
              const auto acao = evil->header(http::header::access_control_allow_origin);
              j.part(acao && (*acao == evil_origin || *acao == "*") ? Verdict::fail : Verdict::pass, "preflight from " + std::string(evil_origin), evil);
            }
            return j.finish();
          }};
}

Check exposes_errors_cross_origin() {
  return {.id = "HTTP-12", .level = Level::must, .cites = "Fetch standard", .summary = "cross-origin errors carry ACAO and expose WWW-Authenticate",
          .applies = needs_cors,
          .run = [](Context& ctx) {
            Judged j("ACAO on errors; Access-Control-Expose-Headers includes WWW-Authenticate; evil origin never reflected with credentials");
            const auto origin = ctx.target().flows.cors_origins.front();
            auto params = password_params(ctx);
            if (!params) return errored("profile declares no fixture user 'alice'");
            (*params)[2].second = "wrong-password-Zz9";
            auto r = ctx.send(token_post(ctx, *params).with_header(std::string(http::header::origin), origin));
            if (j.reached(r, "error")) {
              const bool exposed = to_lower(r->header(http::header::access_control_expose_headers).value_or("")).find("www-authenticate") != std::string::npos;
              j.part(r->header(http::header::access_control_allow_origin) == origin && exposed ? Verdict::pass : Verdict::fail, "bad credentials from " + origin, r);
            }
            auto evil = ctx.send(token_post(ctx, *params).with_header(std::string(http::header::origin), std::string(evil_origin)));
            if (j.reached(evil, "evil")) {
              const bool reflected = evil->header(http::header::access_control_allow_origin) == std::string(evil_origin) &&
                                     iequals(evil->header(http::header::access_control_allow_credentials).value_or(""), "true");
              j.part(reflected ? Verdict::fail : Verdict::pass, "from " + std::string(evil_origin), evil);
            }
            return j.finish();
          }};
}

Check hides_internals_in_errors() {
  return {.id = "HTTP-13", .level = Level::owasp, .cites = "ASVS 4.0.3 V7.4.1", .summary = "no stack traces, exception names, SQL or paths in any error body",
          .run = [](Context& ctx) {
            Judged j("error bodies free of internals; version banners in headers are INFO");
            std::size_t seen = 0;
            bool banner = false;
            bool leaked = false;
            for (const auto& o : ctx.log().all()) {
              const auto& rs = o.exchange.response;
              if (!rs) continue;
              for (const auto& [name, value] : rs->headers) {
                if ((iequals(name, http::header::server) || iequals(name, http::header::x_powered_by)) &&
                    value.find_first_of("0123456789") != std::string::npos && !banner) {
                  banner = true;
                  j.part(Verdict::info, "version banner " + name + ": " + value);
                }
              }
              if (rs->status < status::bad_request) continue;
              ++seen;
              if (auto leak = leak_in(rs->body_excerpt)) {
                leaked = true;
                j.part(Verdict::fail, *leak + " (" + o.check_id + ")");
                j.evidence(o.exchange);
              }
            }
            if (seen == 0) return skipped("no error response was seen in this run (V6)");
            if (!leaked) j.part(Verdict::pass, std::to_string(seen) + " error bodies clean");
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
