// The published demo passwords (demo_credentials.cpp, fixtures/README.md) are the passwords of
// the fixture users each mode serves: a class that copies them from `authprobe serve` logs in.
#include <filesystem>
#include <string>

#include <catch2/catch.hpp>

#include "reference/config/users.hpp"
#include "reference/password/password_hash.hpp"
#include "reference/server/describe/demo_credentials.hpp"

using authprobe::config::CompatMode;

TEST_CASE("Each mode's published demo passwords open exactly the users of its fixture file", "[unit]") {
  const auto [mode, file] = GENERATE(std::pair{CompatMode::strict, "users.json"},
                                     std::pair{CompatMode::fastapi, "users-fastapi.json"});
  INFO(file);
  const auto users = authprobe::config::load_users(std::filesystem::path(AUTHPROBE_SOURCE_DIR) / "fixtures/reference" / file);
  REQUIRE(users);
  const auto passwords = authprobe::server::description::demo_user_passwords(mode);
  REQUIRE(passwords.size() == users->users.size());
  for (const auto& [name, password] : passwords) {
    INFO(name);
    const auto* user = users->find_user(name);
    REQUIRE(user != nullptr);
    const auto right = authprobe::password::verify_password(password, user->password_hash);
    REQUIRE(right);
    CHECK(*right);
    const auto wrong = authprobe::password::verify_password(password + "x", user->password_hash);
    REQUIRE(wrong);
    CHECK_FALSE(*wrong);
  }
}

TEST_CASE("The tutorials' fixture: johndoe active, alice disabled, the tutorial scopes, no client", "[unit]") {
  const auto users =
      authprobe::config::load_users(std::filesystem::path(AUTHPROBE_SOURCE_DIR) / "fixtures/reference/users-fastapi.json");
  REQUIRE(users);
  REQUIRE(users->find_user("johndoe") != nullptr);
  CHECK_FALSE(users->find_user("johndoe")->disabled);
  CHECK(users->find_user("johndoe")->full_name == "John Doe");
  REQUIRE(users->find_user("alice") != nullptr);
  CHECK(users->find_user("alice")->disabled);
  for (const auto& user : users->users) {
    INFO(user.username);
    CHECK(user.scopes.at(0) == "me");
    CHECK(user.scopes.at(1) == "items");
  }
  CHECK(users->find_user("bob")->roles == std::vector<std::string>{"admin", "user"});
  CHECK(users->clients.empty());
}
