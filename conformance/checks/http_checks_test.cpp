// Every HTTP check against the mock resource server: PASS when it behaves, the catalog's verdict
// with one named flaw switched on (HTTP-09 is in checks_test.cpp; HTTP-04 also against a RawTarget).
#include "conformance/testing/mock_target/catch_verdict.hpp"
#include "conformance/http_constants.hpp"
#include "conformance/testing/raw_target.hpp"

#include <memory>
#include <mutex>
#include <set>

using authprobe::conformance::Judgement;
using authprobe::conformance::Verdict;
using authprobe::conformance::mock_target::after;
using authprobe::conformance::mock_target::Flaws;
using authprobe::conformance::mock_target::judged;
using authprobe::conformance::mock_target::RunOptions;
using authprobe::conformance::mock_target::verdict;
using authprobe::conformance::mock_target::with;

TEST_CASE("HTTP-01 fails when the first of two different Authorization lines is used", "[http][mutant]") {
  CHECK(verdict("HTTP-01") == Verdict::pass);
  CHECK(verdict("HTTP-01", with(&Flaws::first_authorization_wins)) == Verdict::fail);
}

// V10: identical values make no parser differential, so "processed once" is WARN in strict too.
TEST_CASE("HTTP-02 warns in strict and lenient when a repeated line is processed once", "[http][mutant]") {
  CHECK(verdict("HTTP-02") == Verdict::pass);
  CHECK(verdict("HTTP-02", with(&Flaws::first_authorization_wins)) == Verdict::warn);
  CHECK(verdict("HTTP-02", with(&Flaws::first_authorization_wins), judged(Judgement::lenient)) == Verdict::warn);
}

TEST_CASE("HTTP-03 fails when a space before the colon is trimmed away", "[http][mutant]") {
  CHECK(verdict("HTTP-03") == Verdict::pass);
  CHECK(verdict("HTTP-03", with(&Flaws::trim_header_names)) == Verdict::fail);
}

TEST_CASE("HTTP-04 passes when httplib refuses the obs-fold", "[http]") {
  CHECK(verdict("HTTP-04") == Verdict::pass);
}

TEST_CASE("HTTP-05 fails when the Authorization value is read up to a NUL", "[http][mutant]") {
  CHECK(verdict("HTTP-05") == Verdict::pass);
  CHECK(verdict("HTTP-05", with(&Flaws::authorization_c_string)) == Verdict::fail);
}

TEST_CASE("HTTP-06 fails when 1000 header lines crash the server", "[http][mutant]") {
  CHECK(verdict("HTTP-06") == Verdict::pass);
  CHECK(verdict("HTTP-06", with(&Flaws::header_table_overflow)) == Verdict::fail);
}

TEST_CASE("HTTP-07 passes when ambiguous framing is refused and the connection closed", "[http]") {
  CHECK(verdict("HTTP-07") == Verdict::pass);
}

TEST_CASE("HTTP-08 passes when a 10 MiB body is refused with 413", "[http]") {
  CHECK(verdict("HTTP-08") == Verdict::pass);
}

TEST_CASE("HTTP-10 warns when authenticated responses are publicly cacheable", "[http][mutant]") {
  const auto before = after({"BEARER-02", "BEARER-03"});
  CHECK(verdict("HTTP-10", {}, before) == Verdict::pass);
  CHECK(verdict("HTTP-10", with(&Flaws::public_cache), before) == Verdict::warn);
}

TEST_CASE("HTTP-11 fails when the preflight demands authentication or any origin is reflected", "[http][mutant]") {
  CHECK(verdict("HTTP-11") == Verdict::pass);
  CHECK(verdict("HTTP-11", with(&Flaws::cors_preflight_needs_auth)) == Verdict::fail);
  CHECK(verdict("HTTP-11", with(&Flaws::cors_reflect_any_origin)) == Verdict::fail);
}

