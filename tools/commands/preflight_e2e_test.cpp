// The preflight against the real reference server: the shipped profile passes it; a profile
// that promises what the server does not do stops the run with exit 2 and one message naming
// the field; --no-preflight runs anyway and then blames nothing on the server (ERROR, not FAIL).
#include <catch2/catch.hpp>

#include <string>

#include "conformance/preflight.hpp"
#include "conformance/suite.hpp"
#include "tools/commands/embedded_reference.hpp"

namespace conformance = authprobe::conformance;
using conformance::Verdict;

namespace {

struct Reference {
  authprobe::tools::ReferenceTarget target;
  ~Reference() { target.server->stop(); }
};

Reference started() {
  auto target = authprobe::tools::start_reference_target(authprobe::config::CompatMode::strict);
  REQUIRE(target);
  return Reference{std::move(*target)};
}

std::optional<conformance::PreflightProblem> preflight_of(const conformance::TargetProfile& profile) {
  conformance::ProbeSettings settings;
  settings.base_url = profile.base_url;
  conformance::Probe probe(settings);
  return conformance::preflight(profile, probe);
}

}  // namespace

TEST_CASE("the reference profile passes the preflight", "[e2e][preflight]") {
  auto reference = started();
  const auto problem = preflight_of(reference.target.profile);
  INFO((problem ? problem->message() : std::string("none")));
  CHECK_FALSE(problem);
}

TEST_CASE("a wrong password for alice stops the run with exit 2 naming users.alice.password", "[e2e][preflight]") {
  auto reference = started();
  auto profile = reference.target.profile;
  profile.users.at("alice").password += "-wrong";
  const auto problem = preflight_of(profile);
  REQUIRE(problem);
  CHECK(problem->field == "users.alice.password");
  CHECK(problem->said.starts_with("POST /token answered 400 invalid_grant"));

  conformance::RunOptions options;
  options.target = profile;
  const auto run = conformance::run_suite(options);
  REQUIRE_FALSE(run);
  CHECK(conformance::exit_code(run.error()) == conformance::exit_status::usage);
  CHECK(run.error().message.find("users.alice.password: POST /token answered 400 invalid_grant") != std::string::npos);
}

TEST_CASE("a profile without alice is a preflight error, not 71 ERRORs", "[e2e][preflight]") {
  auto reference = started();
  auto profile = reference.target.profile;
  profile.users.erase("alice");
  const auto problem = preflight_of(profile);
  REQUIRE(problem);
  CHECK(problem->field == "users.alice");
}

TEST_CASE("a key that does not verify the server's tokens is a preflight error naming token.key", "[e2e][preflight]") {
  auto reference = started();
  auto profile = reference.target.profile;
  REQUIRE(profile.token.key.hs_secret_b64u);
  profile.token.key.hs_secret_b64u = "bm90LXRoZS1zZXJ2ZXJzLWtleS1hdC1hbGwtMDEyMzQ1Njc4OQ";
  const auto problem = preflight_of(profile);
  REQUIRE(problem);
  CHECK(problem->field == "token.key");
}

TEST_CASE("a declared endpoint that is not there is a preflight error naming it", "[e2e][preflight]") {
  auto reference = started();
  auto profile = reference.target.profile;
  profile.endpoints.bearer_any->path = "/no-such-endpoint";
  const auto problem = preflight_of(profile);
  REQUIRE(problem);
  CHECK(problem->field == "endpoints.bearer_any");
  CHECK(problem->said.find("404") != std::string::npos);
}

TEST_CASE("with --no-preflight a wrong alice password gives ERRORs, never a FAIL blamed on the server", "[e2e][preflight]") {
  auto reference = started();
  auto profile = reference.target.profile;
  profile.users.at("alice").password += "-wrong";
  conformance::RunOptions options;
  options.target = profile;
  options.preflight = conformance::PreflightMode::advise;
  options.selection = {"TOKEN", "BASIC", "BEARER", "AUTHZ"};
  const auto run = conformance::run_suite(options);
  REQUIRE(run);
  int errors = 0;
  for (const auto& result : run->results) {
    INFO(result.id << " " << to_string(result.finding.verdict) << ": " << result.finding.actual << "\n" << result.finding.detail);
    CHECK(result.finding.verdict != Verdict::fail);
    if (result.finding.verdict == Verdict::error) ++errors;
  }
  CHECK(errors > 0);
  CHECK(conformance::exit_code(*run) == conformance::exit_status::incomplete);
}
