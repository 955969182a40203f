// The reproduction a finding shows: the curl line only when curl sends exactly the recorded
// bytes, and the exchange that decided the verdict first.
#include <catch2/catch.hpp>

#include "conformance/checks/support.hpp"
#include "conformance/curl_line.hpp"

namespace authprobe::conformance {
namespace {

RequestRecord record_of(std::string wire, bool raw = false) {
  RequestRecord record;
  record.wire_bytes = wire.size();
  record.wire = std::move(wire);
  record.raw = raw;
  return record;
}

constexpr std::string_view origin = "http://127.0.0.1:8080";

}  // namespace

TEST_CASE("a plain GET gets a curl line that switches off curl's own Accept", "[unit]") {
  const auto line = curl_line(record_of("GET /api/todos HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: authprobe/1\r\n"
                                        "Authorization: Bearer abc\r\nConnection: close\r\n\r\n"),
                              origin, {});
  CHECK(line == "curl -i -sS --http1.1 --path-as-is 'http://127.0.0.1:8080/api/todos' -H 'Accept:' "
                "-H 'Host: 127.0.0.1:8080' -H 'User-Agent: authprobe/1' -H 'Authorization: Bearer abc' -H 'Connection: close'");
}

TEST_CASE("a body without Content-Type is sent from stdin with curl's default type switched off", "[unit]") {
  const auto line = curl_line(record_of("POST /token HTTP/1.1\r\nHost: h\r\nContent-Length: 15\r\n\r\ngrant_type=x&y%"), origin, {});
  CHECK(line.starts_with("printf 'grant_type=x&y%%' | curl "));
  CHECK(line.find(" -X POST ") != std::string::npos);
  CHECK(line.find(" -H 'Content-Type:'") != std::string::npos);
  CHECK(line.find(" -H 'Expect:'") != std::string::npos);
  CHECK(line.ends_with(" --data-binary @-"));
  // Given with -H, curl writes Content-Length where the request had it instead of its own.
  CHECK(line.find(" -H 'Host: h' -H 'Content-Length: 15' --data-binary") != std::string::npos);
}

TEST_CASE("requests curl cannot send exactly get no curl line", "[unit]") {
  const std::string head = "GET / HTTP/1.1\r\nHost: h\r\n";
  CHECK(curl_line(record_of(head + "Authorization: Bearer a\r\nauthorization: Bearer b\r\n\r\n"), origin, {}).empty());
  CHECK(curl_line(record_of(head + "X-A: one\r\n two\r\n\r\n"), origin, {}).empty());          // obs-fold
  CHECK(curl_line(record_of(head + "Authorization : Basic x\r\n\r\n"), origin, {}).empty());   // space before colon
  CHECK(curl_line(record_of(head + "X-A: a\x01z\r\n\r\n"), origin, {}).empty());              // control octet
  CHECK(curl_line(record_of("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 9\r\n\r\nabc"), origin, {}).empty());  // framing
  CHECK(curl_line(record_of("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"), origin, {}).empty());
  CHECK(curl_line(record_of(head + "\r\n", true), origin, {}).empty());                       // sent raw on purpose
  auto cut = record_of(head + "\r\n");
  cut.wire_bytes = cut.wire.size() + 1;  // the report kept only the start
  CHECK(curl_line(cut, origin, {}).empty());
}

TEST_CASE("the replay line names the report and the check", "[unit]") {
  CHECK(replay_line("HTTP-02", "out.json") == "authprobe replay out.json HTTP-02");
}

TEST_CASE("the exchange of the part that decided the verdict is shown first and marked decisive", "[unit]") {
  support::Judged j("never a token");
  Exchange passed;
  passed.request.method = "GET";
  Exchange failed;
  failed.request.method = "POST";
  Exchange compared;
  compared.request.method = "PUT";
  j.part(Verdict::pass, "GET refused");
  j.evidence(passed);
  j.part(Verdict::fail, "POST issued a token");
  j.evidence(failed);
  j.evidence(compared);  // belongs to the failing part too, but is not the first
  const auto finding = j.finish();
  REQUIRE(finding.evidence.size() == 3);
  CHECK(finding.evidence.front().request.method == "POST");
  CHECK(finding.evidence.front().decisive);
  CHECK_FALSE(finding.evidence[1].decisive);
  REQUIRE(deciding_exchange(finding) != nullptr);
  CHECK(deciding_exchange(finding)->request.method == "POST");
}

TEST_CASE("a passing finding marks no exchange decisive", "[unit]") {
  support::Judged j("401");
  Exchange only;
  j.part(Verdict::pass, "refused");
  j.evidence(only);
  const auto finding = j.finish();
  REQUIRE(finding.evidence.size() == 1);
  CHECK_FALSE(finding.evidence.front().decisive);
}

}  // namespace authprobe::conformance
