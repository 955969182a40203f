// fixtures/reference/users.json against the fixture contract in fixtures/README.md: every
// stored hash verifies its user's password (and only it), in the scheme each user is meant to
// exercise, and client secrets are stored as SHA-256, never in clear (catalog HASH-13).
#include <catch2/catch.hpp>

#include <array>
#include <fstream>
#include <map>
#include <string>

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include "reference/password/password_hash.hpp"
#include "reference/password/testing/password_test_helpers.hpp"

using namespace authprobe::password;
using namespace authprobe::password::testing;

namespace {

const char* const users_path = AUTHPROBE_SOURCE_DIR "/fixtures/reference/users.json";

const std::string dave_password =
    "dave-0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz012";

struct FixtureUser {
  std::string password;
  Algorithm algorithm;
  bool disabled;
};

// fixtures/README.md, "The fixture contract".
const std::map<std::string, FixtureUser>& contract() {
  static const std::map<std::string, FixtureUser> users = {
      {"alice", {"wonderland-42", Algorithm::argon2id, false}},
      {"bob", {"bob-the-builder-can-we-fix-it-yes-we-can-0123456789-abcdefghijkl", Algorithm::bcrypt, false}},
      {"carol", {"carol-is-disabled", Algorithm::scrypt, true}},
      {"dave", {dave_password, Algorithm::argon2id, false}},
      {"erin", {"p\xc3\xa4:ss w\xc3\xb6rd \xf0\x9f\x94\x91", Algorithm::pbkdf2_sha256, false}},  // NFC
  };
  return users;
}

nlohmann::json load_fixture() {
  std::ifstream in(users_path);
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

std::string stored_hash_of(const nlohmann::json& doc, const std::string& username) {
  for (const auto& user : doc.at("users"))
    if (user.at("username") == username) return user.at("password_hash").get<std::string>();
  FAIL("no user " << username << " in " << users_path);
  return {};
}

std::string sha256_hex(const std::string& text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  REQUIRE(EVP_Digest(text.data(), text.size(), digest.data(), &size, EVP_sha256(), nullptr) == 1);
  static constexpr char hex_digits[] = "0123456789abcdef";
  constexpr unsigned high_shift = 4;
  constexpr unsigned low_mask = 0x0f;
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) {
    hex += hex_digits[digest[i] >> high_shift];
    hex += hex_digits[digest[i] & low_mask];
  }
  return hex;
}

}  // namespace

TEST_CASE("Each fixture user's hash verifies the README password in the intended scheme", "[unit]") {
  const auto doc = load_fixture();
  REQUIRE(doc.at("users").size() == contract().size());
  for (const auto& user : doc.at("users")) {
    const auto name = user.at("username").get<std::string>();
    INFO(name);
    REQUIRE(contract().count(name) == 1);
    const auto& expected = contract().at(name);
    const auto stored = user.at("password_hash").get<std::string>();
    CHECK(identify(stored) == expected.algorithm);
    CHECK(user.value("disabled", false) == expected.disabled);
    CHECK(verified(verify_password(expected.password, stored)));
    const auto wrong = verify_password(expected.password + "!", stored);
    REQUIRE(wrong.has_value());
    CHECK_FALSE(*wrong);
  }
}

TEST_CASE("Fixture hashes meet the OWASP floor and only bob's needs an upgrade to the default policy", "[unit]") {
  const auto doc = load_fixture();
  const HashPolicy policy;
  CHECK_FALSE(needs_rehash(stored_hash_of(doc, "alice"), policy));
  CHECK_FALSE(needs_rehash(stored_hash_of(doc, "dave"), policy));
  CHECK(needs_rehash(stored_hash_of(doc, "bob"), policy));  // bcrypt: exercises rehash-on-login

  HashPolicy bcrypt_floor;
  bcrypt_floor.algorithm = Algorithm::bcrypt;
  bcrypt_floor.bcrypt_cost = owasp::bcrypt_min_cost;
  CHECK_FALSE(needs_rehash(stored_hash_of(doc, "bob"), bcrypt_floor));
  HashPolicy scrypt_floor;
  scrypt_floor.algorithm = Algorithm::scrypt;
  CHECK_FALSE(needs_rehash(stored_hash_of(doc, "carol"), scrypt_floor));
  HashPolicy pbkdf2_floor;
  pbkdf2_floor.algorithm = Algorithm::pbkdf2_sha256;
  CHECK_FALSE(needs_rehash(stored_hash_of(doc, "erin"), pbkdf2_floor));
}

TEST_CASE("HASH-01: only dave's full 80-byte password matches, never a 72-byte prefix", "[unit]") {
  const auto stored = stored_hash_of(load_fixture(), "dave");
  REQUIRE(dave_password.size() == 80);
  const std::string prefix = dave_password.substr(0, bcrypt_max_password_bytes);
  CHECK_FALSE(verified(verify_password(prefix + "XXXXXXXX", stored)));
  CHECK_FALSE(verified(verify_password(prefix, stored)));
  CHECK(verified(verify_password(dave_password, stored)));
}

TEST_CASE("HASH-02 and HASH-05: NUL-extended, upper-cased and padded variants of alice's password fail", "[unit]") {
  const auto stored = stored_hash_of(load_fixture(), "alice");
  for (const std::string& variant : {std::string("wonderland-42\0garbage", 21), std::string("WONDERLAND-42"),
                                     std::string(" wonderland-42"), std::string("wonderland-42 ")}) {
    INFO(variant.size());
    const auto result = verify_password(variant, stored);
    REQUIRE(result.has_value());
    CHECK_FALSE(*result);
  }
}

TEST_CASE("Fixture clients store the SHA-256 of the README secrets, and pub has none", "[unit]") {
  const std::map<std::string, std::string> secrets = {
      {"cli", "cli-secret-for-loopback-tests-only"},
      {"c:li%nt", "s3cr%t:with&reserved=chars"},
      {"svc", "svc-secret-for-loopback-tests-only"},
  };
  const auto doc = load_fixture();
  REQUIRE(doc.at("clients").size() == 4);
  for (const auto& client : doc.at("clients")) {
    const auto id = client.at("client_id").get<std::string>();
    INFO(id);
    if (id == "pub") {
      CHECK_FALSE(client.contains("secret_sha256"));
      CHECK(client.at("grant_types") == nlohmann::json::array({"password"}));
      continue;
    }
    REQUIRE(secrets.count(id) == 1);
    CHECK(client.at("secret_sha256").get<std::string>() == sha256_hex(secrets.at(id)));
    const auto grants = client.at("grant_types");
    if (id == "svc")
      CHECK(grants == nlohmann::json::array({"client_credentials"}));
    else
      CHECK(grants == nlohmann::json::array({"password", "refresh_token"}));
  }
}
