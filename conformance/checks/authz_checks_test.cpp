// Every AUTHZ check against the mock resource server: PASS when it behaves, the catalog's verdict
// with one named flaw switched on (AUTHZ-06/07 are in jwt_checks_test.cpp, AUTHZ-02 in checks_test.cpp).
#include <functional>

#include "conformance/testing/mock_target/catch_verdict.hpp"
#include "conformance/testing/canned_server.hpp"

using authprobe::conformance::Judgement;
using authprobe::conformance::Verdict;
using authprobe::conformance::mock_target::after;
using authprobe::conformance::mock_target::Flaws;
using authprobe::conformance::mock_target::judged;
using authprobe::conformance::mock_target::run_check;
using authprobe::conformance::mock_target::verdict;
using authprobe::conformance::mock_target::with;
using authprobe::conformance::mock_target::both;
using authprobe::conformance::mock_target::run_edited;
using authprobe::conformance::Finding;
using authprobe::conformance::Protection;
using authprobe::conformance::TargetProfile;
using authprobe::conformance::mock_target::RunOptions;

namespace {


void protect(TargetProfile& p, Protection::Kind kind) {
  p.endpoints.bearer_admin->protected_by = Protection{kind, "admin"};
  p.endpoints.bearer_write->protected_by = Protection{kind, kind == Protection::Kind::role ? "editor" : "write"};
}

}  // namespace

TEST_CASE("AUTHZ-01 fails when writes need only read, and 401 for insufficient scope is D6", "[http][mutant]") {
  CHECK(verdict("AUTHZ-01") == Verdict::pass);
  CHECK(verdict("AUTHZ-01", with(&Flaws::write_not_enforced)) == Verdict::fail);
  CHECK(verdict("AUTHZ-01", with(&Flaws::insufficient_scope_as_401)) == Verdict::fail);
  CHECK(verdict("AUTHZ-01", with(&Flaws::insufficient_scope_as_401), judged(Judgement::lenient)) == Verdict::warn);
}

TEST_CASE("AUTHZ-03 warns when a missing or garbage token on the admin resource gets 403", "[http][mutant]") {
  CHECK(verdict("AUTHZ-03") == Verdict::pass);
  CHECK(verdict("AUTHZ-03", with(&Flaws::forbid_without_token)) == Verdict::warn);
  CHECK(verdict("AUTHZ-03", with(&Flaws::refuse_with_403)) == Verdict::warn);
}

TEST_CASE("AUTHZ-04 fails on 403 invalid_token and on 401 insufficient_scope anywhere in the run", "[http][mutant]") {
  const std::vector<std::string> before{"BEARER-03", "BEARER-11"};
  CHECK(verdict("AUTHZ-04", {}, after(before)) == Verdict::pass);
  CHECK(verdict("AUTHZ-04", with(&Flaws::refuse_with_403), after(before)) == Verdict::fail);
  CHECK(verdict("AUTHZ-04", with(&Flaws::insufficient_scope_as_401), after(before)) == Verdict::fail);
  CHECK(verdict("AUTHZ-04") == Verdict::skip);  // nothing refused in the run (V6)
}

TEST_CASE("AUTHZ-05 is INFO for a plain 403 and warns when the hidden 404 differs from a genuine one", "[http][mutant]") {
  CHECK(verdict("AUTHZ-05") == Verdict::info);
  CHECK(verdict("AUTHZ-05", with(&Flaws::hide_forbidden_as_404)) == Verdict::warn);
}

TEST_CASE("AUTHZ-08 fails when writes or method overrides get past a read-only token", "[http][mutant]") {
  CHECK(verdict("AUTHZ-08") == Verdict::pass);
  CHECK(verdict("AUTHZ-08", with(&Flaws::write_not_enforced)) == Verdict::fail);
  const auto finding = run_check("AUTHZ-08", with(&Flaws::override_skips_scope));
  CHECK(finding.verdict == Verdict::fail);
  CHECK(finding.actual.find("FAIL: POST with X-HTTP-Method-Override") != std::string::npos);
  CHECK(finding.actual.find("FAIL: DELETE") == std::string::npos);
}

TEST_CASE("AUTHZ-09 fails when another spelling of the admin path is unprotected", "[http][mutant]") {
  CHECK(verdict("AUTHZ-09") == Verdict::pass);
  CHECK(verdict("AUTHZ-09", with(&Flaws::loose_admin_paths)) == Verdict::fail);
  // A redirect grants nothing but is not the admin decision either: outside the set (V3).
  CHECK(verdict("AUTHZ-09", with(&Flaws::redirect_trailing_slash)) == Verdict::warn);
}

TEST_CASE("AUTHZ-10 fails when HEAD is answered before authentication", "[http][mutant]") {
  CHECK(verdict("AUTHZ-10") == Verdict::pass);
  CHECK(verdict("AUTHZ-10", with(&Flaws::head_unprotected)) == Verdict::fail);
}

TEST_CASE("AUTHZ-11 fails when the token endpoint grants the scope alice asks for", "[http][mutant]") {
  CHECK(verdict("AUTHZ-11") == Verdict::pass);
  CHECK(verdict("AUTHZ-11", with(&Flaws::grant_requested_scope)) == Verdict::fail);
}

TEST_CASE("AUTHZ-12 fails when alice reads bob's record", "[http][mutant]") {
  CHECK(verdict("AUTHZ-12") == Verdict::pass);
  CHECK(verdict("AUTHZ-12", with(&Flaws::other_users_records)) == Verdict::fail);
}


// Issue-14 classes: the verdicts that disagreed with the catalog on real servers.

