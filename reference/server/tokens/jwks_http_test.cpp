// /.well-known/jwks.json and asymmetric signing keys.
#include <catch2/catch.hpp>

#include "reference/jose/key.hpp"
#include "reference/server/reference_server.hpp"
#include "reference/server/testing/fixture_users.hpp"
#include "reference/server/testing/test_server.hpp"

using namespace authprobe;
using namespace authprobe::server::testing;

namespace {

std::unique_ptr<server::ReferenceServer> start_with(jose::Key key) {
  config::ServerConfig config;
  config.port = 0;
  server::ServerOptions options;
  options.log = [](std::string_view) {};
  auto created = server::ReferenceServer::create(config, fixture_users(), std::move(key), options);
  REQUIRE(created);
  REQUIRE((*created)->start());
  return std::move(*created);
}

}  // namespace

TEST_CASE("An ES256 server publishes its public key and accepts the tokens it signs", "[http]") {
  auto srv = start_with(jose::Key::generate(jose::Algorithm::ES256, "es-1").value());
  httplib::Client client("127.0.0.1", srv->port());
  client.set_read_timeout(std::chrono::seconds(20));
  const auto jwks = client.Get("/.well-known/jwks.json");
  REQUIRE(jwks);
  CHECK(jwks->status == 200);
  CHECK(jwks->get_header_value("Content-Type") == "application/jwk-set+json");
  const auto set = nlohmann::json::parse(jwks->body);
  REQUIRE(set.at("keys").size() == 1);
  CHECK(set["keys"][0].at("kty") == "EC");
  CHECK(set["keys"][0].at("kid") == "es-1");
  CHECK_FALSE(set["keys"][0].contains("d"));  // never the private part
  const std::string token = login(client, "alice", password_of::alice).at("access_token");
  CHECK(client.Get("/users/me", bearer(token))->status == 200);
  CHECK(srv->exceptions_caught() == 0);
}

TEST_CASE("An HMAC server has no JWKS to publish", "[http]") {
  auto srv = start_with(jose::Key::generate(jose::Algorithm::HS256).value());
  httplib::Client client("127.0.0.1", srv->port());
  const auto r = client.Get("/.well-known/jwks.json");
  REQUIRE(r);
  CHECK(r->status == 404);
}

TEST_CASE("A leeway above the 300 s maximum is refused at start", "[unit]") {
  config::ServerConfig config;
  config.leeway = std::chrono::seconds(301);
  auto created = server::ReferenceServer::create(config, fixture_users(), jose::Key::generate(jose::Algorithm::HS256).value());
  CHECK_FALSE(created);
}

TEST_CASE("A public key alone cannot run the server", "[unit]") {
  const auto key = jose::Key::generate(jose::Algorithm::ES256).value();
  auto public_only = jose::Key::from_pem(key.public_pem(), jose::Algorithm::ES256);
  REQUIRE(public_only);
  auto created = server::ReferenceServer::create(config::ServerConfig{}, fixture_users(), *public_only);
  REQUIRE_FALSE(created);
  CHECK(created.error().code == server::ServerErrc::bad_key);
}
