// HTTPS through cpp-httplib's SSLServer when config.tls is set.
#include <catch2/catch.hpp>

#include "reference/jose/key.hpp"
#include "reference/server/reference_server.hpp"
#include "reference/server/testing/fixture_users.hpp"
#include "reference/server/testing/self_signed.hpp"
#include "reference/server/testing/test_server.hpp"
#include "reference/server/tokens/random_token.hpp"

using namespace authprobe;
using namespace authprobe::server::testing;

TEST_CASE("With a certificate and key the server speaks HTTPS and the flows work over it", "[http]") {
  const auto dir = std::filesystem::temp_directory_path() / ("authprobe-tls-test-" + server::random_base64url(16));
  std::filesystem::create_directories(dir);
  CertificateFiles files;
  REQUIRE(write_self_signed(dir, files));

  config::ServerConfig config;
  config.port = 0;
  config.tls = config::TlsConfig{files.cert_file, files.key_file};
  server::ServerOptions options;
  options.log = [](std::string_view) {};
  auto created = server::ReferenceServer::create(config, fixture_users(), jose::Key::generate(jose::Algorithm::HS256).value(),
                                                 options);
  REQUIRE(created);
  auto& srv = **created;
  REQUIRE(srv.start());
  CHECK(srv.base_url().rfind("https://127.0.0.1:", 0) == 0);

  httplib::SSLClient client("127.0.0.1", srv.port());
  client.enable_server_certificate_verification(false);  // self-signed, loopback only
  const auto r = client.Get("/profile", {{"Authorization", basic_auth("alice", password_of::alice)}});
  REQUIRE(r);
  CHECK(r->status == 200);
  httplib::Client plain("127.0.0.1", srv.port());
  plain.set_read_timeout(std::chrono::seconds(5));
  const auto cleartext = plain.Get("/health");
  CHECK((!cleartext || cleartext->status != 200));
  srv.stop();
  std::filesystem::remove_all(dir);
}

TEST_CASE("An unusable certificate is a start-up error, not a crash", "[unit]") {
  config::ServerConfig config;
  config.tls = config::TlsConfig{"/nonexistent/cert.pem", "/nonexistent/key.pem"};
  auto created = server::ReferenceServer::create(config, fixture_users(), jose::Key::generate(jose::Algorithm::HS256).value());
  REQUIRE_FALSE(created);
  CHECK(created.error().code == server::ServerErrc::tls_setup_failed);
}
