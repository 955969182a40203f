// HTTP-11/12 — the CORS protocol (Fetch standard) at the token endpoint and protected resources.
#include "conformance/checks/http_parts.hpp"
#include "conformance/checks/token_support.hpp"

namespace authprobe::conformance {
namespace {

using namespace support;
using namespace token;
namespace status = http::status;
namespace header = http::header;

constexpr std::string_view evil_origin = "https://evil.example";
// A cookie the target never set: what a browser attaches to a credentialed cross-origin request,
// and what makes Starlette's CORSMiddleware reflect the origin on a simple request.
constexpr std::string_view dummy_cookie = "authprobe=1";

std::optional<std::string> needs_cors(const TargetProfile& t) {
  if (auto missing = needs_token_endpoint(t)) return missing;
  if (t.flows.cors_origins.empty()) return "CORS disabled by design (profile lists no origins)";
  return std::nullopt;
}

bool reflects_with_credentials(const Response& r) {
  return r.header(header::access_control_allow_origin) == std::string(evil_origin) &&
         iequals(r.header(header::access_control_allow_credentials).value_or(""), "true");
}

struct CrossOriginTarget {
  std::string what;
  Request request;  // without Origin
};

// Where an arbitrary origin is tried: every resource the profile names (a CORS layer usually
// wraps the whole application, but one may wrap only some routes), else the not-found path.
std::vector<CrossOriginTarget> cross_origin_targets(const Context& ctx) {
  const auto& e = ctx.target().endpoints;
  std::vector<CrossOriginTarget> targets;
  if (e.token) {
    auto params = password_params(ctx);
    if (params) (*params)[2].second = "wrong-password-Zz9";
    targets.push_back({"token endpoint", params ? token_post(ctx, *params) : request_for(*e.token)});
  }
  if (e.bearer_read) targets.push_back({"Bearer resource", request_for(*e.bearer_read)});
  if (e.basic_user) targets.push_back({"Basic resource", request_for(*e.basic_user)});
  if (targets.empty()) targets.push_back({"not-found path", req::get(e.not_found)});
  return targets;
}

// Fetch standard, CORS protocol: a response is shared with a credentialed cross-origin request
// only when Access-Control-Allow-Origin names that origin and Access-Control-Allow-Credentials is
// `true`. Reflecting any origin so lets every web site read authenticated responses.
void judge_arbitrary_origin(Context& ctx, Judged& j) {
  for (const auto& [what, request] : cross_origin_targets(ctx)) {
    auto preflight = ctx.send(req::options(request.target)
                                  .with_header(std::string(header::origin), std::string(evil_origin))
                                  .with_header(std::string(header::access_control_request_method), request.method)
                                  .with_header(std::string(header::access_control_request_headers), "authorization"));
    if (j.reached(preflight, "preflight")) {
      const bool reflected = reflects_with_credentials(*preflight);
      j.part(reflected ? Verdict::fail : Verdict::pass,
             "preflight from " + std::string(evil_origin) + " to the " + what + (reflected ? ": origin reflected with credentials" : ""), preflight);
    }
    auto simple = ctx.send(request.with_header(std::string(header::origin), std::string(evil_origin))
                               .with_header(std::string(header::cookie), std::string(dummy_cookie)));
    if (j.reached(simple, "cross-origin request")) {
      const bool reflected = reflects_with_credentials(*simple);
      j.part(reflected ? Verdict::fail : Verdict::pass,
             "request with a cookie from " + std::string(evil_origin) + " to the " + what + (reflected ? ": origin reflected with credentials" : ""), simple);
    }
  }
}

// The allowed origin reads the token endpoint's error: ACAO on the error and WWW-Authenticate
// exposed to the client script.
void judge_allowed_origin(Context& ctx, Judged& j) {
  if (ctx.target().flows.cors_origins.empty()) {
    j.skip_part("allowed-origin parts: CORS disabled by design (profile lists no origins)");
    return;
  }
  if (auto missing = needs_token_endpoint(ctx.target())) {
    j.skip_part("allowed-origin error at the token endpoint: " + *missing);
    return;
  }
  auto params = password_params(ctx);
  if (!params) {
    j.skip_part("allowed-origin error at the token endpoint: profile declares no fixture user 'alice'");
    return;
  }
  const auto origin = ctx.target().flows.cors_origins.front();
  (*params)[2].second = "wrong-password-Zz9";
  auto r = ctx.send(token_post(ctx, *params).with_header(std::string(header::origin), origin));
  if (j.reached(r, "error")) {
    const bool exposed = to_lower(r->header(header::access_control_expose_headers).value_or("")).find("www-authenticate") != std::string::npos;
    j.part(r->header(header::access_control_allow_origin) == origin && exposed ? Verdict::pass : Verdict::fail, "bad credentials from " + origin, r);
  }
}

}  // namespace

Check answers_cors_preflight() {
  return {.id = "HTTP-11", .level = Level::must, .cites = "Fetch standard (CORS protocol)", .summary = "preflight to /token succeeds without credentials",
          .applies = needs_cors,
          .run = [](Context& ctx) {
            Judged j("2xx; ACAO echoes the origin; methods include POST; headers name authorization; disallowed origin gets no ACAO");
            const auto origin = ctx.target().flows.cors_origins.front();
            const auto preflight = [&](const std::string& from) {
              return ctx.send(req::options(ctx.target().endpoints.token->path)
                                  .with_header(std::string(header::origin), from)
                                  .with_header(std::string(header::access_control_request_method), "POST")
                                  .with_header(std::string(header::access_control_request_headers), "authorization, content-type"));
            };
            auto r = preflight(origin);
            if (j.reached(r, "preflight")) {
              const bool ok = status::is_success(r->status) && r->header(header::access_control_allow_origin) == origin &&
                              to_lower(r->header(header::access_control_allow_methods).value_or("")).find("post") != std::string::npos &&
                              to_lower(r->header(header::access_control_allow_headers).value_or("")).find("authorization") != std::string::npos;
              j.part(ok ? Verdict::pass : Verdict::fail, "preflight from " + origin, r);
            }
            auto evil = preflight(std::string(evil_origin));
            if (j.reached(evil, "evil")) {
              const auto acao = evil->header(header::access_control_allow_origin);
              j.part(acao && (*acao == evil_origin || *acao == "*") ? Verdict::fail : Verdict::pass, "preflight from " + std::string(evil_origin), evil);
            }
            return j.finish();
          }};
}

// V10: the arbitrary-origin part runs on every target whatever the profile says about CORS (a
// profile saying "no CORS" is exactly where a forgotten wildcard middleware hides); only the
// allowed-origin parts need origins in the profile.
Check exposes_errors_cross_origin() {
  return {.id = "HTTP-12", .level = Level::must, .cites = "Fetch standard",
          .summary = "cross-origin errors carry ACAO and expose WWW-Authenticate; no origin reflected with credentials",
          .run = [](Context& ctx) {
            Judged j("evil origin never reflected with credentials; allowed origin: ACAO on errors, Access-Control-Expose-Headers includes WWW-Authenticate");
            judge_arbitrary_origin(ctx, j);
            judge_allowed_origin(ctx, j);
            return j.finish();
          }};
}

}  // namespace authprobe::conformance
