#include "reference/config/server_config.hpp"

#include <cstdlib>
#include <map>
#include <string>

#include <catch2/catch.hpp>

#include "reference/config/testing/file_util.hpp"
#include "reference/config/testing/temp_dir.hpp"

namespace {

using authprobe::config::CompatMode;
using authprobe::config::ConfigErrc;
using authprobe::config::EnvLookup;
using authprobe::config::load_server_config;
using authprobe::config::parse_server_config;
using authprobe::config::ServerConfig;
using authprobe::config::validate;
using authprobe::config::testing::TempDir;
using authprobe::config::testing::write_text;

EnvLookup env_of(std::map<std::string, std::string, std::less<>> vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    const auto it = vars.find(name);
    return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
}

const std::filesystem::path fixture = std::filesystem::path(AUTHPROBE_SOURCE_DIR) / "fixtures/reference/server.json";

std::string fixture_text() { return authprobe::config::testing::read_text(fixture); }

std::string fixture_with(std::string_view from, std::string_view to) {
  std::string text = fixture_text();
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  return text;
}

authprobe::Error parse_error(std::string_view text) {
  auto parsed = parse_server_config(text, "server.json", "/etc/authprobe");
  REQUIRE_FALSE(parsed.has_value());
  return parsed.error();
}

}  // namespace

TEST_CASE("The default server.json fixture loads and validates", "[unit]") {
  auto loaded = load_server_config(fixture, env_of({}));
  REQUIRE(loaded.has_value());
  auto config = validate(*loaded);
  REQUIRE(config.has_value());
  CHECK(config->host == "127.0.0.1");
  CHECK(config->port == 8080);
  CHECK_FALSE(config->tls.has_value());
  CHECK(config->users_file == fixture.parent_path() / "users.json");  // relative to the file
  CHECK(std::filesystem::exists(config->users_file));
  CHECK(config->realm == "authprobe");
  CHECK(config->access_token_ttl == std::chrono::seconds(900));
  CHECK(config->refresh_token_ttl == std::chrono::seconds(86400));
  CHECK(config->leeway == std::chrono::seconds(0));
  CHECK(config->signing_key.algorithm == authprobe::jose::Algorithm::HS256);
  CHECK_FALSE(config->signing_key.key_file.has_value());
  CHECK(config->signing_key.key_env == "AUTHPROBE_SIGNING_KEY");
  CHECK(config->hash_policy.algorithm == authprobe::password::Algorithm::argon2id);
  CHECK(config->hash_policy.argon2_memory_kib == 19456);
  CHECK(config->compat == CompatMode::strict);
  CHECK(config->cors_origins.empty());
  CHECK(config->max_body_bytes == 65536);
  CHECK(config->source == fixture.string());
}

TEST_CASE("Every server.json key is read into its setting", "[unit]") {
  auto parsed = parse_server_config(R"({
    "listen": {"host": "::1", "port": 0},
    "tls": {"cert_file": "cert.pem", "key_file": "/abs/key.pem"},
    "users_file": "/srv/users.json", "realm": "demo realm", "issuer": "https://issuer.example",
    "audience": "api", "tokens": {"access_ttl_seconds": 60, "refresh_ttl_seconds": 120, "leeway_seconds": 300},
    "signing_key": {"alg": "ES256", "key_file": "keys/es256.pem", "key_env": "", "kid": "k1"},
    "password_policy": {"algorithm": "bcrypt", "params": {"cost": 13}, "max_password_bytes": 72},
    "rehash_on_login": false, "cors": {"allowed_origins": ["http://localhost:3000", "https://[::1]:8443"]},
    "compat": "fastapi", "hash_concurrency": 4, "worker_threads": 64, "max_body_bytes": 1024})",
                                    "server.json", "/etc/authprobe");
  REQUIRE(parsed.has_value());
  const ServerConfig& c = *parsed;
  CHECK(c.host == "::1");
  CHECK(c.port == 0);
  REQUIRE(c.tls.has_value());
  CHECK(c.tls->cert_file == "/etc/authprobe/cert.pem");
  CHECK(c.tls->key_file == "/abs/key.pem");
  CHECK(c.users_file == "/srv/users.json");
  CHECK(c.realm == "demo realm");
  CHECK(c.issuer == "https://issuer.example");
  CHECK(c.audience == "api");
  CHECK(c.access_token_ttl.count() == 60);
  CHECK(c.refresh_token_ttl.count() == 120);
  CHECK(c.leeway.count() == 300);
  CHECK(c.signing_key.algorithm == authprobe::jose::Algorithm::ES256);
  CHECK(c.signing_key.key_file == std::filesystem::path("/etc/authprobe/keys/es256.pem"));
  CHECK(c.signing_key.key_env.empty());
  CHECK(c.signing_key.kid == "k1");
  CHECK(c.hash_policy.algorithm == authprobe::password::Algorithm::bcrypt);
  CHECK(c.hash_policy.bcrypt_cost == 13);
  CHECK(c.hash_policy.max_password_bytes == 72);
  CHECK_FALSE(c.rehash_on_login);
  CHECK(c.cors_origins.size() == 2);
  CHECK(c.compat == CompatMode::fastapi);
  CHECK(c.hash_concurrency == 4);
  CHECK(c.worker_threads == 64);
  CHECK(c.max_body_bytes == 1024);
  CHECK(validate(c).has_value());
}

