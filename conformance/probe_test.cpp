#include <catch2/catch.hpp>

#include "conformance/probe.hpp"
#include "conformance/raw_sender.hpp"
#include "conformance/testing/canned_server.hpp"

namespace authprobe::conformance {

TEST_CASE("form encoding follows application/x-www-form-urlencoded", "[unit]") {
  CHECK(form_urlencode("pä:ss wörd") == "p%C3%A4%3Ass+w%C3%B6rd");
  CHECK(form_encode({{"a", "1"}, {"a", "2&"}}) == "a=1&a=2%26");
  CHECK(base64("alice:pw") == "YWxpY2U6cHc=");
}

TEST_CASE("builders compose and duplicate headers switch to the raw sender", "[unit]") {
  const auto r = req::get("/x").with_bearer("T").with_query({{"q", "1 2"}});
  CHECK(r.target == "/x?q=1+2");
  CHECK(r.headers.front().second == "Bearer T");
  CHECK_FALSE(r.needs_raw());
  CHECK(r.with_bearer("U").needs_raw());
  CHECK(r.with_raw_line("Authorization : x").needs_raw());
}

TEST_CASE("raw responses are parsed with Content-Length, chunked and close framing", "[unit]") {
  const std::string two = "HTTP/1.1 401 Unauthorized\r\nContent-Length: 2\r\nWWW-Authenticate: Basic realm=\"a\"\r\n\r\nnoHTTP/1.1 200 OK\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
  const auto parsed = parse_raw_responses(two, {}, true);
  REQUIRE(parsed.size() == 2);
  CHECK(parsed[0].status == 401);
  CHECK(parsed[0].body == "no");
  CHECK(parsed[1].body == "abc");
  const auto closed = parse_raw_responses("HTTP/1.1 400 Bad Request\r\n\r\nbye", {}, true);
  REQUIRE(closed.size() == 1);
  CHECK(closed[0].body == "bye");
}

TEST_CASE("the probe sends through httplib and raw sockets to a live server", "[http]") {
  testing::CannedServer server([](httplib::Server& s) {
    s.Get("/echo", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content(std::to_string(req.get_header_value_count("Authorization")), "text/plain");
    });
  });
  ProbeSettings settings;
  settings.base_url = server.base_url();
  Probe probe(settings);
  std::vector<Exchange> seen;
  probe.set_observer([&](const Exchange& e) { seen.push_back(e); });
  auto one = probe.send(req::get("/echo").with_bearer("A"));
  REQUIRE(one);
  CHECK(one->body == "1");
  auto two = probe.send(req::get("/echo").with_bearer("A").with_bearer("B"));
  REQUIRE(two);
  CHECK(two->body == "2");
  CHECK(two->exchange.request.raw);
  // curl cannot send a field twice: no curl line, the exact bytes for `authprobe replay` instead.
  CHECK(two->exchange.curl.empty());
  CHECK(two->exchange.request.wire.find("Authorization: Bearer A\r\nAuthorization: Bearer B\r\n") != std::string::npos);
  CHECK(seen.size() == 2);
}

}  // namespace authprobe::conformance
