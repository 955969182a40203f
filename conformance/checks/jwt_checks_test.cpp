// Every JWT check against the mock resource server: PASS when it behaves, FAIL (or the catalog's
// verdict) with one named flaw switched on.
#include <catch2/catch.hpp>

#include "conformance/checks/jwt_checks.hpp"
#include "conformance/testing/mock_target/catch_verdict.hpp"

using authprobe::conformance::Judgement;
using authprobe::conformance::Verdict;
using authprobe::conformance::mock_target::Flaws;
using authprobe::conformance::mock_target::MockAlg;
using authprobe::conformance::mock_target::verdict;
using authprobe::conformance::mock_target::with;
using authprobe::conformance::mock_target::run_check;
using authprobe::conformance::mock_target::RunOptions;

namespace {

RunOptions es256() {
  RunOptions o;
  o.alg = MockAlg::es256;
  return o;
}

RunOptions lenient() { return authprobe::conformance::mock_target::judged(Judgement::lenient); }

}  // namespace

TEST_CASE("the JWT section lists JWT-01 to JWT-39 in catalog order", "[unit]") {
  const auto checks = authprobe::conformance::jwt_checks();
  REQUIRE(checks.size() == 39);
  for (std::size_t i = 0; i < checks.size(); ++i) {
    const auto n = std::to_string(i + 1);
    CHECK(checks[i].id == "JWT-" + std::string(n.size() == 1 ? "0" : "") + n);
    CHECK_FALSE(checks[i].cites.empty());
    CHECK(checks[i].run);
  }
}

TEST_CASE("JWT-01 passes for an at+jwt token and fails for typ JWT only in strict", "[http][mutant]") {
  CHECK(verdict("JWT-01") == Verdict::pass);
  CHECK(verdict("JWT-01", with(&Flaws::typ_jwt)) == Verdict::fail);
  CHECK(verdict("JWT-01", with(&Flaws::typ_jwt), lenient()) == Verdict::pass);
}

TEST_CASE("JWT-02 fails for a numeric sub in strict only (D15) and for a string iat", "[http][mutant]") {
  CHECK(verdict("JWT-02") == Verdict::pass);
  CHECK(verdict("JWT-02", with(&Flaws::numeric_sub)) == Verdict::fail);
  CHECK(verdict("JWT-02", with(&Flaws::numeric_sub), lenient()) == Verdict::warn);
  CHECK(verdict("JWT-02", with(&Flaws::string_iat)) == Verdict::fail);
}

TEST_CASE("JWT-03 warns for day-long tokens and for a password hash in the payload", "[http][mutant]") {
  CHECK(verdict("JWT-03") == Verdict::pass);
  CHECK(verdict("JWT-03", with(&Flaws::long_lived)) == Verdict::warn);
  CHECK(verdict("JWT-03", with(&Flaws::password_in_token)) == Verdict::warn);
}

TEST_CASE("JWT-04 fails when the HMAC key is a dictionary word", "[http][mutant]") {
  CHECK(verdict("JWT-04") == Verdict::pass);
  CHECK(verdict("JWT-04", with(&Flaws::weak_secret)) == Verdict::fail);
}

TEST_CASE("JWT-05, 06, 07 and 10 fail when signatures are not verified", "[http][mutant]") {
  for (const auto* id : {"JWT-05", "JWT-06", "JWT-07", "JWT-10"}) {
    CHECK(verdict(id) == Verdict::pass);
    CHECK(verdict(id, with(&Flaws::skip_signature)) == Verdict::fail);
  }
}

TEST_CASE("JWT-16 fails when a kid naming /dev/null selects the empty key", "[http][mutant]") {
  CHECK(verdict("JWT-16") == Verdict::pass);
  CHECK(verdict("JWT-16", with(&Flaws::kid_file_lookup)) == Verdict::fail);
}

TEST_CASE("JWT-08 fails when extra dots and segments are ignored", "[http][mutant]") {
  CHECK(verdict("JWT-08") == Verdict::pass);
  CHECK(verdict("JWT-08", with(&Flaws::lax_segments)) == Verdict::fail);
}