TEST_CASE("AUTHZ-01 judges role-protected resources by V7 and scope-protected ones by RFC 6750 §3", "[http][mutant]") {
  const auto no_403_challenge = with(&Flaws::no_challenge_on_403);
  const auto role = [](TargetProfile& p) { protect(p, Protection::Kind::role); };
  const auto scope = [](TargetProfile& p) { protect(p, Protection::Kind::scope); };
  CHECK(run_edited("AUTHZ-01", no_403_challenge, role).verdict == Verdict::pass);
  CHECK(run_edited("AUTHZ-01", no_403_challenge, scope).verdict == Verdict::fail);
  CHECK(run_edited("AUTHZ-01", with(&Flaws::insufficient_scope_as_401), role, judged(Judgement::lenient)).verdict == Verdict::fail);
  const auto assumed = run_edited("AUTHZ-01", {}, [](TargetProfile& p) { p.flows.scopes = false; });
  CHECK(assumed.verdict == Verdict::pass);  // judged, not skipped, on a target without scopes
  CHECK(assumed.actual.find("role-protected (assumed") != std::string::npos);
  CHECK(verdict("AUTHZ-01", with(&Flaws::insufficient_scope_as_404)) == Verdict::warn);  // V3: the SHOULD's level
}

TEST_CASE("AUTHZ-03 looks at the challenge of every 401, a valid under-privileged token's included", "[http][mutant]") {
  CHECK(verdict("AUTHZ-03", with(&Flaws::no_challenge_on_401)) == Verdict::fail);  // V1: the challenge is its subject
  CHECK(verdict("AUTHZ-03", with(&Flaws::insufficient_scope_as_401)) == Verdict::fail);  // V7
  CHECK(verdict("AUTHZ-03", with(&Flaws::insufficient_scope_as_401), judged(Judgement::lenient)) == Verdict::warn);  // D6
  CHECK(verdict("AUTHZ-03", both(&Flaws::insufficient_scope_as_401, &Flaws::no_challenge_on_401), judged(Judgement::lenient)) ==
        Verdict::fail);
  CHECK(verdict("AUTHZ-03", with(&Flaws::refuse_with_404)) == Verdict::warn);  // V3: SHOULD
  const auto finding = run_check("AUTHZ-03", {});
  CHECK(finding.verdict == Verdict::pass);
  CHECK(finding.actual.find("expired token of bob") != std::string::npos);  // [K]: minted with the server key
}

TEST_CASE("AUTHZ-04 counts every 401 without a challenge once, run-wide (V1)", "[http][mutant]") {
  const auto finding = run_check("AUTHZ-04", with(&Flaws::no_challenge_on_401), after({"BEARER-01", "BEARER-03", "BEARER-07"}));
  CHECK(finding.verdict == Verdict::fail);
  CHECK(finding.actual.find("responses were 401 without a challenge") != std::string::npos);
}

TEST_CASE("AUTHZ-04 reads a 400's invalid_request from a JSON error member too (V10)", "[http][mutant]") {
  const std::vector<std::string> before{"BEARER-01"};
  CHECK(verdict("AUTHZ-04", with(&Flaws::no_credentials_400), after(before)) == Verdict::fail);
  CHECK(verdict("AUTHZ-04", both(&Flaws::no_credentials_400, &Flaws::json_error_on_400), after(before)) == Verdict::fail);
  CHECK(verdict("AUTHZ-04", with(&Flaws::json_error_on_400), after(before)) == Verdict::pass);
}

TEST_CASE("AUTHZ-10 falls back to the Bearer read resource without an admin-only resource (V10)", "[http][mutant]") {
  const auto no_admin = [](TargetProfile& p) { p.endpoints.bearer_admin.reset(); };
  const auto control = run_edited("AUTHZ-10", {}, no_admin);
  CHECK(control.verdict == Verdict::pass);
  CHECK(control.detail.find("Bearer read resource") != std::string::npos);
  CHECK(run_edited("AUTHZ-10", with(&Flaws::head_unprotected), no_admin).verdict == Verdict::fail);
}

TEST_CASE("AUTHZ-13 mints a token for disabled carol with the server key ([K], V10)", "[http][mutant]") {
  CHECK(verdict("AUTHZ-13") == Verdict::pass);
  const auto accepted = run_check("AUTHZ-13", with(&Flaws::disabled_tokens_accepted));
  CHECK(accepted.verdict == Verdict::info);
  CHECK(accepted.actual.find("window") != std::string::npos);
  CHECK(accepted.detail.find("admin-API form") != std::string::npos);
  RunOptions no_key;
  no_key.with_key = false;
  CHECK(verdict("AUTHZ-13", {}, no_key) == Verdict::skip);
  CHECK(run_edited("AUTHZ-13", {}, [](TargetProfile& p) { p.users.erase("carol"); }).verdict == Verdict::skip);
}

// V7: valid but inadequate Basic credentials answered 401 FAIL; the canned server has Basic.
TEST_CASE("AUTHZ-02 fails with 401 for alice's correct Basic credentials (V7)", "[http][mutant]") {
  namespace canned = authprobe::conformance::testing;
  canned::CannedServer correct(canned::fixture_routes({}));
  CHECK(canned::verdict_of("AUTHZ-02", canned::canned_profile(correct.base_url())) == Verdict::pass);
  canned::CannedServer flawed(canned::fixture_routes({.basic_admin_401 = true}));
  CHECK(canned::verdict_of("AUTHZ-02", canned::canned_profile(flawed.base_url())) == Verdict::fail);
}