TEST_CASE("HTTP-12 fails when an arbitrary origin is reflected with credentials", "[http][mutant]") {
  CHECK(verdict("HTTP-12") == Verdict::pass);
  CHECK(verdict("HTTP-12", with(&Flaws::cors_reflect_any_origin)) == Verdict::fail);
}

TEST_CASE("HTTP-13 fails when error bodies carry a traceback", "[http][mutant]") {
  const auto before = after({"BEARER-03"});
  CHECK(verdict("HTTP-13", {}, before) == Verdict::pass);
  CHECK(verdict("HTTP-13", with(&Flaws::stack_trace_errors), before) == Verdict::fail);
}

TEST_CASE("HTTP-14 passes when httplib does not answer the pipelined second request", "[http]") {
  CHECK(verdict("HTTP-14") == Verdict::pass);
}

TEST_CASE("HTTP-15 warns when an incomplete body is waited for past the client's patience", "[http][mutant][.slow]") {
  RunOptions slow;
  slow.slow = true;
  CHECK(verdict("HTTP-15", {}, slow) == Verdict::pass);
  CHECK(verdict("HTTP-15", with(&Flaws::no_read_timeout), slow) == Verdict::warn);
}

TEST_CASE("HTTP-16 fails when a text/plain token request is parsed as a form", "[http][mutant]") {
  CHECK(verdict("HTTP-16") == Verdict::pass);
  CHECK(verdict("HTTP-16", with(&Flaws::any_content_type)) == Verdict::fail);
}

namespace {

constexpr std::string_view raw_token = "raw-token-0123456789";

// httplib refuses an obs-fold itself, so the flaw lives in a naive parser that drops
// continuation lines: "Authorization: Bearer" CRLF SP T leaves the token empty.
authprobe::conformance::TargetProfile raw_profile(const std::string& base_url) {
  authprobe::conformance::TargetProfile p;
  p.name = "raw";
  p.base_url = base_url;
  p.endpoints.token = authprobe::conformance::Endpoint{"POST", "/token", {}, {}};
  p.endpoints.bearer_read = authprobe::conformance::Endpoint{"GET", "/api/user", {}, {}};
  p.users["alice"] = authprobe::conformance::TestUser{"alice", "alice-pw", {"user"}, {"read"}, false};
  p.token.type = authprobe::conformance::TokenType::opaque;
  return p;
}

// A naive server: Content-Length framing only, pipelining, no fold handling. `sticky`: a
// connection that once carried the valid token stays authenticated (HTTP-14's flaw);
// `body_token`: "access_token=T" as the body of any request authenticates (BEARER-14's flaw;
// httplib reads no body on GET, so the mock cannot show it).
authprobe::conformance::testing::RawTarget::Handler naive_server(bool sticky = false, bool body_token = false) {
  using authprobe::conformance::testing::raw_response;
  auto remembered = std::make_shared<std::pair<std::mutex, std::set<std::size_t>>>();
  return [sticky, body_token, remembered](const authprobe::conformance::testing::RawRequest& r) {
    if (r.method == "POST" && r.target == "/token") {
      if (r.body.find("grant_type=password") == std::string::npos) return raw_response(400, {"Content-Type: application/json"}, R"({"error":"invalid_request"})");
      return raw_response(200, {"Content-Type: application/json", "Cache-Control: no-store"},
                          R"({"access_token":")" + std::string(raw_token) + R"(","token_type":"Bearer","expires_in":600})");
    }
    if (r.target == "/api/user") {
      const std::lock_guard lock(remembered->first);
      const bool valid = r.header("Authorization") == "Bearer " + std::string(raw_token) ||
                         (body_token && r.body == "access_token=" + std::string(raw_token));
      if (valid && sticky) remembered->second.insert(r.connection);
      if (valid || (sticky && remembered->second.count(r.connection) > 0)) return raw_response(200, {"Cache-Control: no-store"}, "{}");
      return raw_response(401, {"WWW-Authenticate: Bearer realm=\"raw\"", "Cache-Control: no-store"}, "");
    }
    return raw_response(404, {}, "");
  };
}

Verdict raw_verdict(const std::string& id, bool sticky = false, bool body_token = false) {
  authprobe::conformance::testing::RawTarget target(naive_server(sticky, body_token));
  const auto finding = authprobe::conformance::mock_target::run_check_on(id, raw_profile(target.base_url()));
  UNSCOPED_INFO(id << ": " << finding.actual << "\n" << finding.detail);
  return finding.verdict;
}

}  // namespace