TEST_CASE("JWT-09 fails when alg none is accepted", "[http][mutant]") {
  CHECK(verdict("JWT-09") == Verdict::pass);
  CHECK(verdict("JWT-09", with(&Flaws::accept_none)) == Verdict::fail);
}

TEST_CASE("JWT-11 applies to asymmetric servers and passes when HS256 with the public key is refused", "[http]") {
  CHECK(verdict("JWT-11") == Verdict::skip);
  CHECK(verdict("JWT-11", {}, es256()) == Verdict::pass);
  CHECK(verdict("JWT-11", with(&Flaws::public_key_hmac), es256()) == Verdict::fail);
}

TEST_CASE("JWT-12 fails when the HS256 key also verifies HS384 and HS512", "[http][mutant]") {
  CHECK(verdict("JWT-12") == Verdict::pass);
  CHECK(verdict("JWT-12", with(&Flaws::any_hmac_alg)) == Verdict::fail);
}

TEST_CASE("JWT-13 fails when the server key is \"secret\"", "[http][mutant]") {
  CHECK(verdict("JWT-13") == Verdict::pass);
  CHECK(verdict("JWT-13", with(&Flaws::weak_secret)) == Verdict::fail);
}

TEST_CASE("JWT-14 fails when an embedded jwk is trusted", "[http][mutant]") {
  CHECK(verdict("JWT-14") == Verdict::pass);
  CHECK(verdict("JWT-14", with(&Flaws::embedded_jwk)) == Verdict::fail);
}

TEST_CASE("JWT-15 fails when the server fetches the jku", "[http][mutant]") {
  CHECK(verdict("JWT-15") == Verdict::pass);
  const auto finding = run_check("JWT-15", with(&Flaws::fetch_jku));
  CHECK(finding.verdict == Verdict::fail);
  CHECK(finding.actual.find("fetched") != std::string::npos);
}

TEST_CASE("JWT-17 passes when an unknown kid is refused and needs the key", "[http]") {
  CHECK(verdict("JWT-17") == Verdict::pass);
  RunOptions no_key;
  no_key.with_key = false;
  CHECK(verdict("JWT-17", {}, no_key) == Verdict::skip);
  CHECK(verdict("JWT-17", with(&Flaws::ignore_kid)) == Verdict::fail);
}

TEST_CASE("JWT-18 fails when an unknown critical extension is ignored", "[http][mutant]") {
  CHECK(verdict("JWT-18") == Verdict::pass);
  CHECK(verdict("JWT-18", with(&Flaws::ignore_crit)) == Verdict::fail);
}

TEST_CASE("JWT-19 and JWT-20 judge ES256 signatures", "[http][mutant]") {
  CHECK(verdict("JWT-19") == Verdict::skip);
  CHECK(verdict("JWT-19", {}, es256()) == Verdict::pass);
  CHECK(verdict("JWT-19", with(&Flaws::skip_signature), es256()) == Verdict::fail);
  CHECK(verdict("JWT-20", {}, es256()) == Verdict::pass);
  CHECK(verdict("JWT-20", with(&Flaws::skip_signature), es256()) == Verdict::fail);
}

TEST_CASE("the inside-only JWT checks SKIP as not observable from outside", "[http]") {
  for (const auto* id : {"JWT-21", "JWT-37", "JWT-38", "JWT-39"}) {
    const auto finding = run_check(id, {});
    CHECK(finding.verdict == Verdict::skip);
    CHECK(finding.detail.find("not observable from outside") != std::string::npos);
  }
}

TEST_CASE("JWT-22, 23 and 26 fail when exp is not checked", "[http][mutant]") {
  for (const auto* id : {"JWT-22", "JWT-23", "JWT-26"}) {
    CHECK(verdict(id) == Verdict::pass);
    CHECK(verdict(id, with(&Flaws::ignore_exp)) == Verdict::fail);
  }
}

TEST_CASE("JWT-24 fails when nbf is not checked", "[http][mutant]") {
  CHECK(verdict("JWT-24") == Verdict::pass);
  CHECK(verdict("JWT-24", with(&Flaws::ignore_nbf)) == Verdict::fail);
}

TEST_CASE("JWT-25 reports a future iat as INFO whether it is accepted or refused (D14)", "[http][mutant]") {
  CHECK(verdict("JWT-25") == Verdict::info);
  CHECK(verdict("JWT-25", with(&Flaws::reject_future_iat)) == Verdict::info);
}

