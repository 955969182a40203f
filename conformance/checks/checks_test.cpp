// Paired tests: each check PASSes against the correct canned server and FAILs (or WARNs) against
// the same server with one flaw switched on.
#include <catch2/catch.hpp>

#include "conformance/suite.hpp"
#include "conformance/testing/canned_server.hpp"
#include "conformance/verdict_rules.hpp"

namespace authprobe::conformance {
namespace {

using testing::CannedServer;
using testing::Flaws;
using testing::canned_profile;
using testing::fixture_routes;
using testing::verdict_of;

Verdict judge(const std::string& id, Flaws flaws, Judgement judgement = Judgement::strict) {
  CannedServer server(fixture_routes(flaws));
  return verdict_of(id, canned_profile(server.base_url()), judgement);
}

}  // namespace

TEST_CASE("BASIC-01 passes with a Basic realm challenge and fails without realm or with 403", "[http]") {
  CHECK(judge("BASIC-01", {}) == Verdict::pass);
  CHECK(judge("BASIC-01", {.basic_without_realm = true}) == Verdict::fail);
  CHECK(judge("BASIC-01", {.basic_403_without_credentials = true}, Judgement::lenient) == Verdict::fail);  // D7
}

TEST_CASE("BASIC-02 fails when alice cannot log in, and checks needing it become ERROR (V4)", "[http]") {
  CHECK(judge("BASIC-02", {}) == Verdict::pass);
  CHECK(judge("BASIC-02", {.basic_rejects_alice = true}) == Verdict::fail);
  CHECK(judge("BASIC-05", {}) == Verdict::pass);
  CHECK(judge("BASIC-05", {.basic_rejects_alice = true}) == Verdict::error);
}

TEST_CASE("BASIC-03 and BASIC-04 pass when wrong, unknown and disabled users look the same", "[http]") {
  CHECK(judge("BASIC-03", {}) == Verdict::pass);
  CHECK(judge("BASIC-04", {}) == Verdict::pass);
  CHECK(judge("BASIC-09", {}) == Verdict::pass);
}

TEST_CASE("BASIC-10 fails by V1 when the server answers 500 to an empty Basic header", "[http]") {
  CHECK(judge("BASIC-10", {}) == Verdict::pass);
  CHECK(judge("BASIC-10", {.basic_crashes_on_empty = true}) == Verdict::fail);
}

TEST_CASE("TOKEN-01 passes for a well-formed token response", "[http]") {
  CHECK(judge("TOKEN-01", {}) == Verdict::pass);
}

TEST_CASE("TOKEN-02 fails without no-store in every profile (D5)", "[http]") {
  CHECK(judge("TOKEN-02", {}) == Verdict::pass);
  CHECK(judge("TOKEN-02", {.token_without_cache_headers = true}) == Verdict::fail);
  CHECK(judge("TOKEN-02", {.token_without_cache_headers = true}, Judgement::lenient) == Verdict::fail);
}

TEST_CASE("TOKEN-07 fails in strict and warns in lenient when grant_type is optional (D3)", "[http]") {
  CHECK(judge("TOKEN-07", {}) == Verdict::pass);
  CHECK(judge("TOKEN-07", {.token_grant_type_optional = true}) == Verdict::fail);
  CHECK(judge("TOKEN-07", {.token_grant_type_optional = true}, Judgement::lenient) == Verdict::warn);
}

TEST_CASE("TOKEN-13 fails in strict and warns in lenient for FastAPI-style 401 errors (D1)", "[http]") {
  CHECK(judge("TOKEN-13", {}) == Verdict::pass);
  CHECK(judge("TOKEN-13", {.token_fastapi_errors = true}) == Verdict::fail);
  CHECK(judge("TOKEN-13", {.token_fastapi_errors = true}, Judgement::lenient) == Verdict::warn);
}

TEST_CASE("TOKEN-08, TOKEN-09 and TOKEN-10 pass against RFC 6749 error codes", "[http]") {
  CHECK(judge("TOKEN-08", {}) == Verdict::pass);
  CHECK(judge("TOKEN-09", {}) == Verdict::pass);
  CHECK(judge("TOKEN-10", {}) == Verdict::pass);
  CHECK(judge("TOKEN-12", {}) == Verdict::pass);
}

TEST_CASE("AUTHZ-02 passes with 403 and fails with 401 for a valid non-admin (V7)", "[http]") {
  CHECK(judge("AUTHZ-02", {}) == Verdict::pass);
  CHECK(judge("AUTHZ-02", {.basic_admin_401 = true}) == Verdict::fail);
}

TEST_CASE("HTTP-09 fails when 405 comes without Allow", "[http]") {
  CHECK(judge("HTTP-09", {}) != Verdict::fail);
  CHECK(judge("HTTP-09", {.token_put_without_allow = true}) == Verdict::fail);
}

TEST_CASE("inside-only checks SKIP as not observable and slow checks SKIP without --slow", "[http]") {
  CannedServer server(fixture_routes({}));
  const auto report = testing::run_ids({"HASH-09", "HASH-06", "BASIC-13"}, canned_profile(server.base_url()));
  REQUIRE(report.results.size() == 3);
  for (const auto& result : report.results) {
    INFO(result.id);
    CHECK(result.finding.verdict == Verdict::skip);
  }
  CHECK(report.results[0].finding.detail.find("--slow") != std::string::npos);  // BASIC-13 first in catalog order
}

TEST_CASE("an unreachable target makes every check ERROR and exit code 3", "[http]") {
  std::string dead_url;
  {
    CannedServer server(fixture_routes({}));
    dead_url = server.base_url();
  }
  const auto report = testing::run_ids({"BASIC-01", "TOKEN-01"}, canned_profile(dead_url));
  CHECK(report.unreachable);
  for (const auto& result : report.results) CHECK(result.finding.verdict == Verdict::error);
  CHECK(exit_code(report) == exit_status::unreachable);
}

TEST_CASE("a check that throws becomes ERROR and the run goes on", "[http]") {
  CannedServer server(fixture_routes({}));
  const auto profile = canned_profile(server.base_url());
  std::vector<Check> catalog{
      {.id = "X-01", .level = Level::must, .cites = "test", .summary = "throws", .run = [](Context&) -> Finding { throw std::runtime_error("boom"); }},
      {.id = "X-02", .level = Level::must, .cites = "test", .summary = "passes", .run = [](Context&) { return make_finding(Verdict::pass, "", ""); }}};
  ProbeSettings settings;
  settings.base_url = profile.base_url;
  Probe probe(settings);
  const auto report = run_checks({&catalog[0], &catalog[1]}, catalog, profile, probe, {});
  REQUIRE(report.results.size() == 2);
  CHECK(report.results[0].finding.verdict == Verdict::error);
  CHECK(report.results[0].finding.detail.find("boom") != std::string::npos);
  CHECK(report.results[1].finding.verdict == Verdict::pass);
  CHECK(exit_code(report) == exit_status::incomplete);  // an ERROR is not a pass, nor the server's FAIL
}

TEST_CASE("every finding against the canned server carries a reproducing curl command", "[http]") {
  CannedServer server(fixture_routes({}));
  const auto report = testing::run_ids({"BASIC-01"}, canned_profile(server.base_url()));
  REQUIRE(report.results.size() == 1);
  REQUIRE_FALSE(report.results[0].finding.evidence.empty());
  const auto& curl = report.results[0].finding.evidence.front().curl;
  CHECK(curl.starts_with("curl -i -sS"));
  CHECK(curl.find(server.base_url() + "/basic") != std::string::npos);
}

}  // namespace authprobe::conformance
