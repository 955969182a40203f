// The whole suite (`authprobe check`, every check of the catalog) against a target whose every
// path misbehaves: the run ends within the bound the README states, every check ends in a
// verdict (mostly ERROR naming the limit), the JSON and JUnit reports stay valid with the
// target's bytes escaped, and no credential leaves for another origin on a redirect.
#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <iostream>

#include <expat.h>
#include <nlohmann/json.hpp>

#include "conformance/limits.hpp"
#include "conformance/report/report.hpp"
#include "conformance/suite.hpp"
#include "conformance/testing/hostile_run.hpp"
#include "conformance/testing/hostile_target.hpp"

namespace authprobe::conformance {
namespace {

using Clock = std::chrono::steady_clock;
using testing::HostileTarget;
using testing::Hostility;
constexpr long kib_per_mib = 1024;

// The README's bound for a whole run against any target: the stall budget, one request that may
// straddle it, and the checks that then end at once. A hang guard, not a speed claim: it is a
// multiple of what a run takes (sanitizer builds included).
constexpr auto run_bound = limits::run_stall_time + limits::request_time + std::chrono::seconds(60);

bool well_formed_xml(const std::string& text, std::string& error) {
  XML_Parser parser = XML_ParserCreate(nullptr);
  const bool ok = XML_Parse(parser, text.data(), static_cast<int>(text.size()), 1) == XML_STATUS_OK;
  if (!ok) {
    error = std::string(XML_ErrorString(XML_GetErrorCode(parser))) + " at line " +
            std::to_string(XML_GetCurrentLineNumber(parser));
  }
  XML_ParserFree(parser);
  return ok;
}

long peak_rss_mib() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / kib_per_mib;  // Linux reports KiB
}

// Runs the suite against `target`, checks the bound and both reports, and prints the figures.
RunReport run_and_check_reports(const std::string& base_url, std::string_view what) {
  const auto start = Clock::now();
  auto report = testing::run_suite_against(base_url);
  const auto took = Clock::now() - start;
  const auto seconds = std::chrono::duration<double>(took).count();
  const CheckResult* slowest = nullptr;
  std::string passed;
  for (const auto& result : report.results) {
    if (slowest == nullptr || result.elapsed_ms > slowest->elapsed_ms) slowest = &result;
    if (result.finding.verdict == Verdict::pass) passed += " " + result.id;
  }
  std::cout << "hostile run (" << what << "): " << report.results.size() << " checks, wall " << seconds
            << " s, peak RSS " << peak_rss_mib() << " MiB, slowest check "
            << (slowest != nullptr ? slowest->id + " " + std::to_string(slowest->elapsed_ms / 1000) + " s" : std::string("-"))
            << ", PASS:" << (passed.empty() ? " none" : passed) << "\n";
  CHECK(took < run_bound);
  CHECK_FALSE(report.results.empty());

  const auto json_text = render_json(report);
  const auto parsed = nlohmann::json::parse(json_text, nullptr, false);
  REQUIRE_FALSE(parsed.is_discarded());
  CHECK(parsed.is_object());

  const auto junit = render_junit(report);
  std::string xml_error;
  const bool xml_ok = well_formed_xml(junit, xml_error);
  INFO(xml_error);
  CHECK(xml_ok);
  CHECK(junit.find("<script>") == std::string::npos);
  return report;
}

std::size_t count(const RunReport& report, Verdict verdict) {
  return static_cast<std::size_t>(report.summary().at(verdict));
}

}  // namespace

TEST_CASE("a target that never answers: the run ends within the bound, checks end as ERROR", "[hostile]") {
  HostileTarget target(Hostility::silent);
  const auto report = run_and_check_reports(target.base_url(), "never answers");
  // A check that judges an absence may pass on no answer (its own business, not the bound's).
  CHECK(count(report, Verdict::error) > count(report, Verdict::pass) + count(report, Verdict::fail));
}

TEST_CASE("a target that trickles every response: the run ends within the bound", "[hostile]") {
  HostileTarget target(Hostility::trickle);
  const auto report = run_and_check_reports(target.base_url(), "trickles one byte per second");
  CHECK(count(report, Verdict::error) > 0);
}

TEST_CASE("a target whose every answer breaks a byte limit: the run ends, checks are ERROR naming the limit", "[hostile]") {
  for (const auto hostility : {Hostility::giant_header_line, Hostility::many_header_fields, Hostility::endless_body,
                               Hostility::endless_status_line}) {
    HostileTarget target(hostility);
    const auto report = run_and_check_reports(target.base_url(), testing::name_of(hostility));
    // A few checks judge the absence of something (no 5xx, no leak) and pass on no answer.
    CHECK(count(report, Verdict::error) > count(report, Verdict::pass) + count(report, Verdict::fail));
    bool names_limit = false;
    for (const auto& result : report.results) {
      names_limit = names_limit || result.finding.detail.find("limits::") != std::string::npos ||
                    result.finding.actual.find("limits::") != std::string::npos;
    }
    CHECK(names_limit);
  }
}

TEST_CASE("hostile bytes in every header and body stay escaped in the JSON and JUnit reports", "[hostile]") {
  for (const auto hostility : {Hostility::bad_bytes, Hostility::garbage, Hostility::gzip_bomb, Hostility::redirect_loop}) {
    HostileTarget target(hostility);
    (void)run_and_check_reports(target.base_url(), testing::name_of(hostility));
  }
}

// The preflight quotes what the target said in its one-line message: never a raw control byte
// (an escape sequence would reach the user's terminal).
TEST_CASE("the preflight's message about a hostile target holds no control byte", "[hostile]") {
  HostileTarget target(Hostility::bad_bytes);
  auto profile = embedded_reference_profile();
  REQUIRE(profile);
  RunOptions options;
  options.target = std::move(*profile);
  options.base_url = target.base_url();
  const auto refused = run_suite(options);
  REQUIRE_FALSE(refused);
  INFO(refused.error().message);
  CHECK(refused.error().message.rfind("preflight: ", 0) == 0);
  const bool control_free = std::none_of(refused.error().message.begin(), refused.error().message.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F;
  });
  CHECK(control_free);
}

TEST_CASE("a TLS target that stalls the handshake is unreachable, not a hang", "[hostile]") {
  HostileTarget target(Hostility::silent);
  const auto report = run_and_check_reports(target.tls_url(), "stalled TLS handshake");
  CHECK(report.unreachable);
  CHECK(report.unreachable_reason.find("TLS") != std::string::npos);
}

TEST_CASE("no request of a whole run reaches another origin a target redirects to, credentials least of all", "[hostile]") {
  HostileTarget other;
  HostileTarget target(Hostility::redirect_elsewhere);
  target.set_redirect_origin(other.base_url());
  (void)run_and_check_reports(target.base_url(), "redirects to another origin");
  bool with_credentials = false;
  for (const auto& request : target.requests()) with_credentials = with_credentials || request.authorization;
  CHECK(with_credentials);  // the run did send credentials to the target itself
  CHECK(other.requests().empty());
}

}  // namespace authprobe::conformance