TEST_CASE("JWT-27 fails when a string exp crashes the server", "[http][mutant]") {
  CHECK(verdict("JWT-27") == Verdict::pass);
  CHECK(verdict("JWT-27", with(&Flaws::crash_on_string_exp)) == Verdict::fail);
}

TEST_CASE("JWT-28 and JWT-29 fail when issuer or audience are not checked", "[http][mutant]") {
  CHECK(verdict("JWT-28") == Verdict::pass);
  CHECK(verdict("JWT-28", with(&Flaws::ignore_iss)) == Verdict::fail);
  CHECK(verdict("JWT-29") == Verdict::pass);
  CHECK(verdict("JWT-29", with(&Flaws::ignore_aud)) == Verdict::fail);
}

TEST_CASE("JWT-30 fails for an untyped-token server in strict and passes in lenient (D9)", "[http][mutant]") {
  CHECK(verdict("JWT-30") == Verdict::pass);
  CHECK(verdict("JWT-30", with(&Flaws::ignore_typ)) == Verdict::fail);
  CHECK(verdict("JWT-30", with(&Flaws::ignore_typ), lenient()) == Verdict::pass);
}

TEST_CASE("JWT-31 fails when an ID-token-shaped JWT opens the API", "[http][mutant]") {
  CHECK(verdict("JWT-31") == Verdict::pass);
  Flaws f;
  f.ignore_typ = true;
  f.ignore_aud = true;
  CHECK(verdict("JWT-31", f) == Verdict::fail);
}

TEST_CASE("JWT-32 fails when non-canonical base64url is decoded leniently", "[http][mutant]") {
  CHECK(verdict("JWT-32") == Verdict::pass);
  CHECK(verdict("JWT-32", with(&Flaws::lax_base64)) == Verdict::fail);
}

TEST_CASE("JWT-33 fails when the first of duplicate scope members is authorized", "[http][mutant]") {
  CHECK(verdict("JWT-33") == Verdict::pass);
  CHECK(verdict("JWT-33", with(&Flaws::duplicate_first_wins)) == Verdict::fail);
}

TEST_CASE("JWT-34 fails when the JWS JSON serialization is accepted", "[http][mutant]") {
  CHECK(verdict("JWT-34") == Verdict::pass);
  CHECK(verdict("JWT-34", with(&Flaws::accept_jws_json)) == Verdict::fail);
}

TEST_CASE("JWT-35 fails when a nested token's inner claims are trusted unsigned", "[http][mutant]") {
  CHECK(verdict("JWT-35") == Verdict::pass);
  CHECK(verdict("JWT-35", with(&Flaws::nested_unverified)) == Verdict::fail);
}

TEST_CASE("JWT-36 warns when junk tokens get 403 instead of 401", "[http][mutant]") {
  CHECK(verdict("JWT-36") == Verdict::pass);
  CHECK(verdict("JWT-36", with(&Flaws::refuse_with_403)) == Verdict::warn);
}

TEST_CASE("AUTHZ-06 fails for substring, comma-splitting and case-folding scope matches", "[http][mutant]") {
  CHECK(verdict("AUTHZ-06") == Verdict::pass);
  CHECK(verdict("AUTHZ-06", with(&Flaws::scope_substring)) == Verdict::fail);
  CHECK(verdict("AUTHZ-06", with(&Flaws::scope_comma_split)) == Verdict::fail);
  CHECK(verdict("AUTHZ-06", with(&Flaws::scope_case_fold)) == Verdict::fail);
  RunOptions no_key;
  no_key.with_key = false;
  CHECK(verdict("AUTHZ-06", {}, no_key) == Verdict::skip);
}

TEST_CASE("AUTHZ-07 fails when roles match by substring or by coercing strings and objects", "[http][mutant]") {
  CHECK(verdict("AUTHZ-07") == Verdict::pass);
  CHECK(verdict("AUTHZ-07", with(&Flaws::roles_substring)) == Verdict::fail);
  CHECK(verdict("AUTHZ-07", with(&Flaws::roles_coerced)) == Verdict::fail);
}