TEST_CASE("Each server.json error names the file, the field and the problem", "[unit]") {
  CHECK(parse_error(fixture_with(R"("leeway_seconds": 0)", R"("leeway_seconds": 301)")).detail ==
        "server.json: /tokens/leeway_seconds: expected an integer from 0 to 300");
  CHECK(parse_error(fixture_with(R"("access_ttl_seconds": 900)", R"("access_ttl_seconds": 0)")).detail ==
        "server.json: /tokens/access_ttl_seconds: expected an integer from 1 to 31536000");
  CHECK(parse_error(fixture_with(R"("port": 8080)", R"("port": 65536)")).detail ==
        "server.json: /listen/port: expected an integer from 0 to 65535");
  CHECK(parse_error(fixture_with(R"("port": 8080)", R"("port": "8080")")).detail ==
        "server.json: /listen/port: expected an integer from 0 to 65535");
  CHECK(parse_error(fixture_with(R"("compat": "strict")", R"("compat": "lenient")")).detail ==
        "server.json: /compat: expected \"strict\" or \"fastapi\"");
  CHECK(parse_error(fixture_with(R"("alg": "HS256")", R"("alg": "none")")).detail.rfind(
            "server.json: /signing_key/alg: expected a JWS algorithm", 0) == 0);
  CHECK(parse_error(fixture_with(R"("host": "127.0.0.1")", R"("host": "bad host!")")).detail.rfind(
            "server.json: /listen/host: ", 0) == 0);
  CHECK(parse_error(fixture_with(R"("realm": "authprobe")", R"("realm": "a\"b")")).detail.rfind(
            "server.json: /realm: ", 0) == 0);
  CHECK(parse_error(fixture_with(R"("allowed_origins": [])", R"("allowed_origins": ["*"])")).detail.rfind(
            "server.json: /cors/allowed_origins/0: \"*\" is not allowed", 0) == 0);
  CHECK(parse_error(fixture_with(R"("allowed_origins": [])", R"("allowed_origins": ["https://a.example", "https://b.example/"])"))
            .detail.rfind("server.json: /cors/allowed_origins/1: ", 0) == 0);
  CHECK(parse_error(fixture_with(R"("tokens": {)", R"("tls": {"cert_file": "c.pem"}, "tokens": {)")).detail ==
        "server.json: /tls/key_file: required field is missing");
  CHECK(parse_error(fixture_with(R"("algorithm": "argon2id")", R"("algorithm": "md5")")).detail.rfind(
            "server.json: /password_policy/algorithm: ", 0) == 0);
  CHECK(parse_error(fixture_with(R"("max_body_bytes": 65536)", R"("max_body_bytes": 0)")).code ==
        ConfigErrc::bad_field);
}

TEST_CASE("A password policy below the OWASP floor is refused at /password_policy", "[unit]") {
  const auto weak = parse_error(fixture_with(R"("memory_kib": 19456)", R"("memory_kib": 4096)"));
  CHECK(weak.code == ConfigErrc::bad_field);
  CHECK(weak.detail.rfind("server.json: /password_policy: ", 0) == 0);
  // Parameters of another algorithm are unknown fields, not silently ignored.
  const auto foreign = parse_error(fixture_with(R"("iterations": 2)", R"("iterations": 2, "cost": 12)"));
  CHECK(foreign.code == ConfigErrc::unknown_field);
  CHECK(foreign.detail == "server.json: /password_policy/params/cost: unknown field");
}

TEST_CASE("Unknown server.json fields are errors", "[unit]") {
  const auto top = parse_error(fixture_with(R"("realm")", R"("relam": "x", "realm")"));
  CHECK(top.code == ConfigErrc::unknown_field);
  CHECK(top.detail == "server.json: /relam: unknown field");
  const auto nested = parse_error(fixture_with(R"("leeway_seconds")", R"("leway_seconds": 1, "leeway_seconds")"));
  CHECK(nested.detail == "server.json: /tokens/leway_seconds: unknown field");
}

TEST_CASE("A truncated server.json is detected and names the file", "[unit]") {
  TempDir dir;
  const std::string text = fixture_text();
  write_text(dir / "server.json", text.substr(0, text.size() / 2));
  auto loaded = load_server_config(dir / "server.json", env_of({}));
  REQUIRE_FALSE(loaded.has_value());
  CHECK(loaded.error().code == ConfigErrc::bad_json);
  CHECK(loaded.error().detail.rfind((dir / "server.json").string() + ": not valid JSON", 0) == 0);

  auto missing = load_server_config(dir / "absent.json", env_of({}));
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().code == ConfigErrc::cannot_read);
}

TEST_CASE("Environment variables override the file and name themselves in errors", "[unit]") {
  auto config = load_server_config(fixture, env_of({{"AUTHPROBE_HOST", "localhost"},
                                                    {"AUTHPROBE_PORT", "0"},
                                                    {"AUTHPROBE_USERS_FILE", "/tmp/u.json"},
                                                    {"AUTHPROBE_COMPAT", "fastapi"}}));
  REQUIRE(config.has_value());
  CHECK(config->host == "localhost");
  CHECK(config->port == 0);
  CHECK(config->users_file == "/tmp/u.json");
  CHECK(config->compat == CompatMode::fastapi);

  for (const char* bad_port : {"", "x", "65536", "-1", "80 "}) {
    INFO("AUTHPROBE_PORT=" << bad_port);
    auto refused = load_server_config(fixture, env_of({{"AUTHPROBE_PORT", bad_port}}));
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().detail == "environment variable AUTHPROBE_PORT: expected an integer from 0 to 65535");
  }
  auto bad_host = load_server_config(fixture, env_of({{"AUTHPROBE_HOST", "a b"}}));
  REQUIRE_FALSE(bad_host.has_value());
  CHECK(bad_host.error().detail.rfind("environment variable AUTHPROBE_HOST: ", 0) == 0);
  auto bad_compat = load_server_config(fixture, env_of({{"AUTHPROBE_COMPAT", "loose"}}));
  REQUIRE_FALSE(bad_compat.has_value());
  CHECK(bad_compat.error().detail.rfind("environment variable AUTHPROBE_COMPAT: ", 0) == 0);
}