TEST_CASE("HTTP-04 fails when an obs-folded token is read as empty", "[http][mutant]") {
  CHECK(raw_verdict("HTTP-04") == Verdict::fail);
}

TEST_CASE("HTTP-07 fails when CL+TE is framed by Content-Length and the smuggled request answered", "[http][mutant]") {
  CHECK(raw_verdict("HTTP-07") == Verdict::fail);
}

TEST_CASE("HTTP-08 warns when a 10 MiB body is read in full", "[http][mutant]") {
  CHECK(raw_verdict("HTTP-08") == Verdict::warn);
}

TEST_CASE("HTTP-14 passes on a pipelining server and fails when the connection remembers the token", "[http][mutant]") {
  CHECK(raw_verdict("HTTP-14") == Verdict::pass);
  CHECK(raw_verdict("HTTP-14", true) == Verdict::fail);
}

TEST_CASE("BEARER-14 fails when a token in a GET body authenticates", "[http][mutant]") {
  CHECK(raw_verdict("BEARER-14") == Verdict::pass);
  CHECK(raw_verdict("BEARER-14", false, true) == Verdict::fail);
}

namespace {

namespace status = authprobe::conformance::http::status;

constexpr std::string_view raw_basic_password = "alice-pw";

// What a Basic-only server does with NUL, CR or LF in the Authorization value (RFC 9110 §5.5).
enum class ControlOctets { refused, cut_at_nul, forbidden, replaced_by_space, dropped };

authprobe::conformance::TargetProfile raw_basic_profile(const std::string& base_url) {
  authprobe::conformance::TargetProfile p;
  p.name = "raw-basic";
  p.base_url = base_url;
  p.endpoints.basic_user = authprobe::conformance::Endpoint{"GET", "/basic", {}, {}};
  p.flows.basic = true;
  p.flows.password_grant = false;
  p.users["alice"] = authprobe::conformance::TestUser{"alice", std::string(raw_basic_password), {"user"}, {}, false};
  return p;
}

// A Basic-only server on the naive parser (httplib would refuse these octets before any handler).
authprobe::conformance::testing::RawTarget::Handler basic_server(ControlOctets mode) {
  using authprobe::conformance::testing::raw_response;
  return [mode](const authprobe::conformance::testing::RawRequest& r) {
    if (r.target != "/basic") return raw_response(status::not_found, {}, "");
    auto value = r.header("Authorization").value_or("");
    const bool control = value.find_first_of(std::string_view("\0\r\n", 3)) != std::string::npos;
    if (control && mode == ControlOctets::refused) return raw_response(status::bad_request, {}, "");
    if (control && mode == ControlOctets::forbidden) return raw_response(status::forbidden, {}, "");
    if (mode == ControlOctets::cut_at_nul) value = value.substr(0, value.find('\0'));
    for (auto& c : value) {
      if (mode == ControlOctets::replaced_by_space && (c == '\0' || c == '\r' || c == '\n')) c = ' ';
    }
    if (mode == ControlOctets::dropped) std::erase_if(value, [](char c) { return c == '\0' || c == '\r' || c == '\n'; });
    if (value == "Basic " + authprobe::conformance::base64("alice:" + std::string(raw_basic_password))) return raw_response(status::ok, {}, "{}");
    return raw_response(status::unauthorized, {"WWW-Authenticate: Basic realm=\"raw\""}, "");
  };
}

Verdict raw_basic_verdict(const std::string& id, ControlOctets mode) {
  authprobe::conformance::testing::RawTarget target(basic_server(mode));
  const auto finding = authprobe::conformance::mock_target::run_check_on(id, raw_basic_profile(target.base_url()));
  UNSCOPED_INFO(id << ": " << finding.actual << "\n" << finding.detail);
  return finding.verdict;
}

}  // namespace

