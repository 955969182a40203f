// HTTP-13 — ASVS 4.0.3 V7.4.1: no internals in any error response of the run.
#include <set>

#include "conformance/checks/disclosure.hpp"
#include "conformance/checks/http_parts.hpp"

namespace authprobe::conformance {
namespace {

using namespace support;
namespace status = http::status;

constexpr std::size_t kib = 1024;
constexpr std::size_t mib = kib * kib;
// Past the default body limits of nginx (1 MiB) and express's body parsers (100 KB), so their
// own 413 pages are seen; small enough for any loopback target.
constexpr std::size_t oversized_body = 2 * mib;
// Past every common header limit (8-16 KiB), so the 431/400 page of the HTTP layer is seen.
constexpr std::size_t oversized_header = 64 * kib;
constexpr std::string_view filler_header = "X-Authprobe-Filler";

// The path of a resource the profile names (for a 405 and a 413), the not-found path otherwise.
std::string some_resource(const TargetProfile& t) {
  for (const auto* e : {&t.endpoints.bearer_read, &t.endpoints.basic_user, &t.endpoints.token}) {
    if (*e) return (*e)->path;
  }
  return t.endpoints.not_found;
}

// V10: the framework's own error pages count, and a run of other checks may never have provoked
// them (HTTP-13 selected alone), so ask for each: 404, 405, 413, 431. Their answers are
// judged with everything else in the log.
void provoke_error_pages(Context& ctx) {
  const auto& t = ctx.target();
  const std::string resource = some_resource(t);
  const std::string post_to = t.endpoints.token ? t.endpoints.token->path : t.endpoints.not_found;
  (void)ctx.send(req::get(t.endpoints.not_found));
  (void)ctx.send(req::method("DELETE", resource));
  // Body limits are often per parser (express.json() and express.urlencoded() each have one), so
  // the oversized body goes once as a form and once as JSON.
  (void)ctx.send(req::post(post_to).with_body(std::string(http::media_type::form_urlencoded), "a=" + std::string(oversized_body, 'a')));
  (void)ctx.send(req::post(post_to).with_body(std::string(http::media_type::json), "{\"a\":\"" + std::string(oversized_body, 'a') + "\"}"));
  (void)ctx.send(req::get(t.endpoints.not_found).with_header(std::string(filler_header), std::string(oversized_header, 'a')));
}

}  // namespace

// ASVS 4.0.3 V7.4.1: error responses show a generic message, never stack traces, exception
// names, file paths, SQL or the software and version that produced them. V10: every error
// response of the run counts; a product in a header is INFO, in a body FAIL.
Check hides_internals_in_errors() {
  return {.id = "HTTP-13", .level = Level::owasp, .cites = "ASVS 4.0.3 V7.4.1",
          .summary = "no stack traces, exception names, versions, SQL or paths in any error body",
          .run = [](Context& ctx) {
            Judged j("error bodies free of internals and versions; product names in headers are INFO");
            provoke_error_pages(ctx);
            std::size_t seen = 0;
            std::set<std::string> noted;  // each distinct finding once, however many pages repeat it
            bool leaked = false;
            for (const auto& o : ctx.log().all()) {
              const auto& rs = o.exchange.response;
              if (!rs) continue;
              for (const auto& banner : disclosure::product_headers_in(*rs)) {
                if (noted.insert(banner).second) j.part(Verdict::info, "product in a header (V10: INFO) " + banner);
              }
              // V1 for its own requests: the runner screens only ordinary checks, not run-wide ones.
              if (o.check_id == ctx.current_check()) {
                if (auto crash = server_error_in(o.exchange); crash && noted.insert(*crash).second) {
                  j.part(Verdict::fail, "V1: " + *crash);
                  j.evidence(o.exchange);
                }
              }
              if (rs->status < status::bad_request) continue;
              ++seen;
              auto leak = leak_in(rs->body_excerpt);
              if (!leak) leak = disclosure::product_version_in(rs->body_excerpt);
              if (!leak) continue;
              leaked = true;
              if (!noted.insert(*leak).second) continue;
              j.part(Verdict::fail, *leak + " in a " + std::to_string(rs->status) + " to " + o.exchange.request.method + " " +
                                        o.exchange.request.target + " (" + o.check_id + ")");
              j.evidence(o.exchange);
            }
            if (seen == 0) return skipped("no error response was seen in this run (V6)");
            if (!leaked) j.part(Verdict::pass, std::to_string(seen) + " error bodies clean");
            return j.finish();
          }};
}

}  // namespace authprobe::conformance
