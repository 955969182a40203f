// HTTP-13 (checks.md V10): every error response of the run is read, the framework's own pages
// included; a product and version in a body FAILs, in a header is INFO.
#include <catch2/catch.hpp>

#include "conformance/http_constants.hpp"
#include "conformance/mutants/expect_verdict.hpp"

namespace authprobe::conformance::mutants {
namespace {


constexpr std::string_view nginx_banner = "nginx/1.22.1";
// nginx's built-in 404 page, as Debian 12's nginx 1.22.1 serves it.
constexpr std::string_view nginx_404_page =
    "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n"
    "<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n";
// express's default error handler in development: body-parser's error with its stack.
constexpr std::string_view express_413_page =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n"
    "<pre>PayloadTooLargeError: request entity too large<br> &nbsp; &nbsp;at readStream "
    "(/app/node_modules/raw-body/index.js:156:17)<br> &nbsp; &nbsp;at getRawBody "
    "(/app/node_modules/raw-body/index.js:109:12)</pre>\n</body>\n</html>\n";
constexpr std::size_t express_body_limit = 100 * 1024;  // body-parser's default "100kb"
constexpr std::string_view traceback_body =
    "Traceback (most recent call last):\n  File \"/srv/app/auth.py\", line 42, in verify\nValueError: bad credentials\n";

Flaw nginx_error_pages(const TargetProfile&) {
  return {"nginx's 404 page with its version", [](ProxyRequest request, const Upstream& upstream) {
            auto response = upstream(request);
            if (response.status == status::not_found) {
              response.body = std::string(nginx_404_page);
              response.set_header(header::content_type, "text/html");
            }
            return response;
          }};
}

Flaw express_payload_too_large(const TargetProfile&) {
  return {"express's 413 page with a stack trace", [](ProxyRequest request, const Upstream& upstream) {
            if (request.body.size() > express_body_limit) {
              ProxyResponse page;
              page.status = status::payload_too_large;
              page.body = std::string(express_413_page);
              page.set_header(header::content_type, "text/html; charset=utf-8");
              return page;
            }
            return upstream(request);
          }};
}

Flaw product_headers(const TargetProfile&) {
  return {"Server and X-Powered-By on every response", [](ProxyRequest request, const Upstream& upstream) {
            auto response = upstream(request);
            response.set_header(header::server, std::string(nginx_banner));
            response.set_header(header::x_powered_by, "Express");
            return response;
          }};
}

// A traceback only in the 401 for a wrong Basic password: a page HTTP-13's own requests never
// provoke, seen only because BASIC-03 ran in the same run.
Flaw traceback_on_wrong_password(const TargetProfile&) {
  return {"traceback in the 401 for a wrong password", [](ProxyRequest request, const Upstream& upstream) {
            auto response = upstream(request);
            if (request.basic_user_pass() && response.status == status::unauthorized) response.body = std::string(traceback_body);
            return response;
          }};
}

// An oversized JSON body crashes the JSON parser, with a bland body.
Flaw oversized_json_crashes(const TargetProfile&) {
  return {"500 for an oversized JSON body", [](ProxyRequest request, const Upstream& upstream) {
            if (request.body.size() > express_body_limit && request.header(header::content_type) == "application/json") {
              ProxyResponse crash;
              crash.set_json(status::internal_server_error, R"({"detail":"Internal Server Error"})");
              return crash;
            }
            return upstream(request);
          }};
}

Flaw no_flaw(const TargetProfile&) { return testing::no_flaw(); }

}  // namespace

TEST_CASE("HTTP-13 run alone passes the reference server's own error pages", "[http][mutant]") {
  expect_verdict(Verdict::pass, no_flaw, "HTTP-13");
}

TEST_CASE("HTTP-13 fails on nginx's 404 page naming its version", "[http][mutant]") {
  const auto f = expect_verdict(Verdict::fail, nginx_error_pages, "HTTP-13");
  CHECK(f.actual.find(nginx_banner) != std::string::npos);
}

TEST_CASE("HTTP-13 fails on express's 413 page with PayloadTooLargeError and its stack", "[http][mutant]") {
  const auto f = expect_verdict(Verdict::fail, express_payload_too_large, "HTTP-13");
  CHECK(f.actual.find("413") != std::string::npos);
}

TEST_CASE("HTTP-13 is INFO for a product and version in Server and X-Powered-By only (V10)", "[http][mutant]") {
  expect_verdict(Verdict::info, product_headers, "HTTP-13");
}

TEST_CASE("HTTP-13 fails by V1 when one of its own requests gets a 5xx", "[http][mutant]") {
  const auto f = expect_verdict(Verdict::fail, oversized_json_crashes, "HTTP-13");
  CHECK(f.actual.find("V1: server error 500") != std::string::npos);
}

TEST_CASE("HTTP-13 reads the error pages other checks of the run caused", "[http][mutant]") {
  expect_verdict(Verdict::pass, traceback_on_wrong_password, "HTTP-13");
  const auto f = expect_verdict(Verdict::fail, traceback_on_wrong_password, "HTTP-13", Judgement::strict, {"BASIC-03"});
  CHECK(f.actual.find("BASIC-03") != std::string::npos);
}

}  // namespace authprobe::conformance::mutants
