// HTTP-12 (checks.md V10): an arbitrary origin reflected with credentials, on targets whose
// profile says nothing about CORS.
#include <catch2/catch.hpp>

#include "conformance/http_constants.hpp"
#include "conformance/mutants/basic_only.hpp"
#include "conformance/mutants/expect_verdict.hpp"

namespace authprobe::conformance::mutants {
namespace {


constexpr std::string_view every_method = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT";
constexpr std::string_view preflight_max_age = "600";

// Starlette's CORSMiddleware with allow_origins=["*"], allow_credentials=True (as a popular
// tutorial configures it): it answers every preflight itself, reflecting the origin with
// credentials allowed, and on other requests reflects the origin when a Cookie came along ("*"
// otherwise), always with Access-Control-Allow-Credentials: true.
Flaw starlette_wildcard_with_credentials(const TargetProfile&) {
  return {"CORSMiddleware(allow_origins=[\"*\"], allow_credentials=True)", [](ProxyRequest request, const Upstream& upstream) {
            const auto origin = request.header(header::origin);
            if (!origin) return upstream(request);
            if (request.method == "OPTIONS" && request.header(header::access_control_request_method)) {
              ProxyResponse preflight;
              preflight.status = status::ok;
              preflight.body = "OK";
              preflight.set_header(header::access_control_allow_origin, *origin);
              preflight.set_header(header::access_control_allow_credentials, "true");
              preflight.set_header(header::access_control_allow_methods, std::string(every_method));
              preflight.set_header(header::access_control_allow_headers, request.header(header::access_control_request_headers).value_or(""));
              preflight.set_header("Access-Control-Max-Age", std::string(preflight_max_age));
              preflight.set_header("Vary", "Origin");
              return preflight;
            }
            auto response = upstream(request);
            response.set_header(header::access_control_allow_origin, request.header(header::cookie) ? *origin : "*");
            response.set_header(header::access_control_allow_credentials, "true");
            return response;
          }};
}

// The same middleware behind a preflight the application answers itself: only a request that
// carries a cookie is reflected, so only the cookie probe can see it.
Flaw reflect_when_cookie(const TargetProfile&) {
  return {"origin reflected with credentials when a Cookie came along", [](ProxyRequest request, const Upstream& upstream) {
            const auto origin = request.header(header::origin);
            auto response = upstream(request);
            if (origin && request.header(header::cookie) && request.method != "OPTIONS") {
              response.set_header(header::access_control_allow_origin, *origin);
              response.set_header(header::access_control_allow_credentials, "true");
            }
            return response;
          }};
}

Flaw no_flaw(const TargetProfile&) { return testing::no_flaw(); }

constexpr std::string_view reflected = ": origin reflected with credentials";

Finding judge(const FlawFactory& flaw, std::function<void(TargetProfile&)> adjust = {}) {
  auto verdicts = run_through(flaw, selecting({"HTTP-12"}, {Judgement::strict}, std::move(adjust)));
  return verdicts[Judgement::strict]["HTTP-12"];
}

}  // namespace

TEST_CASE("HTTP-12 runs its arbitrary-origin part on a profile without CORS and passes a server without it", "[http][mutant]") {
  for (const bool basic : {false, true}) {
    const auto f = judge(no_flaw, basic ? std::function<void(TargetProfile&)>(basic_only) : nullptr);
    INFO((basic ? "Basic-only " : "reference ") << describe(f));
    CHECK(f.verdict == Verdict::pass);
    CHECK(f.detail.find("allowed-origin parts") != std::string::npos);  // only they are skipped
  }
}

TEST_CASE("HTTP-12 fails when any origin is reflected with credentials (Starlette wildcard + credentials)", "[http][mutant]") {
  for (const bool basic : {false, true}) {
    const auto f = judge(starlette_wildcard_with_credentials, basic ? std::function<void(TargetProfile&)>(basic_only) : nullptr);
    INFO((basic ? "Basic-only " : "reference ") << describe(f));
    CHECK(f.verdict == Verdict::fail);
    CHECK(f.actual.find("preflight from https://evil.example to the Basic resource" + std::string(reflected)) != std::string::npos);
    CHECK(f.actual.find("request with a cookie from https://evil.example to the Basic resource" + std::string(reflected)) != std::string::npos);
  }
}

TEST_CASE("HTTP-12 fails when only requests carrying a cookie get the origin reflected", "[http][mutant]") {
  const auto f = judge(reflect_when_cookie);
  INFO(describe(f));
  CHECK(f.verdict == Verdict::fail);
  CHECK(f.actual.find("preflight from https://evil.example to the token endpoint" + std::string(reflected)) == std::string::npos);
  CHECK(f.actual.find("request with a cookie from https://evil.example to the token endpoint" + std::string(reflected)) != std::string::npos);
}

}  // namespace authprobe::conformance::mutants
