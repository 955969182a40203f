// What HTTP-13 calls a disclosure in an error body, and what it must leave alone: the ordinary
// JSON error bodies of the frameworks the suite meets.
#include <catch2/catch.hpp>

#include "conformance/checks/disclosure.hpp"
#include "conformance/verdict_rules.hpp"

namespace authprobe::conformance {

TEST_CASE("product tokens with a version in error pages are found", "[unit]") {
  using disclosure::product_version_in;
  CHECK(product_version_in("<hr><center>nginx/1.22.1</center>"));
  CHECK(product_version_in("<address>Apache/2.4.57 (Debian) Server at localhost Port 80</address>"));
  CHECK(product_version_in("Werkzeug/2.2.2 Python/3.11.2"));
  CHECK(product_version_in("Apache Tomcat/9.0.70"));
  CHECK(*product_version_in("<hr><center>nginx/1.22.1</center>") == "response body names \"nginx/1.22.1\"");
}

TEST_CASE("protocol versions, our own User-Agent, URLs and plain JSON errors are not products", "[unit]") {
  using disclosure::product_version_in;
  CHECK_FALSE(product_version_in("HTTP/1.1 400 Bad Request"));
  CHECK_FALSE(product_version_in("unexpected header User-Agent: authprobe/0.14.0"));
  CHECK_FALSE(product_version_in(R"({"detail":[{"type":"missing","loc":["body","username"],"msg":"Field required",)"
                                 R"("input":null,"url":"https://errors.pydantic.dev/2.5/v/missing"}]})"));
  CHECK_FALSE(product_version_in(R"({"error":"invalid_grant","error_description":"bad credentials"})"));
  CHECK_FALSE(product_version_in(R"({"detail":"Not Found"})"));
  CHECK_FALSE(product_version_in("<html><body><h1>404 Not Found</h1></body></html>"));
}

TEST_CASE("Server and X-Powered-By are reported as product headers", "[unit]") {
  ResponseRecord r;
  r.headers = {{"server", "nginx/1.22.1"}, {"Content-Type", "text/html"}, {"X-Powered-By", "Express"}};
  CHECK(disclosure::product_headers_in(r) == std::vector<std::string>{"server: nginx/1.22.1", "X-Powered-By: Express"});
  r.headers = {{"Content-Type", "application/json"}};
  CHECK(disclosure::product_headers_in(r).empty());
}

TEST_CASE("leak_in finds Node.js frames and package folders but not prose about a path", "[unit]") {
  CHECK(leak_in("at readStream (/app/node_modules/raw-body/index.js:156:17)"));
  CHECK(leak_in("    at Layer.handle [as handle_request] (C:\\srv\\app\\router.js:95:5)"));
  CHECK(leak_in("at Layer.handle [as handle_request] (/app/lib/router/layer.ts:95:5)"));  // only the frame pattern matches
  CHECK(leak_in("at process.processTicksAndRejections (node:internal/process/task_queues:95:5)"));
  CHECK(leak_in("File \"/app/.venv/lib/python3.11/site-packages/jose/jws.py\""));
  CHECK_FALSE(leak_in(R"x({"detail":"Method not allowed at resource (/api/todos)"})x"));
  CHECK_FALSE(leak_in(R"({"message":"Cannot GET /api/nonexistent"})"));
}

}  // namespace authprobe::conformance
