#include "reference/config/users.hpp"

#include <string>

#include <catch2/catch.hpp>

#include "reference/config/testing/file_util.hpp"
#include "reference/config/testing/temp_dir.hpp"

namespace {

using authprobe::config::ConfigErrc;
using authprobe::config::load_users;
using authprobe::config::parse_users;
using authprobe::config::testing::TempDir;
using authprobe::config::testing::write_text;

constexpr const char* good_users = R"({
  "comment": "test users",
  "users": [
    {"username": "alice", "password_hash": "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
     "roles": ["user"], "scopes": ["todos:read"]},
    {"username": "bob", "password_hash": "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW",
     "roles": ["admin", "user"], "scopes": ["todos:read", "todos:write", "admin"], "disabled": false},
    {"username": "carol", "password_hash": "$7$x", "disabled": true}
  ],
  "clients": [
    {"client_id": "cli", "secret_sha256": "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
     "grant_types": ["password", "refresh_token"]},
    {"client_id": "c:li%nt", "grant_types": ["password"]}
  ]
})";

authprobe::Error expect_error(std::string_view text) {
  auto parsed = parse_users(text, "users.json");
  REQUIRE_FALSE(parsed.has_value());
  return parsed.error();
}

// Replaces the first occurrence of `from` in the good file.
std::string good_with(std::string_view from, std::string_view to) {
  std::string text = good_users;
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  return text;
}

}  // namespace

TEST_CASE("A well-formed users file loads every field", "[unit]") {
  auto parsed = parse_users(good_users, "users.json");
  REQUIRE(parsed.has_value());
  const auto& file = *parsed;
  CHECK(file.comment == "test users");
  REQUIRE(file.users.size() == 3);
  CHECK(file.users[0].username == "alice");
  CHECK(file.users[0].roles == std::vector<std::string>{"user"});
  CHECK(file.users[1].scopes.size() == 3);
  CHECK_FALSE(file.users[1].disabled);
  CHECK(file.users[2].disabled);
  CHECK(file.users[2].roles.empty());
  REQUIRE(file.find_user("bob") != nullptr);
  CHECK(file.find_user("bob")->password_hash.rfind("$2b$12$", 0) == 0);
  CHECK(file.find_user("zed") == nullptr);
  CHECK(file.find_user("Alice") == nullptr);
  REQUIRE(file.find_client("c:li%nt") != nullptr);
  CHECK_FALSE(file.find_client("c:li%nt")->secret_sha256.has_value());
  CHECK(file.find_client("cli")->allows_grant("refresh_token"));
  CHECK_FALSE(file.find_client("c:li%nt")->allows_grant("refresh_token"));
}

TEST_CASE("Each users-file error names the file, the field's JSON pointer and the problem", "[unit]") {
  const auto roles = expect_error(good_with(R"("roles": ["admin", "user"])", R"("roles": ["admin", 7])"));
  CHECK(roles.code == ConfigErrc::bad_field);
  CHECK(roles.detail == "users.json: /users/1/roles: expected an array of strings");

  const auto hash = expect_error(good_with(R"("$7$x")", R"("plaintext")"));
  CHECK(hash.detail == "users.json: /users/2/password_hash: expected a hash string starting with '$'");

  const auto empty_hash = expect_error(good_with(R"("$7$x")", R"("")"));
  CHECK(empty_hash.detail.find("/users/2/password_hash") != std::string::npos);

  const auto missing = expect_error(good_with(R"("username": "carol", )", ""));
  CHECK(missing.code == ConfigErrc::missing_field);
  CHECK(missing.detail == "users.json: /users/2/username: required field is missing");

  const auto disabled = expect_error(good_with(R"("disabled": true)", R"("disabled": "yes")"));
  CHECK(disabled.detail == "users.json: /users/2/disabled: expected true or false");

  const auto digest = expect_error(good_with("0123456789abcdef0123", "0123456789ABCDEF0123"));
  CHECK(digest.detail == "users.json: /clients/0/secret_sha256: expected 64 lowercase hex digits");

  const auto grant = expect_error(good_with(R"(["password"])", R"(["implicit"])"));
  CHECK(grant.detail.rfind("users.json: /clients/1/grant_types: ", 0) == 0);

  const auto colon = expect_error(good_with(R"("username": "alice")", R"("username": "al:ice")"));
  CHECK(colon.detail.rfind("users.json: /users/0/username: ", 0) == 0);

  const auto scope = expect_error(good_with(R"(["todos:read"])", R"(["todos read"])"));
  CHECK(scope.detail.rfind("users.json: /users/0/scopes: ", 0) == 0);

  const auto not_array = expect_error(R"({"users": {}})");
  CHECK(not_array.detail == "users.json: /users: expected an array");

  const auto not_object = expect_error(R"({"users": [42]})");
  CHECK(not_object.detail == "users.json: /users/0: expected an object");

  const auto top = expect_error("[]");
  CHECK(top.detail == "users.json: (top level): expected an object");

  CHECK(expect_error("{}").detail == "users.json: /users: required field is missing");
}

