// HTTP-01/02/03 on a Basic-only target (checks.md V10): the malformed Authorization lines carry
// Basic credentials, and each flaw below is one way an HTTP layer mishandles them.
#include <catch2/catch.hpp>

#include "conformance/http_constants.hpp"
#include "conformance/mutants/basic_only.hpp"
#include "conformance/mutants/expect_verdict.hpp"
#include "tools/commands/embedded_reference.hpp"

namespace authprobe::conformance::mutants {
namespace {


// httplib's Headers compare names case-insensitively.
std::size_t authorization_lines(const ProxyRequest& request) { return request.headers.count(std::string(header::authorization)); }

// Of repeated Authorization lines the first is used (httplib's get_header_value, most frameworks).
Flaw first_authorization_wins(const TargetProfile&) {
  return {"first Authorization line wins", [](ProxyRequest request, const Upstream& upstream) {
            if (const auto first = request.header(header::authorization)) request.set_header(header::authorization, *first);
            return upstream(request);
          }};
}

// Repeated Authorization lines are treated as no credentials: 401, never 400.
Flaw repeated_authorization_ignored(const TargetProfile&) {
  return {"repeated Authorization lines ignored", [](ProxyRequest request, const Upstream& upstream) {
            if (authorization_lines(request) > 1) request.remove_header(header::authorization);
            return upstream(request);
          }};
}

// httplib keeps the space of "Authorization : x" in the field name; these flaws are what a server
// then does with it: trim the name (and log in), or ignore the unknown field (401).
std::optional<std::string> spaced_authorization(const ProxyRequest& request) {
  for (const auto& [name, value] : request.headers) {
    if (name.size() > header::authorization.size() && name.starts_with(header::authorization) &&
        name.find_first_not_of(" \t", header::authorization.size()) == std::string::npos) {
      return name;
    }
  }
  return std::nullopt;
}

Flaw spaced_field_name_trimmed(const TargetProfile&) {
  return {"whitespace before the colon trimmed", [](ProxyRequest request, const Upstream& upstream) {
            if (const auto name = spaced_authorization(request)) {
              auto value = request.header(*name).value_or("");
              request.remove_header(*name);
              request.set_header(header::authorization, std::move(value));
            }
            return upstream(request);
          }};
}

Flaw spaced_field_name_ignored(const TargetProfile&) {
  return {"a field name with whitespace before the colon ignored", [](ProxyRequest request, const Upstream& upstream) {
            if (const auto name = spaced_authorization(request)) request.remove_header(*name);
            return upstream(request);
          }};
}

Flaw no_flaw(const TargetProfile&) { return testing::no_flaw(); }

Finding on_basic_only(const FlawFactory& flaw, const std::string& id, Judgement judgement = Judgement::strict) {
  auto verdicts = run_through(flaw, selecting({id}, {judgement}, basic_only));
  return verdicts[judgement][id];
}

}  // namespace

// The reference itself, no proxy: the proxy's httplib client writes header values with "%s", so
// it would cut HTTP-05's NUL on its own (HTTP-05's flaws are in http_checks_test.cpp, on a raw
// server).
TEST_CASE("HTTP-01/02/03/05 pass on a Basic-only target with Basic credentials", "[http][mutant]") {
  auto target = tools::start_reference_target(config::CompatMode::strict);
  REQUIRE(target);
  RunOptions options;
  options.target = target->profile;
  basic_only(options.target);
  options.selection = {"HTTP-01", "HTTP-02", "HTTP-03", "HTTP-05"};
  const auto report = run_suite(options);
  target->server->stop();
  REQUIRE(report);
  REQUIRE(report->results.size() == options.selection.size());
  for (const auto& result : report->results) {
    INFO(result.id << " " << describe(result.finding));
    CHECK(result.finding.verdict == Verdict::pass);
    CHECK(result.finding.actual.find("Basic: ") != std::string::npos);
  }
}

TEST_CASE("HTTP-01/02/03 pass through the proxy on a Basic-only target", "[http][mutant]") {
  const std::vector<std::string> ids{"HTTP-01", "HTTP-02", "HTTP-03"};
  auto verdicts = run_through(no_flaw, selecting(ids, {Judgement::strict}, basic_only));
  for (const auto& id : ids) {
    const auto& f = verdicts[Judgement::strict][id];
    INFO(id << " " << describe(f));
    CHECK(f.verdict == Verdict::pass);
  }
}

TEST_CASE("HTTP-01 fails on a Basic-only target when the first Authorization line wins", "[http][mutant]") {
  const auto f = on_basic_only(first_authorization_wins, "HTTP-01");
  check_verdict(Verdict::fail, f);
}

TEST_CASE("HTTP-02 warns in strict and lenient when identical lines are processed once (V10)", "[http][mutant]") {
  for (const auto judgement : {Judgement::strict, Judgement::lenient}) {
    const auto f = on_basic_only(first_authorization_wins, "HTTP-02", judgement);
    INFO(to_string(judgement) << " " << describe(f));
    CHECK(f.verdict == Verdict::warn);
  }
}

TEST_CASE("HTTP-01 and HTTP-02 warn when repeated lines are refused with 401 instead of 400 (V10)", "[http][mutant]") {
  auto verdicts = run_through(repeated_authorization_ignored, selecting({"HTTP-01", "HTTP-02"}, {Judgement::strict}, basic_only));
  for (const std::string id : {"HTTP-01", "HTTP-02"}) {
    const auto& f = verdicts[Judgement::strict][id];
    INFO(id << " " << describe(f));
    CHECK(f.verdict == Verdict::warn);
  }
}

TEST_CASE("HTTP-03 fails on a Basic-only target when the spaced name is trimmed and logs in", "[http][mutant]") {
  const auto f = on_basic_only(spaced_field_name_trimmed, "HTTP-03");
  check_verdict(Verdict::fail, f);
}

TEST_CASE("HTTP-03 fails when the spaced field is ignored and answered 401 (a MUST, V10)", "[http][mutant]") {
  const auto basic = on_basic_only(spaced_field_name_ignored, "HTTP-03");
  check_verdict(Verdict::fail, basic);
  const auto bearer = expect_verdict(Verdict::fail, spaced_field_name_ignored, "HTTP-03");
  CHECK(bearer.actual.find("Bearer: ") != std::string::npos);
}

}  // namespace authprobe::conformance::mutants
