#include <map>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>
#include <sys/stat.h>

#include "reference/config/server_config.hpp"
#include "reference/config/testing/file_util.hpp"
#include "reference/config/testing/temp_dir.hpp"

namespace {

using authprobe::config::ConfigErrc;
using authprobe::config::EnvLookup;
using authprobe::config::load_signing_key;
using authprobe::config::SigningKeyConfig;
using authprobe::config::testing::TempDir;
using authprobe::config::testing::write_text;
using authprobe::jose::Algorithm;
using authprobe::jose::Key;

const std::string secret_32 = "0123456789abcdef0123456789abcdef";
const std::string other_secret = "another-secret-of-at-least-32-bytes!!";

EnvLookup env_of(std::map<std::string, std::string, std::less<>> vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    const auto it = vars.find(name);
    return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
}

// True when `key` signs like an HMAC key made from `secret` (so it IS that secret).
bool same_secret(const Key& key, const std::string& secret) {
  auto expected = Key::hmac(secret, key.algorithm());
  REQUIRE(expected.has_value());
  auto signature = key.sign("header.payload");
  REQUIRE(signature.has_value());
  return expected->verify("header.payload", *signature);
}

void make_private(const std::filesystem::path& path) { ::chmod(path.c_str(), 0600); }

}  // namespace

TEST_CASE("The HS secret comes from the environment variable, bytes as-is", "[unit]") {
  std::ostringstream warnings;
  auto key = load_signing_key(SigningKeyConfig{}, env_of({{"AUTHPROBE_SIGNING_KEY", secret_32}}), warnings);
  REQUIRE(key.has_value());
  CHECK(key->algorithm() == Algorithm::HS256);
  CHECK(same_secret(*key, secret_32));
  CHECK_FALSE(same_secret(*key, other_secret));
  CHECK(warnings.str().empty());
}

TEST_CASE("The HS secret comes from a key file, minus one trailing newline", "[unit]") {
  TempDir dir;
  const auto path = dir / "hs.key";
  write_text(path, secret_32 + "\n");
  make_private(path);
  SigningKeyConfig config;
  config.key_file = path;
  config.algorithm = Algorithm::HS256;
  config.kid = "file-key";
  std::ostringstream warnings;
  auto key = load_signing_key(config, env_of({}), warnings);
  REQUIRE(key.has_value());
  CHECK(key->kid() == "file-key");
  CHECK(same_secret(*key, secret_32));
  CHECK(warnings.str().empty());

  // The environment wins over the file (environment overrides the config file).
  auto from_env = load_signing_key(config, env_of({{"AUTHPROBE_SIGNING_KEY", other_secret}}), warnings);
  REQUIRE(from_env.has_value());
  CHECK(same_secret(*from_env, other_secret));

  // ... unless key_env is disabled.
  config.key_env.clear();
  auto file_only = load_signing_key(config, env_of({{"AUTHPROBE_SIGNING_KEY", other_secret}}), warnings);
  REQUIRE(file_only.has_value());
  CHECK(same_secret(*file_only, secret_32));
}

TEST_CASE("HS keys under 32 bytes are refused with a message naming their source", "[unit]") {
  std::ostringstream warnings;
  auto short_env = load_signing_key(SigningKeyConfig{}, env_of({{"AUTHPROBE_SIGNING_KEY", "too-short"}}), warnings);
  REQUIRE_FALSE(short_env.has_value());
  CHECK(short_env.error().code == ConfigErrc::bad_key);
  CHECK(short_env.error().detail == "environment variable AUTHPROBE_SIGNING_KEY: 9 bytes; HS256 needs at least 32");
  CHECK(short_env.error().message().find("too-short") == std::string::npos);

  auto empty_env = load_signing_key(SigningKeyConfig{}, env_of({{"AUTHPROBE_SIGNING_KEY", ""}}), warnings);
  REQUIRE_FALSE(empty_env.has_value());

  TempDir dir;
  const auto path = dir / "short.key";
  // 31 bytes plus the newline that is stripped: one byte short.
  write_text(path, secret_32.substr(0, 31) + "\n");
  make_private(path);
  SigningKeyConfig config;
  config.key_file = path;
  auto short_file = load_signing_key(config, env_of({}), warnings);
  REQUIRE_FALSE(short_file.has_value());
  CHECK(short_file.error().detail == path.string() + ": 31 bytes; HS256 needs at least 32");

  // RFC 7518 §3.2: HS512 needs a key as long as its hash (64 bytes); 32 is not enough, and
  // the refusal from the jose module still names where the key came from.
  SigningKeyConfig hs512;
  hs512.algorithm = Algorithm::HS512;
  auto short_for_hs512 = load_signing_key(hs512, env_of({{"AUTHPROBE_SIGNING_KEY", secret_32}}), warnings);
  REQUIRE_FALSE(short_for_hs512.has_value());
  CHECK(short_for_hs512.error().code == ConfigErrc::bad_key);
  CHECK(short_for_hs512.error().detail.rfind("environment variable AUTHPROBE_SIGNING_KEY: ", 0) == 0);
  CHECK(short_for_hs512.error().message().find(secret_32) == std::string::npos);

  config.key_file = dir / "missing.key";
  auto missing = load_signing_key(config, env_of({}), warnings);
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().code == ConfigErrc::bad_key);
  CHECK(missing.error().detail.find("missing.key") != std::string::npos);
}

