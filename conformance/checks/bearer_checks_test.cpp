// Every BEARER check against the mock resource server: PASS when it behaves, the catalog's
// verdict with one named flaw switched on.
#include <catch2/catch.hpp>

#include <functional>

#include "conformance/checks/jwt_checks.hpp"
#include "conformance/checks/jwt_support.hpp"
#include "conformance/forge/compact.hpp"
#include "conformance/forge/json_text.hpp"
#include "conformance/session.hpp"
#include "conformance/testing/mock_target/catch_verdict.hpp"

using authprobe::conformance::Judgement;
using authprobe::conformance::Verdict;
using authprobe::conformance::mock_target::Flaws;
using authprobe::conformance::mock_target::verdict;
using authprobe::conformance::mock_target::with;
using authprobe::conformance::mock_target::both;
using authprobe::conformance::mock_target::run_edited;
using authprobe::conformance::mock_target::judged;
using authprobe::conformance::mock_target::RunOptions;
using authprobe::conformance::mock_target::after;
using authprobe::conformance::mock_target::run_check;
using authprobe::conformance::Finding;
using authprobe::conformance::Protection;
using authprobe::conformance::TargetProfile;

namespace {


void admin_by(TargetProfile& p, Protection::Kind kind) { p.endpoints.bearer_admin->protected_by = Protection{kind, "admin"}; }

}  // namespace


TEST_CASE("the BEARER section lists BEARER-01 to BEARER-17 in catalog order", "[unit]") {
  const auto checks = authprobe::conformance::bearer_checks();
  REQUIRE(checks.size() == 17);
  for (std::size_t i = 0; i < checks.size(); ++i) {
    const auto n = std::to_string(i + 1);
    CHECK(checks[i].id == "BEARER-" + std::string(n.size() == 1 ? "0" : "") + n);
  }
}

TEST_CASE("BEARER-01 fails on 403 and warns on an error attribute without a token", "[http][mutant]") {
  CHECK(verdict("BEARER-01") == Verdict::pass);
  CHECK(verdict("BEARER-01", with(&Flaws::refuse_with_403)) == Verdict::fail);
  CHECK(verdict("BEARER-01", with(&Flaws::error_without_token)) == Verdict::warn);
}

TEST_CASE("BEARER-02 fails when the Authorization header is not read", "[http][mutant]") {
  CHECK(verdict("BEARER-02") == Verdict::pass);
  CHECK(verdict("BEARER-02", with(&Flaws::ignore_authorization_header)) == Verdict::fail);
}

TEST_CASE("BEARER-03 judges the invalid_token refusal", "[http][mutant]") {
  CHECK(verdict("BEARER-03") == Verdict::pass);
  CHECK(verdict("BEARER-03", with(&Flaws::refuse_with_403)) == Verdict::warn);
  CHECK(verdict("BEARER-03", with(&Flaws::no_error_attribute)) == Verdict::warn);
  CHECK(verdict("BEARER-03", with(&Flaws::no_error_attribute), judged(Judgement::lenient)) == Verdict::pass);
}

TEST_CASE("BEARER-04 fails when an expired token is accepted", "[http][mutant]") {
  CHECK(verdict("BEARER-04") == Verdict::pass);
  CHECK(verdict("BEARER-04", with(&Flaws::ignore_exp)) == Verdict::fail);
}

TEST_CASE("BEARER-05 warns when a revoked token still works", "[http][mutant]") {
  CHECK(verdict("BEARER-05") == Verdict::pass);
  CHECK(verdict("BEARER-05", with(&Flaws::revocation_ignored)) == Verdict::warn);
}

TEST_CASE("BEARER-06 fails for a case-sensitive scheme match", "[http][mutant]") {
  CHECK(verdict("BEARER-06") == Verdict::pass);
  CHECK(verdict("BEARER-06", with(&Flaws::case_sensitive_scheme)) == Verdict::fail);
}

TEST_CASE("BEARER-07 fails when other schemes are refused with 403", "[http][mutant]") {
  CHECK(verdict("BEARER-07") == Verdict::pass);
  CHECK(verdict("BEARER-07", with(&Flaws::refuse_with_403)) == Verdict::fail);
  CHECK(verdict("BEARER-07", with(&Flaws::error_without_token)) == Verdict::warn);
}

