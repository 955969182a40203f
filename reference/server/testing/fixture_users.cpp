#include "reference/server/testing/fixture_users.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#include "reference/password/password_hash.hpp"

namespace authprobe::server::testing {
namespace {

std::string hash(std::string_view password) {
  auto hashed = password::hash_password(password, password::HashPolicy{});
  if (!hashed) throw std::runtime_error("test setup: hashing failed: " + hashed.error().message());
  return *hashed;
}

config::UsersFile build() {
  const std::vector<std::string> read = {"todos:read"};
  config::UsersFile file;
  file.users = {
      {"alice", hash(password_of::alice), {"user"}, read, false},
      {"bob", hash(password_of::bob), {"admin", "user"}, {"todos:read", "todos:write", "admin"}, false},
      {"carol", hash(password_of::carol), {"user"}, read, true},
      {"dave", hash(password_of::dave), {"user"}, read, false},
      {"erin", hash(password_of::erin), {"user"}, read, false},
  };
  file.clients = {
      {"cli", config::sha256_hex(secret_of::cli), {"password", "refresh_token"}},
      {std::string(reserved_client_id), config::sha256_hex(secret_of::cli_reserved), {"password", "refresh_token"}},
      {"svc", config::sha256_hex(secret_of::svc), {}},
      {"pub", std::nullopt, {"password"}},
  };
  return file;
}

config::UsersFile build_tutorial() {
  const std::vector<std::string> read = {"me", "items", "todos:read"};
  config::UsersFile file;
  file.users = {
      {"johndoe", hash(tutorial_password_of::johndoe), {"user"}, read, false, "John Doe", "johndoe@example.com"},
      {"alice", hash(tutorial_password_of::alice), {"user"}, read, true, "Alice Chains", "alicechains@example.com"},
      {"bob", hash(password_of::bob), {"admin", "user"}, {"me", "items", "todos:read", "todos:write", "admin"}, false},
      {"dave", hash(password_of::dave), {"user"}, read, false},
      {"erin", hash(password_of::erin), {"user"}, read, false},
  };
  return file;
}

}  // namespace

const config::UsersFile& fixture_users() {
  static const config::UsersFile users = build();
  return users;
}

const config::UsersFile& fixture_users(config::CompatMode mode) {
  if (mode == config::CompatMode::strict) return fixture_users();
  static const config::UsersFile users = build_tutorial();
  return users;
}

}  // namespace authprobe::server::testing
