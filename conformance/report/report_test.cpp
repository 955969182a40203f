// Report formats against approved baselines (times and dates fixed in the sample report).
// To approve a deliberate format change: AUTHPROBE_APPROVE=1 ctest -R conformance.report
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "conformance/curl_line.hpp"
#include "conformance/registry.hpp"
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
  exchange.request.wire = "GET /profile HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: authprobe/test\r\nConnection: close\r\n\r\n";
  exchange.request.wire_bytes = exchange.request.wire.size();
  exchange.curl = curl_line(exchange.request, "http://127.0.0.1:8080", {});
  exchange.decisive = true;
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

TEST_CASE("the HTML report matches its approved baseline", "[unit]") {
  check_approved("report.html", render_html(sample_report()));
}

TEST_CASE("html and its file names are formats like the others", "[unit]") {
  CHECK(parse_format("html") == Format::html);
  CHECK(render(sample_report(), Format::html, false) == render_html(sample_report()));
  CHECK(report_file_name(Format::json) == "report.json");
  CHECK(report_file_name(Format::junit) == "report.xml");
  CHECK(report_file_name(Format::html) == "report.html");
}

namespace {

std::size_t occurrences(const std::string& text, std::string_view needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}

// The report of a target that answers with markup, NUL and invalid UTF-8 where a check reads text.
RunReport hostile_report() {
  auto report = sample_report();
  const std::string hostile = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">";
  auto& evidence = report.results.front().finding.evidence.front();
  evidence.response->headers.push_back({"WWW-Authenticate", "Basic realm=\"" + hostile + "\""});
  evidence.response->body_excerpt = hostile + std::string(1, '\0') + "\xff\xfe\xc0\xaf" + "\xed\xa0\x80" + "\xc2\x85";
  report.results.front().finding.actual = "FAIL: realm " + hostile;
  report.target_profile = "\"><script>alert(1)</script>";
  return report;
}

}  // namespace

TEST_CASE("the HTML report shows a target's markup as text and runs only its own script", "[unit]") {
  const auto page = render_html(hostile_report());
  CHECK(occurrences(page, "<script") == 1);  // the page's own, at the end
  CHECK(page.find("<img") == std::string::npos);
  CHECK(page.find("onerror=\"") == std::string::npos);
  CHECK(occurrences(page, "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;") >= 3);
  CHECK(page.find("&quot;&gt;&lt;script&gt;alert(1)") != std::string::npos);
  CHECK(page.find('\0') == std::string::npos);
  CHECK_NOTHROW(nlohmann::json(page).dump());  // the strict serializer throws on invalid UTF-8
  CHECK(page.find("'unsafe-inline'") == std::string::npos);
  const auto script_start = page.find("<script>") + std::string_view("<script>").size();
  const auto script = page.substr(script_start, page.find("</script>", script_start) - script_start);
  CHECK(page.find("script-src " + html::csp_hash(script) + ";") != std::string::npos);
}

TEST_CASE("html::escape replaces NUL, controls and invalid UTF-8 and keeps valid text", "[unit]") {
  const std::string replacement = "\xEF\xBF\xBD";
  CHECK(html::escape(std::string("a\0b", 3)) == "a" + replacement + "b");
  CHECK(html::escape("\x01\x7f") == replacement + replacement);
  CHECK(html::escape("\xc2\x85") == replacement);               // C1 control NEL
  CHECK(html::escape("x\xffy") == "x" + replacement + "y");       // stray byte
  CHECK(html::escape("\xc0\xaf").find('\xc0') == std::string::npos);  // overlong '/'
  CHECK(html::escape("\xed\xa0\x80").find('\xed') == std::string::npos);  // UTF-16 surrogate
  CHECK(html::escape("line\n\ttab\r") == "line\n\ttab\r");
  CHECK(html::escape("§ é 日本") == "§ é 日本");
  CHECK(html::escape("<a href='x'>&\"") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;");
}

TEST_CASE("html::csp_hash is the CSP source expression of the SHA-256 of the text", "[unit]") {
  // The example of the CSP Level 3 specification, section "hash-source".
  CHECK(html::csp_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='");
}

TEST_CASE("citations link each RFC section and appendix to the RFC Editor; other sources stay text", "[unit]") {
  const std::string rfc = "https://www.rfc-editor.org/rfc/rfc";
  const auto a = [&](const std::string& href, const std::string& text) {
    return "<a href=\"" + rfc + href + "\" rel=\"noopener noreferrer\">" + text + "</a>";
  };
  CHECK(html::cite_links("RFC 7617 §2") == a("7617", "RFC 7617") + " " + a("7617#section-2", "§2"));
  CHECK(html::cite_links("RFC 9110 §11.6.1, §15.5.2; RFC 7617 §2") ==
        a("9110", "RFC 9110") + " " + a("9110#section-11.6.1", "§11.6.1") + ", " + a("9110#section-15.5.2", "§15.5.2") +
            "; " + a("7617", "RFC 7617") + " " + a("7617#section-2", "§2"));
  CHECK(html::cite_links("RFC 6749 §4.3.2 (UTF-8), Appendix B") ==
        a("6749", "RFC 6749") + " " + a("6749#section-4.3.2", "§4.3.2") + " (UTF-8), " + a("6749#appendix-B", "Appendix B"));
  CHECK(html::cite_links("RFC 7662 §2.1–§2.3, §4").find(a("7662#section-2.3", "§2.3")) != std::string::npos);
  CHECK(html::cite_links("RFC 7515 §2, §5.2 step 2.").find(a("7515#section-5.2", "§5.2") + " step 2.") != std::string::npos);
  CHECK(html::cite_links("RFC 8037 Appendix A.4 (Ed25519)").find(a("8037#appendix-A.4", "Appendix A.4")) != std::string::npos);
  // Not an RFC's section: text, escaped.
  CHECK(html::cite_links("ASVS 4.0.3 V2.1.4; NIST SP 800-63B §5.1.1.2") == "ASVS 4.0.3 V2.1.4; NIST SP 800-63B §5.1.1.2");
  CHECK(html::cite_links("OWASP Password Storage CS (pre-hashing <bcrypt>)") == "OWASP Password Storage CS (pre-hashing &lt;bcrypt&gt;)");
  CHECK(html::cite_links("RFC §1 and RFCs 7617 § x") == "RFC §1 and RFCs 7617 § x");
}

TEST_CASE("every catalog citation keeps its text when linked, and each that names an RFC links it", "[unit]") {
  const auto text_of = [](const std::string& markup) {
    std::string out;
    bool in_tag = false;
    for (const char c : markup) {
      if (c == '<') in_tag = true;
      if (!in_tag) out.push_back(c);
      if (c == '>') in_tag = false;
    }
    return out;
  };
  for (const auto& check : all_checks()) {
    INFO(check.id << ": " << check.cites);
    const auto linked = html::cite_links(check.cites);
    CHECK(text_of(linked) == html::escape(check.cites));
    if (check.cites.find("RFC ") != std::string::npos) CHECK(linked.find("<a href=\"https://www.rfc-editor.org/rfc/rfc") != std::string::npos);
    // A section sign in a group that names an RFC is a link to that RFC's section.
    std::size_t start = 0;
    while (start < check.cites.size()) {
      const auto end = std::min(check.cites.find(';', start), check.cites.size());
      const auto group = check.cites.substr(start, end - start);
      if (group.find("RFC ") != std::string::npos) {
        CHECK(occurrences(html::cite_links(group), "#section-") == occurrences(group, "§"));
      }
      start = end + 1;
    }
  }
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