TEST_CASE("BEARER-08 warns when malformed values get 403", "[http][mutant]") {
  CHECK(verdict("BEARER-08") == Verdict::pass);
  CHECK(verdict("BEARER-08", with(&Flaws::refuse_with_403)) == Verdict::warn);
}

TEST_CASE("BEARER-09 fails on bare Bearer challenges in strict only (D8)", "[http][mutant]") {
  const std::vector<std::string> before{"BEARER-01", "BEARER-03"};
  CHECK(verdict("BEARER-09", {}, judged(Judgement::strict, before)) == Verdict::pass);
  CHECK(verdict("BEARER-09", with(&Flaws::bare_challenge), judged(Judgement::strict, before)) == Verdict::fail);
  CHECK(verdict("BEARER-09", with(&Flaws::bare_challenge), judged(Judgement::lenient, before)) == Verdict::pass);
  CHECK(verdict("BEARER-09") == Verdict::skip);
}

TEST_CASE("BEARER-10 fails when the kid is echoed into error_description unescaped", "[http][mutant]") {
  CHECK(verdict("BEARER-10") == Verdict::pass);
  CHECK(verdict("BEARER-10", with(&Flaws::echo_kid)) == Verdict::fail);
}

TEST_CASE("BEARER-11 judges the insufficient_scope refusal (D6)", "[http][mutant]") {
  CHECK(verdict("BEARER-11") == Verdict::pass);
  CHECK(verdict("BEARER-11", with(&Flaws::insufficient_scope_as_401)) == Verdict::fail);
  CHECK(verdict("BEARER-11", with(&Flaws::insufficient_scope_as_401), judged(Judgement::lenient)) == Verdict::warn);
  CHECK(verdict("BEARER-11", with(&Flaws::no_challenge_on_403)) == Verdict::fail);
}

TEST_CASE("BEARER-12 fails when the query copy wins over the header", "[http][mutant]") {
  CHECK(verdict("BEARER-12") == Verdict::pass);
  CHECK(verdict("BEARER-12", with(&Flaws::query_token)) == Verdict::fail);
}

TEST_CASE("BEARER-13 warns when query tokens are accepted (D13)", "[http][mutant]") {
  CHECK(verdict("BEARER-13") == Verdict::pass);
  CHECK(verdict("BEARER-13", with(&Flaws::query_token)) == Verdict::warn);
  CHECK(verdict("BEARER-13", with(&Flaws::query_token), judged(Judgement::bcp)) == Verdict::fail);
}

TEST_CASE("BEARER-14 passes when body tokens never authenticate (flaw: http_checks_test.cpp)", "[http]") {
  CHECK(verdict("BEARER-14") == Verdict::pass);
}

TEST_CASE("BEARER-15 warns when a cookie carries the bearer token", "[http][mutant]") {
  CHECK(verdict("BEARER-15") == Verdict::pass);
  CHECK(verdict("BEARER-15", with(&Flaws::cookie_token)) == Verdict::warn);
}

TEST_CASE("BEARER-16 fails when 403 carries invalid_token", "[http][mutant]") {
  const std::vector<std::string> before{"BEARER-03", "BEARER-08", "BEARER-11"};
  CHECK(verdict("BEARER-16", {}, judged(Judgement::strict, before)) == Verdict::pass);
  CHECK(verdict("BEARER-16", with(&Flaws::refuse_with_403), judged(Judgement::strict, before)) == Verdict::fail);
}

TEST_CASE("BEARER-17 is INFO when protected-resource metadata is absent", "[http]") {
  CHECK(verdict("BEARER-17") == Verdict::info);
}

TEST_CASE("the BEARER checks that read the whole run are marked run-wide", "[unit]") {
  for (const auto& check : authprobe::conformance::bearer_checks()) {
    const bool reads_log = check.id == "BEARER-09" || check.id == "BEARER-16" || check.id == "BEARER-17";
    CHECK(check.run_wide == reads_log);
  }
}

// Issue-14 classes: the verdicts that disagreed with the catalog on real servers.

