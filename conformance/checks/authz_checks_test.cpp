// Every AUTHZ check against the mock resource server: PASS when it behaves, the catalog's verdict
// with one named flaw switched on (AUTHZ-06/07 are in jwt_checks_test.cpp, AUTHZ-02 in checks_test.cpp).
#include "conformance/checks/testing_jwt/catch_verdict.hpp"

using authprobe::conformance::Judgement;
using authprobe::conformance::Verdict;
using authprobe::conformance::testing_jwt::after;
using authprobe::conformance::testing_jwt::Flaws;
using authprobe::conformance::testing_jwt::judged;
using authprobe::conformance::testing_jwt::run_check;
using authprobe::conformance::testing_jwt::verdict;
using authprobe::conformance::testing_jwt::with;

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

TEST_CASE("AUTHZ-13 is SKIP: demoting a user needs an admin API no profile declares", "[http]") {
  const auto finding = run_check("AUTHZ-13", {});
  CHECK(finding.verdict == Verdict::skip);
  CHECK(finding.detail.find("demote or disable bob") != std::string::npos);
}
