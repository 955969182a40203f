#include "conformance/forge/jwks_listener.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>

namespace forge = authprobe::conformance::forge;

TEST_CASE("the JWKS listener serves the key set and counts every fetch", "[http]") {
  auto listener = forge::JwksListener::start(R"({"keys":[]})", "PEM");
  REQUIRE(listener);
  auto& l = **listener;
  CHECK(l.fetch_count() == 0);
  httplib::Client client("127.0.0.1", l.port());
  const auto jwks = client.Get(std::string(forge::JwksListener::jwks_path));
  REQUIRE(jwks);
  CHECK(jwks->status == 200);
  CHECK(jwks->body == R"({"keys":[]})");
  const auto cert = client.Get(std::string(forge::JwksListener::certificate_path));
  REQUIRE(cert);
  CHECK(cert->body == "PEM");
  const auto other = client.Get("/other");
  REQUIRE(other);
  CHECK(other->status == 404);
  CHECK(l.fetch_count() == 3);
  CHECK(l.fetched_paths().back() == "GET /other");
  CHECK(l.url("/jwks.json") == "http://127.0.0.1:" + std::to_string(l.port()) + "/jwks.json");
}

TEST_CASE("a listener that nobody calls records zero fetches and stops cleanly", "[http]") {
  auto listener = forge::JwksListener::start("{}", "");
  REQUIRE(listener);
  CHECK((*listener)->fetch_count() == 0);
  listener->reset();
  CHECK(true);
}