TEST_CASE("a malformed Bearer challenge FAILs BEARER-09 and is present, not absent, for BEARER-01", "[http][mutant]") {
  const auto bearer_09 = run_check("BEARER-09", with(&Flaws::malformed_challenge), after({"BEARER-01", "BEARER-03"}));
  CHECK(bearer_09.verdict == Verdict::fail);
  CHECK(bearer_09.actual.find(R"(the "token" is not accepted)") != std::string::npos);  // the raw text
  const auto bearer_01 = run_check("BEARER-01", with(&Flaws::malformed_challenge));
  CHECK(bearer_01.verdict == Verdict::pass);
  CHECK(bearer_01.detail.find("malformed WWW-Authenticate value") != std::string::npos);
  CHECK(verdict("BEARER-03", with(&Flaws::malformed_challenge)) == Verdict::pass);  // error="invalid_token" is still read
}

TEST_CASE("a 401 without a challenge FAILs only the checks whose subject is the challenge (V1)", "[http][mutant]") {
  const auto bare = with(&Flaws::no_challenge_on_401);
  CHECK(verdict("BEARER-01", bare) == Verdict::fail);
  CHECK(verdict("BEARER-03", bare) == Verdict::fail);
  CHECK(verdict("BEARER-07", bare) == Verdict::fail);
  CHECK(verdict("BEARER-04", bare) == Verdict::warn);  // judged as a refusal without error= (D11)
  CHECK(verdict("BEARER-04", bare, judged(Judgement::lenient)) == Verdict::pass);
  CHECK(verdict("BEARER-08", bare) == Verdict::warn);
  CHECK(verdict("BEARER-08", bare, judged(Judgement::lenient)) == Verdict::pass);
  CHECK(verdict("JWT-06", bare) == Verdict::pass);
}

TEST_CASE("a refusal with another 4xx takes the entry's level (V3)", "[http][mutant]") {
  CHECK(verdict("BEARER-03", with(&Flaws::refuse_with_404)) == Verdict::warn);  // SHOULD
  CHECK(verdict("BEARER-07", with(&Flaws::refuse_with_404)) == Verdict::fail);  // MUST
  CHECK(verdict("BEARER-11", with(&Flaws::insufficient_scope_as_404)) == Verdict::warn);  // SHOULD, challenge kept
}

TEST_CASE("BEARER-03 judges the challenge of the refusal too (V10)", "[http][mutant]") {
  CHECK(verdict("BEARER-03", with(&Flaws::refuse_with_403)) == Verdict::warn);  // 403 with a challenge
  CHECK(verdict("BEARER-03", both(&Flaws::refuse_with_403, &Flaws::no_challenge_on_403)) == Verdict::fail);
  CHECK(verdict("BEARER-03", with(&Flaws::no_challenge_on_401)) == Verdict::fail);
}

TEST_CASE("BEARER-03 tampers with an opaque token instead of sending the valid one back", "[http][mutant]") {
  const auto finding = run_check("BEARER-03", with(&Flaws::opaque_tokens));
  CHECK(finding.verdict == Verdict::pass);
  CHECK(finding.detail.find("(opaque) with a changed character") != std::string::npos);
  CHECK(verdict("BEARER-03", both(&Flaws::opaque_tokens, &Flaws::refuse_with_403)) == Verdict::warn);
}

TEST_CASE("a 400's error code may stand in a JSON error member (V10)", "[http][mutant]") {
  CHECK(verdict("BEARER-12", with(&Flaws::json_error_on_400)) == Verdict::pass);
  CHECK(verdict("BEARER-12", with(&Flaws::bare_400)) == Verdict::warn);
  CHECK(verdict("BEARER-13", both(&Flaws::refuse_query_token, &Flaws::json_error_on_400)) == Verdict::pass);
  CHECK(verdict("BEARER-13", both(&Flaws::refuse_query_token, &Flaws::bare_400)) == Verdict::warn);
  CHECK(verdict("BEARER-08", with(&Flaws::json_error_on_400)) == Verdict::pass);
  CHECK(verdict("BEARER-08", with(&Flaws::bare_400)) == Verdict::warn);
  CHECK(verdict("BEARER-16", with(&Flaws::json_error_on_400), after({"BEARER-08", "BEARER-12"})) == Verdict::pass);
}

