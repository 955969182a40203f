// Request limits (catalog HTTP-06, HTTP-08): too many header fields get 431, a field
// line over cpp-httplib's compiled-in 8 KiB stays 400 (header_limits.hpp says why), a body over
// max_body_bytes gets 413.
#include <string>

#include <catch2/catch.hpp>

#include "reference/server/http/header_limits.hpp"
#include "reference/server/testing/raw_http.hpp"
#include "reference/server/testing/test_server.hpp"

using namespace authprobe::server;
using namespace authprobe::server::testing;

namespace {
std::string get_with_fields(std::size_t count, std::size_t value_bytes) {
  std::string request = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (std::size_t i = 0; i < count; ++i) request += "X-Filler-" + std::to_string(i) + ": " + std::string(value_bytes, 'x') + "\r\n";
  return request + "\r\n";
}
}  // namespace

TEST_CASE("HTTP-06: 1000 header lines get 431 with a JSON body, and the connection closes", "[http]") {
  TestServer ts;
  const auto r = raw_exchange(ts.port(), get_with_fields(1000, 1));
  CHECK(r.status == 431);
  CHECK(r.body.find("request_header_fields_too_large") != std::string::npos);
  CHECK(r.has_field_line("Connection: close"));
}

TEST_CASE("HTTP-06: header fields over 32 KiB in all get 431, just under the limits they are served", "[http]") {
  TestServer ts;
  const std::size_t value = 4000;  // each line under the 8 KiB line limit
  CHECK(raw_exchange(ts.port(), get_with_fields(max_header_bytes / value + 1, value)).status == 431);
  CHECK(raw_exchange(ts.port(), get_with_fields(max_header_fields - 1, 1)).status == 200);
}

TEST_CASE("HTTP-06: one field line over 8 KiB is refused inside cpp-httplib with 400, never served", "[http]") {
  TestServer ts;
  const auto r = raw_exchange(ts.port(), "GET /users/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                                             std::string(16 * 1024, 'a') + "\r\n\r\n");
  CHECK(r.status == 400);
}

TEST_CASE("HTTP-08: a 10 MiB token request gets 413 before its body is read", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const auto r = client.Post("/token", "password=" + std::string(10 * 1024 * 1024, 'a'), "application/x-www-form-urlencoded");
  REQUIRE(r);
  CHECK(r->status == 413);
  CHECK(ts.server().exceptions_caught() == 0);
}
