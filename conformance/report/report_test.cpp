// Report formats against approved baselines (times and dates fixed in the sample report).
// To approve a deliberate format change: AUTHPROBE_APPROVE=1 ctest -R conformance.report
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "conformance/report/report.hpp"
#include "conformance/suite.hpp"

namespace authprobe::conformance {
namespace {

RunReport sample_report() {
  RunReport report;
  report.target = "http://127.0.0.1:8080";
  report.target_profile = "reference";
  report.judgement = Judgement::strict;
  report.started_at = "2026-01-01T00:00:00Z";
  report.wall_ms = 1234.0;
  report.token_acquisition = "oauth_password";
  report.selection = {"BASIC", "TOKEN-13", "HASH-09"};
  report.shortfalls = {Unmet{"token request for erin: POST /token answered 400 invalid_grant (baseline TOKEN-01)",
                             "users.erin.password"}};
  Exchange exchange;
  exchange.request = RequestRecord{"GET", "http://127.0.0.1:8080/profile", "/profile", {}, {}, "", 0, false};
  exchange.response = ResponseRecord{401, {{"WWW-Authenticate", "Basic"}}, "{\"error\":\"unauthorized\"}", 24, 1.5};
  exchange.curl = "curl -i -sS 'http://127.0.0.1:8080/profile'";
  CheckResult fail{"BASIC-01", Level::must, "RFC 9110 §11.6.1, §15.5.2; RFC 7617 §2", Mode::black_box,
                   "401 without credentials carries a Basic challenge with realm",
                   Finding{Verdict::fail, "401 with WWW-Authenticate: Basic realm=\"...\"", "FAIL: Basic challenge without realm", "",
                           {exchange}, {}},
                   2.0};
  CheckResult pass{"BASIC-02", Level::baseline, "RFC 7617 §2", Mode::black_box, "alice's correct Basic credentials are accepted",
                   Finding{Verdict::pass, "200", "PASS: alice", "", {}, {}}, 3.0};
  CheckResult skip{"HASH-09", Level::owasp, "OWASP Password Storage CS", Mode::inside_only, "stored hashes use memory-hard parameters",
                   Finding{Verdict::skip, "", "", "[I] inside-only: not observable from outside <&>", {}, {}}, 0.0};
  CheckResult warn{"TOKEN-13", Level::must, "RFC 6749 §5.2", Mode::black_box, "a wrong password gets 400 invalid_grant",
                   Finding{Verdict::warn, "strict: 400 invalid_grant", "WARN: wrong password (D1)", "", {}, {"D1"}}, 4.0};
  report.results = {fail, pass, warn, skip};
  return report;
}

void check_approved(const std::string& name, const std::string& received) {
  const std::string path = std::string(AUTHPROBE_SOURCE_DIR) + "/conformance/report/approved/" + name;
  if (std::getenv("AUTHPROBE_APPROVE") != nullptr) {
    std::ofstream(path, std::ios::binary) << received;
  }
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream approved;
  approved << in.rdbuf();
  CHECK(received == approved.str());
}

}  // namespace

TEST_CASE("the console report matches its approved baseline", "[unit]") {
  check_approved("console.txt", render_console(sample_report(), false));
}

TEST_CASE("the JSON report matches its approved baseline and keeps the contract fields", "[unit]") {
  const auto text = render_json(sample_report());
  check_approved("report.json", text);
  const auto json = nlohmann::json::parse(text);
  for (const char* field : {"target", "profile", "started_at", "results", "summary", "options", "shortfalls"}) {
    CHECK(json.contains(field));
  }
  CHECK(json["options"]["slow"] == false);
  CHECK(json["options"]["mode"] == "B");
  CHECK(json["shortfalls"][0]["field"] == "users.erin.password");
  for (const auto& result : json["results"]) {
    for (const char* field : {"id", "level", "cites", "verdict", "expected", "actual", "curl"}) CHECK(result.contains(field));
  }
  CHECK(json["summary"]["FAIL"] == 1);
}

TEST_CASE("the JUnit report matches its approved baseline", "[unit]") {
  check_approved("junit.xml", render_junit(sample_report()));
}

TEST_CASE("colour codes appear only when asked", "[unit]") {
  CHECK(render_console(sample_report(), true).find("\x1b[31m") != std::string::npos);
  CHECK(render_console(sample_report(), false).find('\x1b') == std::string::npos);
}

namespace {

RunReport one_result(Verdict verdict, std::string summary, std::string actual, std::string detail) {
  RunReport report = sample_report();
  CheckResult result{"BEARER-08", Level::must, "RFC 6750 §2.1", Mode::black_box, std::move(summary),
                     Finding{verdict, "400 invalid_request", std::move(actual), std::move(detail), {}, {}}, 1.0};
  report.results = {result};
  return report;
}

std::string line_after(const std::string& text, const std::string& line) {
  const auto at = text.find(line + "\n");
  REQUIRE(at != std::string::npos);
  const auto next = at + line.size() + 1;
  return text.substr(next, text.find('\n', next) - next);
}

}  // namespace

TEST_CASE("console: detail lines that restate actual's parts replace it, the rest stay under detail, indented", "[unit]") {
  const auto text = render_console(
      one_result(Verdict::fail, "malformed Bearer credentials get 400", "Bearer alone: 400 invalid_request; Bearer a b: 200",
                 "PASS  Bearer alone: 400 invalid_request\nFAIL  Bearer a b: 200\nnot run: the form-body copy\nsecond note"),
      false);
  CHECK(line_after(text, "          actual:   PASS  Bearer alone: 400 invalid_request") == "                    FAIL  Bearer a b: 200");
  CHECK(line_after(text, "          detail:   not run: the form-body copy") == "                    second note");
  CHECK(text.find("Bearer a b: 200\n") == text.rfind("Bearer a b: 200\n"));  // said once
}

TEST_CASE("console: a detail equal to actual is not printed twice", "[unit]") {
  const auto text = render_console(one_result(Verdict::warn, "x", "one part", "WARN  one part"), false);
  CHECK(text.find("one part") == text.rfind("one part"));
  CHECK(text.find("detail:") == std::string::npos);
}

TEST_CASE("console: no verdict repeated as a prefix (no \"INFO ... INFO:\")", "[unit]") {
  const auto text = render_console(
      one_result(Verdict::info, "INFO: the password grant is enabled", "INFO: forbidden answered 403\nsecond line", ""), false);
  CHECK(text.find("INFO:") == std::string::npos);
  CHECK(line_after(text, "          forbidden answered 403") == "          second line");
  const auto fail = render_console(one_result(Verdict::fail, "x", "FAIL: Basic challenge without realm", ""), false);
  CHECK(fail.find("actual:   Basic challenge without realm\n") != std::string::npos);
}

TEST_CASE("console: a remote target is named at the top", "[unit]") {
  auto report = sample_report();
  report.remote = true;
  const auto text = render_console(report, false);
  CHECK(line_after(text, text.substr(0, text.find('\n'))).find("remote target: not loopback, judged because of --allow-remote") == 0);
  CHECK(render_console(sample_report(), false).find("remote target") == std::string::npos);
}

TEST_CASE("console: the wall time ends the summary", "[unit]") {
  CHECK(render_console(sample_report(), false).find("\nwall time: 1.2 s\n") != std::string::npos);
}

TEST_CASE("exit codes: 0 clean, 1 on FAIL, 4 on ERROR or a shortfall without FAIL, 3 unreachable", "[unit]") {
  auto report = sample_report();
  report.results.back().finding.verdict = Verdict::error;
  CHECK(exit_code(report) == exit_status::failed);  // a FAIL outweighs the ERROR and the shortfall
  report.results.erase(report.results.begin());
  CHECK(exit_code(report) == exit_status::incomplete);
  report.results.back().finding.verdict = Verdict::skip;
  CHECK(exit_code(report) == exit_status::incomplete);  // the shortfall alone
  report.shortfalls.clear();
  CHECK(exit_code(report) == exit_status::ok);
  report.unreachable = true;
  CHECK(exit_code(report) == exit_status::unreachable);
  CHECK(exit_code(UsageError{"x"}) == exit_status::usage);
}

}  // namespace authprobe::conformance
