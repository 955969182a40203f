// Every outside-observable HASH check against the mock's token endpoint: PASS when passwords are
// compared exactly, the catalog's verdict with one named flaw switched on.
#include "conformance/testing/mock_target/catch_verdict.hpp"

using authprobe::conformance::Verdict;
using authprobe::conformance::mock_target::Flaws;
using authprobe::conformance::mock_target::run_check;
using authprobe::conformance::mock_target::slow_run;
using authprobe::conformance::mock_target::verdict;
using authprobe::conformance::mock_target::with;

TEST_CASE("HASH-01 fails when dave's password matches on its first 72 bytes", "[http][mutant]") {
  CHECK(verdict("HASH-01") == Verdict::pass);
  CHECK(verdict("HASH-01", with(&Flaws::bcrypt_truncation)) == Verdict::fail);
}

TEST_CASE("HASH-02 fails when the password is cut at a NUL", "[http][mutant]") {
  CHECK(verdict("HASH-02") == Verdict::pass);
  CHECK(verdict("HASH-02", with(&Flaws::nul_truncation)) == Verdict::fail);
}

TEST_CASE("HASH-03 fails when a 1 MiB password crashes the server", "[http][mutant]") {
  CHECK(verdict("HASH-03") == Verdict::pass);
  CHECK(verdict("HASH-03", with(&Flaws::crash_on_long_password)) == Verdict::fail);
}

TEST_CASE("HASH-04 fails when erin's non-ASCII password is mangled", "[http][mutant]") {
  CHECK(verdict("HASH-04") == Verdict::pass);
  CHECK(verdict("HASH-04", with(&Flaws::mangle_non_ascii)) == Verdict::fail);
}

TEST_CASE("HASH-05 fails for case-insensitive or trimmed password comparison", "[http][mutant]") {
  CHECK(verdict("HASH-05") == Verdict::pass);
  CHECK(verdict("HASH-05", with(&Flaws::case_insensitive_password)) == Verdict::fail);
  CHECK(verdict("HASH-05", with(&Flaws::trim_password)) == Verdict::fail);
}

TEST_CASE("HASH-06, 07 and 08 need --slow", "[http]") {
  for (const auto* id : {"HASH-06", "HASH-07", "HASH-08"}) {
    const auto finding = run_check(id, {});
    CHECK(finding.verdict == Verdict::skip);
    CHECK(finding.detail.find("--slow") != std::string::npos);
  }
}

// The mock stands a 10 ms sleep in for a password hash; the flaws remove it on one path.
TEST_CASE("HASH-06 fails when unknown users skip the hash", "[http][mutant][.slow]") {
  CHECK(verdict("HASH-06", {}, slow_run()) == Verdict::pass);
  CHECK(verdict("HASH-06", with(&Flaws::skip_hash_for_unknown_user), slow_run()) == Verdict::fail);
}

TEST_CASE("HASH-07 warns when a correct login costs no more than an early rejection", "[http][mutant][.slow]") {
  CHECK(verdict("HASH-07", {}, slow_run()) == Verdict::pass);
  CHECK(verdict("HASH-07", with(&Flaws::fast_hash), slow_run()) == Verdict::warn);
}

// The check's own verdict for failed probes is WARN (SHOULD); a 503 among them is a 5xx, which V1
// turns into FAIL for the check that caused it.
TEST_CASE("HASH-08 fails (V1) when a login storm makes the cheap endpoint answer 503", "[http][mutant][.slow]") {
  CHECK(verdict("HASH-08", {}, slow_run()) == Verdict::pass);
  CHECK(verdict("HASH-08", with(&Flaws::storm_overload), slow_run()) == Verdict::fail);
}

TEST_CASE("the inside-only HASH checks SKIP as not observable from outside", "[http]") {
  for (const auto* id : {"HASH-09", "HASH-10", "HASH-11", "HASH-12", "HASH-13"}) {
    const auto finding = run_check(id, {});
    CHECK(finding.verdict == Verdict::skip);
    CHECK(finding.detail.find("not observable from outside") != std::string::npos);
  }
}