TEST_CASE("No config file: built-in defaults plus environment, and validate wants a users file", "[unit]") {
  auto config = load_server_config(std::nullopt, env_of({}));
  REQUIRE(config.has_value());
  CHECK(config->host == "127.0.0.1");
  auto refused = validate(*config);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().code == ConfigErrc::missing_field);
  CHECK(refused.error().detail.rfind("built-in defaults: /users_file: required", 0) == 0);
  config->users_file = "users.json";
  CHECK(validate(*config).has_value());
}

TEST_CASE("validate re-checks settings that flags may have changed", "[unit]") {
  auto base = load_server_config(fixture, env_of({}));
  REQUIRE(base.has_value());
  const auto refused = [&](auto mutate) {
    ServerConfig c = *base;
    mutate(c);
    auto result = validate(c);
    REQUIRE_FALSE(result.has_value());
    return result.error().detail;
  };
  CHECK(refused([](ServerConfig& c) { c.leeway = std::chrono::seconds(301); }).find("/tokens/leeway_seconds") !=
        std::string::npos);
  CHECK(refused([](ServerConfig& c) { c.leeway = std::chrono::seconds(-1); }).find("/tokens/leeway_seconds") !=
        std::string::npos);
  CHECK(refused([](ServerConfig& c) { c.access_token_ttl = std::chrono::seconds(0); }).find("access_ttl") !=
        std::string::npos);
  CHECK(refused([](ServerConfig& c) { c.refresh_token_ttl = std::chrono::seconds(-5); }).find("refresh_ttl") !=
        std::string::npos);
  CHECK(refused([](ServerConfig& c) { c.host = "not a host"; }).find("/listen/host") != std::string::npos);
  CHECK(refused([](ServerConfig& c) { c.cors_origins = {"*"}; }).find("/cors/allowed_origins/0") != std::string::npos);
  CHECK(refused([](ServerConfig& c) { c.hash_policy.argon2_iterations = 1; }).find("/password_policy") !=
        std::string::npos);
  CHECK(refused([](ServerConfig& c) { c.signing_key.algorithm = authprobe::jose::Algorithm::RS256; })
            .find("/signing_key/key_file") != std::string::npos);
  CHECK(refused([](ServerConfig& c) { c.compat = static_cast<CompatMode>(7); }).find("/compat") != std::string::npos);
  CHECK(refused([](ServerConfig& c) { c.max_body_bytes = 0; }).find("/max_body_bytes") != std::string::npos);
  CHECK(refused([](ServerConfig& c) { c.tls = authprobe::config::TlsConfig{"cert.pem", ""}; }).find("/tls") !=
        std::string::npos);
}

TEST_CASE("load_server_config without a lookup reads the process environment", "[unit]") {
  REQUIRE(::setenv("AUTHPROBE_PORT", "0", 1) == 0);
  auto config = load_server_config(fixture);
  ::unsetenv("AUTHPROBE_PORT");
  REQUIRE(config.has_value());
  CHECK(config->port == 0);
  auto unset = load_server_config(fixture);
  REQUIRE(unset.has_value());
  CHECK(unset->port == 8080);
}

TEST_CASE("Numbers beyond 64 bits or with a fraction are range errors, not exceptions", "[unit]") {
  CHECK(parse_error(fixture_with(R"("port": 8080)", R"("port": 18446744073709551615)")).detail ==
        "server.json: /listen/port: expected an integer from 0 to 65535");
  CHECK(parse_error(fixture_with(R"("port": 8080)", R"("port": 1e400)")).code == ConfigErrc::bad_json);
  CHECK(parse_error(fixture_with(R"("port": 8080)", R"("port": 80.5)")).code == ConfigErrc::bad_field);
  CHECK(parse_error(fixture_with(R"("port": 8080)", R"("port": -1)")).code == ConfigErrc::bad_field);
}
