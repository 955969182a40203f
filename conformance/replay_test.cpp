// What a JSON report must carry for `authprobe replay` to re-send the request that decided a
// finding exactly: a request too long for wire_base64 travels compressed, the requests that
// shared its connection travel with it, and a state-dependent answer says so. (Replaying them
// against live targets: testing/replay_audit.hpp, which every mutant and mock-target test runs.)
#include <catch2/catch.hpp>

#include <string>

#include <sodium.h>

#include "conformance/replay.hpp"
#include "conformance/report/report.hpp"
#include "conformance/state_dependence.hpp"
#include "conformance/wire_deflate.hpp"

namespace authprobe::conformance {
namespace {

constexpr std::size_t two_mib = 2U * 1024U * 1024U;

RunReport report_with(Exchange exchange) {
  exchange.decisive = true;
  Finding finding;
  finding.verdict = Verdict::fail;
  finding.evidence.push_back(std::move(exchange));
  RunReport report;
  report.target = "http://127.0.0.1:9";
  report.results.push_back(CheckResult{"HTTP-13", Level::must, "RFC 9110", Mode::black_box, "summary", std::move(finding), 0.0});
  return report;
}

Exchange sent(const std::string& wire) {
  Exchange exchange;
  exchange.request.method = "POST";
  exchange.request.wire_bytes = wire.size();
  exchange.request.wire = wire.substr(0, wire_limit);
  if (wire.size() > wire_limit) exchange.request.wire_deflated = deflate_wire(wire, wire_limit).value_or("");
  ResponseRecord response;
  response.status = 413;
  exchange.response = response;
  return exchange;
}

std::string form_post(const std::string& body) {
  return "POST /token HTTP/1.1\r\nHost: 127.0.0.1:9\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

}  // namespace

TEST_CASE("a 2 MiB request is carried compressed in the report and comes back whole for replay", "[unit]") {
  const std::string wire = form_post("password=" + std::string(two_mib, 'a'));
  const auto exchange = sent(wire);
  REQUIRE_FALSE(exchange.request.wire_deflated.empty());
  CHECK(exchange.request.wire_deflated.size() < wire_limit);
  const auto reproduction = reproduction_of(to_json(report_with(exchange)), "HTTP-13");
  REQUIRE(reproduction);
  CHECK(reproduction->complete);
  CHECK(reproduction->wire == wire);
}

TEST_CASE("a long request that does not compress stays incomplete, and a corrupt one is named", "[unit]") {
  std::string noise(2 * wire_limit, '\0');  // random bytes: nothing for zlib to shrink
  randombytes_buf(noise.data(), noise.size());
  const auto exchange = sent(form_post(noise));
  CHECK(exchange.request.wire_deflated.empty());
  const auto reproduction = reproduction_of(to_json(report_with(exchange)), "HTTP-13");
  REQUIRE(reproduction);
  CHECK_FALSE(reproduction->complete);

  auto json = to_json(report_with(sent(form_post(std::string(two_mib, 'a')))));
  json["results"][0]["evidence"][0]["request"]["wire_bytes"] = two_mib / 2;
  const auto corrupt = reproduction_of(json, "HTTP-13");
  REQUIRE_FALSE(corrupt);
  CHECK(corrupt.error().find("does not expand to its recorded size") != std::string::npos);
}

TEST_CASE("a request answered on a shared connection carries the requests sent before it", "[unit]") {
  auto exchange = sent("GET /read HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
  exchange.request.sent_before = {"GET /read HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer t\r\nConnection: keep-alive\r\n\r\n"};
  exchange.request.pipelined = false;
  const auto reproduction = reproduction_of(to_json(report_with(exchange)), "HTTP-13");
  REQUIRE(reproduction);
  CHECK(reproduction->sent_before == exchange.request.sent_before);
  CHECK_FALSE(reproduction->pipelined);
}

TEST_CASE("a refresh grant that issued tokens is marked state-dependent, and its reproduction line says so", "[unit]") {
  auto refreshed = sent(form_post("grant_type=refresh_token&refresh_token=r1"));
  refreshed.response->status = 200;
  refreshed.response->body_excerpt = R"({"access_token":"a","token_type":"Bearer","refresh_token":"r2"})";
  REQUIRE(spent_by_request(refreshed));

  auto refused = refreshed;
  refused.response->status = 400;
  refused.response->body_excerpt = R"({"error":"invalid_grant"})";
  CHECK_FALSE(spent_by_request(refused));
  auto password = sent(form_post("grant_type=password&username=alice&password=x"));
  password.response = refreshed.response;
  CHECK_FALSE(spent_by_request(password));

  auto report = report_with(refreshed);
  mark_spent_credentials(report.results.front().finding);
  const std::string why = *spent_by_request(refreshed);
  CHECK(reproduction_command(report.results.front()).ends_with("  # state-dependent: " + why));
  const auto reproduction = reproduction_of(to_json(report), "HTTP-13");
  REQUIRE(reproduction);
  CHECK(reproduction->state_dependence == why);
}

}  // namespace authprobe::conformance
