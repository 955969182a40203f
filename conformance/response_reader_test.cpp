// The one response reader under the limits of limits.hpp: framing broken on purpose, sizes past
// every bound, and the chunk sizes that would wrap an unchecked offset.
#include <catch2/catch.hpp>

#include "conformance/response_reader.hpp"

namespace authprobe::conformance {
namespace {

ParsedResponses read(std::string_view bytes, bool closed = false, ResponseLimits limits = {}) {
  return read_responses(bytes, {}, closed, limits);
}

}  // namespace

TEST_CASE("a head longer than max_head_bytes stops the reader, complete or not", "[unit]") {
  ResponseLimits small;
  small.max_head_bytes = 64;
  const std::string head = "HTTP/1.1 200 OK\r\nX-Long: " + std::string(100, 'a') + "\r\n\r\n";
  for (const bool complete : {true, false}) {
    const auto parsed = read(complete ? head : head.substr(0, 90), false, small);
    CHECK(parsed.responses.empty());
    CHECK(parsed.state == ReadState::over_limit);
    CHECK(parsed.problem.find("limits::max_head_bytes") != std::string::npos);
  }
}

TEST_CASE("more header fields than max_header_fields stop the reader", "[unit]") {
  std::string head = "HTTP/1.1 200 OK\r\n";
  for (std::size_t i = 0; i <= limits::max_header_fields; ++i) head += "A:\r\n";
  const auto parsed = read(head + "Content-Length: 0\r\n\r\n");
  CHECK(parsed.state == ReadState::over_limit);
  CHECK(parsed.problem.find("limits::max_header_fields") != std::string::npos);
}

TEST_CASE("a body past max_body_bytes stops the reader whatever its framing", "[unit]") {
  ResponseLimits small;
  small.max_body_bytes = 8;
  const auto announced = read("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n", false, small);
  CHECK(announced.state == ReadState::over_limit);
  CHECK(announced.problem.find("limits::max_body_bytes") != std::string::npos);
  CHECK(read("HTTP/1.1 200 OK\r\n\r\n123456789", false, small).state == ReadState::over_limit);
  CHECK(read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n12345\r\n5\r\n", false, small).state == ReadState::over_limit);
}

TEST_CASE("chunk sizes that are not hex or would wrap an offset are malformed or over the limit", "[unit]") {
  const std::string chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
  CHECK(read(chunked + "zz\r\nabc\r\n0\r\n\r\n").state == ReadState::malformed);
  CHECK(read(chunked + "-1\r\nabc\r\n").state == ReadState::malformed);
  CHECK(read(chunked + "fffffffffffffffff\r\nabc\r\n").state == ReadState::malformed);  // 2^68: no size_t
  CHECK(read(chunked + "fffffffffffffffe\r\nabc\r\n").state == ReadState::over_limit);
  CHECK(read(chunked + "3\r\nabcXX0\r\n\r\n").state == ReadState::malformed);  // data not followed by CRLF
  const auto ok = read(chunked + "3;ext=1\r\nabc\r\n0\r\nTrailer: x\r\n\r\n");
  REQUIRE(ok.responses.size() == 1);
  CHECK(ok.responses[0].body == "abc");
  CHECK(ok.state == ReadState::complete);
}

TEST_CASE("bytes that are not HTTP are told apart from a slow target", "[unit]") {
  CHECK(read("garbage\r\n").state == ReadState::malformed);
  CHECK(read("HTTP/1.1 2x0 OK\r\n\r\n").state == ReadState::malformed);
  CHECK(read("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n").state == ReadState::malformed);
  CHECK(read("HTTP/1.1 200 O").state == ReadState::incomplete);
  CHECK(read("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab").state == ReadState::incomplete);
}

TEST_CASE("a Content-Length that lies is read as the bytes came", "[unit]") {
  const auto shorter = read("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{\"a\":1}");
  REQUIRE_FALSE(shorter.responses.empty());
  CHECK(shorter.responses[0].body == "{\"");
  const auto longer = read("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"a\"", true);
  REQUIRE(longer.responses.size() == 1);
  CHECK(longer.responses[0].body == "{\"a\"");
}

TEST_CASE("NUL and invalid UTF-8 in header fields are kept as bytes, not a crash", "[unit]") {
  const std::string value = std::string("Bearer realm=\"\xff\xfe", 16) + std::string(1, '\0') + "\"";
  const auto parsed = read("HTTP/1.1 401 X\r\nWWW-Authenticate: " + value + "\r\nContent-Length: 0\r\n\r\n");
  REQUIRE(parsed.responses.size() == 1);
  CHECK(parsed.responses[0].headers.front().second == value);
}

}  // namespace authprobe::conformance