TEST_CASE("Unknown fields in the users file are errors, at any level", "[unit]") {
  const auto typo = expect_error(good_with(R"("disabled": true)", R"("disable": true)"));
  CHECK(typo.code == ConfigErrc::unknown_field);
  CHECK(typo.detail == "users.json: /users/2/disable: unknown field");

  const auto top = expect_error(good_with(R"("comment")", R"("coment")"));
  CHECK(top.code == ConfigErrc::unknown_field);
  CHECK(top.detail == "users.json: /coment: unknown field");

  const auto client = expect_error(good_with(R"("client_id": "cli", )", R"("client_id": "cli", "secret": "x", )"));
  CHECK(client.detail == "users.json: /clients/0/secret: unknown field");

  // RFC 6901 escaping of the reported key.
  const auto odd = expect_error(good_with(R"("comment")", R"("a/b~c")"));
  CHECK(odd.detail == "users.json: /a~1b~0c: unknown field");
}

TEST_CASE("Duplicate usernames, client ids and JSON keys are errors", "[unit]") {
  const auto user = expect_error(good_with(R"("username": "carol")", R"("username": "alice")"));
  CHECK(user.code == ConfigErrc::duplicate_entry);
  CHECK(user.detail == "users.json: /users/2/username: username given more than once");

  const auto client = expect_error(good_with(R"("client_id": "c:li%nt")", R"("client_id": "cli")"));
  CHECK(client.code == ConfigErrc::duplicate_entry);
  CHECK(client.detail == "users.json: /clients/1/client_id: client_id given more than once");

  // nlohmann keeps the last of two equal keys; a second "disabled": false must not win silently.
  const auto key = expect_error(good_with(R"("disabled": true)", R"("disabled": true, "disabled": false)"));
  CHECK(key.code == ConfigErrc::bad_json);
  CHECK(key.detail.rfind("users.json: /users/2/disabled: ", 0) == 0);
}

TEST_CASE("A truncated or half-written users file is detected", "[unit]") {
  const std::string text = good_users;
  for (std::size_t cut : {std::size_t{0}, std::size_t{1}, text.size() / 3, text.size() / 2, text.size() - 2}) {
    INFO("cut at " << cut);
    const auto error = expect_error(text.substr(0, cut));
    CHECK(error.code == ConfigErrc::bad_json);
    CHECK(error.detail.rfind("users.json: not valid JSON", 0) == 0);
    CHECK(error.detail.find("line") != std::string::npos);
  }
  CHECK(expect_error(text + "x").code == ConfigErrc::bad_json);
  CHECK(expect_error("{\"users\": [], \"comment\": \"\xff\"}").code == ConfigErrc::bad_json);
}

