// Throttling mutants (checks.md BASIC-13, TOKEN-25; --slow checks): the reference server
// throttles online guessing with 429 + Retry-After; the flaw hides it, so guessing looks unlimited.
// The runs take seconds (the reference answers 429 without hashing), so they are not hidden.
#include <catch2/catch.hpp>

#include "conformance/http_constants.hpp"
#include "conformance/mutants/expect_verdict.hpp"

namespace authprobe::conformance::mutants {
namespace {


// Every 429 becomes the ordinary refusal of a wrong password, without Retry-After: what a server
// with no limit at all answers.
Flaw unthrottled(const TargetProfile& p) {
  return {"no throttling", [p](ProxyRequest request, const Upstream& upstream) {
            auto response = upstream(request);
            if (response.status != status::too_many_requests) return response;
            response.remove_header(header::retry_after);
            if (at_token_endpoint(p, request)) {
              response.set_json(status::bad_request, R"({"error":"invalid_grant"})");
            } else {
              response.set_json(status::unauthorized, R"({"detail":"Unauthorized"})");
              response.set_header(header::www_authenticate, "Basic realm=\"authprobe\"");
            }
            return response;
          }};
}

FlawFactory none() {
  return [](const TargetProfile&) { return testing::no_flaw(); };
}

Finding judge_slow(const FlawFactory& flaw, const std::string& id) {
  auto verdicts = run_through(flaw, selecting({id}, {Judgement::strict}, {}, true));
  return verdicts[Judgement::strict][id];
}

}  // namespace

TEST_CASE("BASIC-13 and TOKEN-25 pass through the proxy with no flaw", "[http][mutant]") {
  for (const std::string id : {"BASIC-13", "TOKEN-25"}) {
    const auto f = judge_slow(none(), id);  // a fresh reference per check: its throttle state is per server
    INFO(id << " " << describe(f));
    CHECK(f.verdict == Verdict::pass);
  }
}

TEST_CASE("BASIC-13 fails when wrong Basic passwords are never throttled", "[http][mutant]") {
  const auto f = judge_slow(unthrottled, "BASIC-13");
  check_verdict(Verdict::fail, f);
}

TEST_CASE("TOKEN-25 fails when wrong passwords at the token endpoint are never throttled", "[http][mutant]") {
  const auto f = judge_slow(unthrottled, "TOKEN-25");
  check_verdict(Verdict::fail, f);
}

}  // namespace authprobe::conformance::mutants