// V10: on a Basic-only target the control octets ride on Basic credentials; V3: a MUST entry's
// miss (403 instead of 400) FAILs.
TEST_CASE("HTTP-05 on a Basic-only target fails when a NUL cuts the value or the octets get 403", "[http][mutant]") {
  CHECK(raw_basic_verdict("HTTP-05", ControlOctets::refused) == Verdict::pass);
  CHECK(raw_basic_verdict("HTTP-05", ControlOctets::cut_at_nul) == Verdict::fail);
  CHECK(raw_basic_verdict("HTTP-05", ControlOctets::forbidden) == Verdict::fail);
  // RFC 9110 §5.5's other choice: each octet replaced by SP, judged like the same line with SP.
  CHECK(raw_basic_verdict("HTTP-05", ControlOctets::replaced_by_space) == Verdict::pass);
  // Dropping the octet inside the credentials logs alice in where the SP control is refused.
  CHECK(raw_basic_verdict("HTTP-05", ControlOctets::dropped) == Verdict::fail);
}

// V3: HTTP-04 is a MUST, so a refusal that is neither 400 nor the unfolded token's answer FAILs
// (here 403 for the token read as empty), where it used to be WARN.
TEST_CASE("HTTP-04 fails when an obs-folded token is read as empty and refused with 403", "[http][mutant]") {
  using authprobe::conformance::testing::raw_response;
  const auto naive = naive_server();
  authprobe::conformance::testing::RawTarget target([naive](const authprobe::conformance::testing::RawRequest& r) {
    if (r.target == "/api/user" && r.header("Authorization") == "Bearer") return raw_response(status::forbidden, {}, R"({"detail":"Forbidden"})");
    return naive(r);
  });
  const auto finding = authprobe::conformance::mock_target::run_check_on("HTTP-04", raw_profile(target.base_url()));
  INFO(finding.actual << "\n" << finding.detail);
  CHECK(finding.verdict == Verdict::fail);
  CHECK(finding.actual.find("403") != std::string::npos);
}

// RFC 6585 §5: the catalog's 16 KiB, 64 KiB and 1 MiB values are the oversized ones; a server that
// reads a 16 KiB Authorization as an ordinary wrong credential (401, as Python's http.server does up
// to its 64 KiB line limit) misses the SHOULD, unless the profile documents a limit above it.
TEST_CASE("HTTP-06 warns when a 16 KiB Authorization is processed, unless under the documented limit", "[http][mutant]") {
  using authprobe::conformance::testing::raw_response;
  constexpr std::size_t line_limit = 32 * 1024;
  constexpr std::size_t field_limit = 100;
  authprobe::conformance::testing::RawTarget target([](const authprobe::conformance::testing::RawRequest& r) {
    const auto value = r.header("Authorization").value_or("");
    if (value.size() > line_limit || r.headers.size() > field_limit) {
      return raw_response(status::request_header_fields_too_large, {}, "");
    }
    if (value == "Basic " + authprobe::conformance::base64("alice:" + std::string(raw_basic_password))) {
      return raw_response(status::ok, {}, "{}");
    }
    return raw_response(status::unauthorized, {"WWW-Authenticate: Basic realm=\"raw\""}, "");
  });
  auto profile = raw_basic_profile(target.base_url());
  const auto undocumented = authprobe::conformance::mock_target::run_check_on("HTTP-06", profile);
  INFO(undocumented.actual);
  CHECK(undocumented.verdict == Verdict::warn);
  profile.flows.max_header_bytes = line_limit;
  const auto documented = authprobe::conformance::mock_target::run_check_on("HTTP-06", profile);
  INFO(documented.actual);
  CHECK(documented.verdict == Verdict::pass);
}