TEST_CASE("A numeric field out of range is a bad field, never an exception", "[unit]") {
  CHECK(expect_error(good_with(R"("disabled": true)", R"("disabled": 1)")).code == ConfigErrc::bad_field);
  CHECK(expect_error(good_with(R"("username": "alice")", R"("username": 18446744073709551615)")).code ==
        ConfigErrc::bad_field);
  CHECK(expect_error(good_with(R"("username": "alice")", R"("username": null)")).code == ConfigErrc::bad_field);
}

TEST_CASE("load_users names the path it could not read", "[unit]") {
  TempDir dir;
  auto missing = load_users(dir / "nope.json");
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().code == ConfigErrc::cannot_read);
  CHECK(missing.error().detail.find("nope.json") != std::string::npos);

  write_text(dir / "users.json", good_users);
  auto loaded = load_users(dir / "users.json");
  REQUIRE(loaded.has_value());
  CHECK(loaded->users.size() == 3);

  write_text(dir / "broken.json", R"({"users": [{"username": "alice"}]})");
  auto broken = load_users(dir / "broken.json");
  REQUIRE_FALSE(broken.has_value());
  CHECK(broken.error().detail == (dir / "broken.json").string() + ": /users/0/password_hash: required field is missing");
}

TEST_CASE("sha256_hex is lowercase hex of SHA-256 (FIPS 180-2 'abc' vector)", "[unit]") {
  CHECK(authprobe::config::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(authprobe::config::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("The fixture users file loads and matches the fixture contract", "[unit]") {
  const auto path = std::filesystem::path(AUTHPROBE_SOURCE_DIR) / "fixtures/reference/users.json";
  auto loaded = load_users(path);
  REQUIRE(loaded.has_value());
  for (const char* name : {"alice", "bob", "carol", "dave", "erin"}) {
    INFO(name);
    REQUIRE(loaded->find_user(name) != nullptr);
    CHECK(loaded->find_user(name)->disabled == (std::string(name) == "carol"));
  }
  CHECK(loaded->find_user("zed") == nullptr);
  CHECK(loaded->find_user("bob")->roles == std::vector<std::string>{"admin", "user"});
  // fixtures/README.md: the client secrets, stored as SHA-256.
  const auto digest_of = [&](const char* id) { return loaded->find_client(id)->secret_sha256.value_or(""); };
  CHECK(digest_of("cli") == authprobe::config::sha256_hex("cli-secret-for-loopback-tests-only"));
  CHECK(digest_of("c:li%nt") == authprobe::config::sha256_hex("s3cr%t:with&reserved=chars"));
  CHECK(digest_of("svc") == authprobe::config::sha256_hex("svc-secret-for-loopback-tests-only"));
  REQUIRE(loaded->find_client("pub") != nullptr);
  CHECK_FALSE(loaded->find_client("pub")->secret_sha256.has_value());
  CHECK_FALSE(loaded->find_client("svc")->allows_grant("password"));
}

TEST_CASE("full_name and email are optional display texts, kept through a save", "[unit]") {
  auto parsed = parse_users(good_with(R"("disabled": true})", R"("disabled": true, "full_name": "Carol Ç", "email": "carol@example.com"})"),
                            "users.json");
  REQUIRE(parsed.has_value());
  CHECK(parsed->users[2].full_name == "Carol Ç");
  CHECK(parsed->users[2].email == "carol@example.com");
  CHECK_FALSE(parsed->users[0].full_name.has_value());
  auto reparsed = parse_users(authprobe::config::users_to_json(*parsed), "users.json");
  REQUIRE(reparsed.has_value());
  CHECK(*reparsed == *parsed);
  // Absent stays absent: a file without the fields is written back without them.
  const auto plain = parse_users(good_users, "users.json");
  REQUIRE(plain.has_value());
  CHECK(authprobe::config::users_to_json(*plain).find("full_name") == std::string::npos);
  const auto control = expect_error(good_with(R"("disabled": true})", "\"disabled\": true, \"full_name\": \"a\\u0007b\"}"));
  CHECK(control.detail == "users.json: /users/2/full_name: must not contain control characters");
}