TEST_CASE("BEARER-11 judges a role-protected admin resource by V7 instead of skipping it", "[http][mutant]") {
  const auto no_403_challenge = with(&Flaws::no_challenge_on_403);
  const auto role = [](TargetProfile& p) { admin_by(p, Protection::Kind::role); };
  const auto scope = [](TargetProfile& p) { admin_by(p, Protection::Kind::scope); };
  CHECK(run_edited("BEARER-11", no_403_challenge, role).verdict == Verdict::pass);
  CHECK(run_edited("BEARER-11", no_403_challenge, scope).verdict == Verdict::fail);  // RFC 6750 §3 MUST
  CHECK(run_edited("BEARER-11", with(&Flaws::insufficient_scope_as_401), role, judged(Judgement::lenient)).verdict ==
        Verdict::fail);
  // Without protected_by, flows.scopes decides, and the finding says which reading was used.
  const auto assumed = run_edited("BEARER-11", no_403_challenge, [](TargetProfile& p) { p.flows.scopes = false; });
  CHECK(assumed.verdict == Verdict::pass);
  CHECK(assumed.detail.find("role-protected (assumed") != std::string::npos);
  CHECK(run_edited("BEARER-11", {}, [](TargetProfile& p) { p.endpoints.bearer_admin.reset(); }).verdict == Verdict::skip);
}

TEST_CASE("the BEARER checks that send no token of the target's run where none can be obtained", "[http][mutant]") {
  const auto no_token = [](TargetProfile& p) {
    p.flows.password_grant = false;
    p.endpoints.token.reset();
  };
  CHECK(run_edited("BEARER-01", {}, no_token).verdict == Verdict::pass);
  CHECK(run_edited("BEARER-01", with(&Flaws::refuse_with_403), no_token).verdict == Verdict::fail);
  const auto bearer_07 = run_edited("BEARER-07", {}, no_token);
  CHECK(bearer_07.verdict == Verdict::pass);
  CHECK(bearer_07.detail.find("Token T: not sent") != std::string::npos);
  CHECK(run_edited("BEARER-08", {}, no_token).verdict == Verdict::pass);
  CHECK(run_edited("BEARER-09", with(&Flaws::bare_challenge), no_token, after({"BEARER-01"})).verdict == Verdict::fail);
  CHECK(run_edited("BEARER-10", {}, no_token).verdict == Verdict::pass);
  CHECK(run_edited("BEARER-02", {}, no_token).verdict == Verdict::skip);
}

// Opaque-token servers and runs without the key: the tester keeps an expired token
// (users.alice.expired_token*) and BEARER-04 sends it. The kept token here is the mock's own
// token for alice re-signed with its key and an exp an hour ago.
TEST_CASE("BEARER-04 judges a kept expired token when the profile gives no key", "[http][mutant]") {
  namespace jwt = authprobe::conformance::jwt;
  namespace forge = authprobe::conformance::forge;
  for (const bool ignores_exp : {false, true}) {
    Flaws flaws;
    flaws.ignore_exp = ignores_exp;
    auto target = authprobe::conformance::mock_target::MockTarget::start(flaws);
    const auto keyed = target->profile(true);
    authprobe::conformance::ProbeSettings settings;
    settings.base_url = keyed.base_url;
    authprobe::conformance::Probe probe(settings);
    authprobe::conformance::Session session(keyed, probe);
    auto grant = session.fresh_token("alice");
    REQUIRE(grant);
    auto parts = forge::decode_compact(grant->access_token);
    REQUIRE(parts);
    auto payload = forge::with_member(parts->payload_json, "exp", jwt::now() - 3600);
    REQUIRE(payload);
    auto key = jwt::server_key(keyed);
    REQUIRE(key);
    auto expired = key->mint(parts->header_json, *payload);
    REQUIRE(expired);

    auto profile = target->profile(false);
    profile.token.ttl = std::chrono::hours(1);  // no short-TTL path either: only the kept token
    profile.users.at("alice").expired_token =
        authprobe::conformance::SuppliedToken{*expired, std::nullopt, std::nullopt, "users.alice.expired_token"};
    const auto finding = authprobe::conformance::mock_target::run_check_on("BEARER-04", profile, {});
    INFO(finding.actual << "\n" << finding.detail);
    CHECK(finding.verdict == (ignores_exp ? Verdict::fail : Verdict::pass));

    profile.users.at("alice").expired_token.reset();
    CHECK(authprobe::conformance::mock_target::run_check_on("BEARER-04", profile, {}).verdict == Verdict::skip);
  }
}
