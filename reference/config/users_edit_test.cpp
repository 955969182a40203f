#include "reference/config/users_edit.hpp"

#include <string>

#include <catch2/catch.hpp>

#include "reference/config/testing/temp_dir.hpp"

namespace {

using authprobe::config::add_user;
using authprobe::config::ConfigErrc;
using authprobe::config::format_user_list;
using authprobe::config::load_users;
using authprobe::config::NewUser;
using authprobe::config::save_users;
using authprobe::config::set_disabled;
using authprobe::config::set_password;
using authprobe::config::UsersFile;
using authprobe::password::HashPolicy;
using authprobe::password::verify_password;

const HashPolicy policy{};  // argon2id at OWASP's minimum
const std::string erin_password = "pä:ss wörd 🔑";

}  // namespace

TEST_CASE("users add hashes the password with the policy and the file loads back", "[unit]") {
  UsersFile file;
  REQUIRE(add_user(file, NewUser{"erin", {"user"}, {"todos:read"}}, erin_password, policy).has_value());
  REQUIRE(file.users.size() == 1);
  const auto& erin = file.users[0];
  CHECK(erin.password_hash.rfind("$argon2id$", 0) == 0);
  CHECK(erin.password_hash.find(erin_password) == std::string::npos);
  CHECK(verify_password(erin_password, erin.password_hash) == true);
  CHECK(verify_password("pä:ss wörd", erin.password_hash) == false);
  CHECK_FALSE(erin.disabled);

  authprobe::config::testing::TempDir dir;
  REQUIRE(save_users(file, dir / "users.json").has_value());
  auto loaded = load_users(dir / "users.json");
  REQUIRE(loaded.has_value());
  CHECK(*loaded == file);
}

TEST_CASE("users add refuses duplicates, bad names and passwords the server could never accept", "[unit]") {
  UsersFile file;
  REQUIRE(add_user(file, NewUser{"alice", {"user"}, {}}, "wonderland-42", policy).has_value());
  const auto refused = [&](const NewUser& user, std::string_view password) {
    auto result = add_user(file, user, password, policy);
    REQUIRE_FALSE(result.has_value());
    return static_cast<ConfigErrc>(result.error().code.value());
  };
  CHECK(refused(NewUser{"alice", {}, {}}, "another-password") == ConfigErrc::duplicate_entry);
  CHECK(refused(NewUser{"al:ice", {}, {}}, "pw-long-enough") == ConfigErrc::bad_field);
  CHECK(refused(NewUser{"", {}, {}}, "pw-long-enough") == ConfigErrc::bad_field);
  CHECK(refused(NewUser{"zed", {"bad role"}, {}}, "pw-long-enough") == ConfigErrc::bad_field);
  CHECK(refused(NewUser{"zed", {}, {"todos read"}}, "pw-long-enough") == ConfigErrc::bad_field);
  CHECK(refused(NewUser{"zed", {}, {}}, "") == ConfigErrc::bad_password);
  CHECK(refused(NewUser{"zed", {}, {}}, std::string("pw\0x", 4)) == ConfigErrc::bad_password);
  CHECK(refused(NewUser{"zed", {}, {}}, "pw\r\n") == ConfigErrc::bad_password);
  CHECK(refused(NewUser{"zed", {}, {}}, "p\xffw") == ConfigErrc::bad_password);
  CHECK(file.users.size() == 1);

  // A password over the policy's limit is refused by the password module, before hashing.
  auto too_long = add_user(file, NewUser{"zed", {}, {}}, std::string(policy.max_password_bytes + 1, 'x'), policy);
  REQUIRE_FALSE(too_long.has_value());
  CHECK(too_long.error().code == authprobe::password::PasswordErrc::password_too_long);
  CHECK(file.users.size() == 1);
}

TEST_CASE("users disable, enable and passwd change only the named user", "[unit]") {
  UsersFile file;
  REQUIRE(add_user(file, NewUser{"alice", {"user"}, {}}, "wonderland-42", policy).has_value());
  REQUIRE(add_user(file, NewUser{"bob", {"admin"}, {}}, "builder", policy).has_value());
  const std::string bob_hash = file.users[1].password_hash;

  REQUIRE(set_disabled(file, "alice", true).has_value());
  CHECK(file.users[0].disabled);
  CHECK_FALSE(file.users[1].disabled);
  REQUIRE(set_disabled(file, "alice", false).has_value());
  CHECK_FALSE(file.users[0].disabled);

  REQUIRE(set_password(file, "alice", "new-password-1", policy).has_value());
  CHECK(verify_password("new-password-1", file.users[0].password_hash) == true);
  CHECK(verify_password("wonderland-42", file.users[0].password_hash) == false);
  CHECK(file.users[1].password_hash == bob_hash);

  auto missing = set_disabled(file, "zed", true);
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().code == ConfigErrc::no_such_entry);
  CHECK(set_password(file, "zed", "x-password", policy).error().code == ConfigErrc::no_such_entry);
  CHECK(set_password(file, "alice", "", policy).error().code == ConfigErrc::bad_password);
}

TEST_CASE("users list shows names, status, roles and scopes but never a hash", "[unit]") {
  UsersFile file;
  REQUIRE(add_user(file, NewUser{"alice", {"user"}, {"todos:read"}}, "wonderland-42", policy).has_value());
  REQUIRE(add_user(file, NewUser{"carol", {}, {}}, "carol-is-disabled", policy).has_value());
  REQUIRE(set_disabled(file, "carol", true).has_value());
  const std::string listing = format_user_list(file);
  CHECK(listing == "alice\tactive\troles=user\tscopes=todos:read\thash=argon2id\n"
                   "carol\tdisabled\troles=-\tscopes=-\thash=argon2id\n");
  CHECK(listing.find(file.users[0].password_hash) == std::string::npos);
}