TEST_CASE("With no key configured a random key is generated, with a warning", "[unit]") {
  std::ostringstream warnings;
  auto first = load_signing_key(SigningKeyConfig{}, env_of({}), warnings);
  REQUIRE(first.has_value());
  CHECK(first->can_sign());
  CHECK(warnings.str().find("will not survive a restart") != std::string::npos);
  auto second = load_signing_key(SigningKeyConfig{}, env_of({}), warnings);
  REQUIRE(second.has_value());
  // Two random keys differ: a signature by one does not verify under the other.
  auto signature = first->sign("header.payload");
  REQUIRE(signature.has_value());
  CHECK_FALSE(second->verify("header.payload", *signature));
}

TEST_CASE("A key file readable by group or others gets a warning", "[unit]") {
  TempDir dir;
  const auto path = dir / "hs.key";
  write_text(path, secret_32);
  ::chmod(path.c_str(), 0644);
  SigningKeyConfig config;
  config.key_file = path;
  std::ostringstream warnings;
  REQUIRE(load_signing_key(config, env_of({}), warnings).has_value());
  CHECK(warnings.str().find("readable by group or others") != std::string::npos);
  CHECK(warnings.str().find(secret_32) == std::string::npos);
}

TEST_CASE("Asymmetric algorithms need a PEM key file", "[unit]") {
  SigningKeyConfig config;
  config.algorithm = Algorithm::ES256;
  std::ostringstream warnings;
  auto missing = load_signing_key(config, env_of({{"AUTHPROBE_SIGNING_KEY", secret_32}}), warnings);
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().code == ConfigErrc::bad_key);
  CHECK(missing.error().detail.find("ES256") != std::string::npos);

  TempDir dir;
  const auto garbage = dir / "garbage.pem";
  write_text(garbage, "not a pem file\n");
  make_private(garbage);
  config.key_file = garbage;
  auto bad = load_signing_key(config, env_of({}), warnings);
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().detail.rfind(garbage.string() + ": ", 0) == 0);

  // A PEM written by the jose module itself loads back.
  auto generated = Key::generate(Algorithm::ES256);
  REQUIRE(generated.has_value());
  const auto pem = dir / "es256.pem";
  write_text(pem, generated->private_pem());
  make_private(pem);
  config.key_file = pem;
  auto loaded = load_signing_key(config, env_of({}), warnings);
  REQUIRE(loaded.has_value());
  CHECK(loaded->algorithm() == Algorithm::ES256);
  CHECK(loaded->can_sign());
}

TEST_CASE("Any private key file (the TLS key too) readable by group or others gets a warning naming it", "[unit]") {
  TempDir dir;
  const auto path = dir / "tls.key";
  write_text(path, "-----BEGIN PRIVATE KEY-----\n");
  std::ostringstream quiet;
  make_private(path);
  authprobe::config::warn_if_key_file_shared(path, "TLS key file", quiet);
  CHECK(quiet.str().empty());
  for (const mode_t shared : {mode_t{0640}, mode_t{0604}}) {
    ::chmod(path.c_str(), shared);
    std::ostringstream warnings;
    authprobe::config::warn_if_key_file_shared(path, "TLS key file", warnings);
    CHECK(warnings.str().find("TLS key file " + path.string()) != std::string::npos);
    CHECK(warnings.str().find("BEGIN PRIVATE KEY") == std::string::npos);
  }
}
