#pragma once
// Users and clients as the server sees them at run time, and the one password check.
// Every check costs one hash: unknown users burn a dummy hash (OWASP Authentication Cheat
// Sheet, catalog HASH-06), disabled users are verified like everyone else before being refused.
// Hashes below the configured policy are upgraded on a successful login (HASH-11) and written
// back atomically; a failed write is logged and never fails the login.
#include <filesystem>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "reference/config/users.hpp"
#include "reference/password/password_hash.hpp"
#include "reference/server/login/password_gate.hpp"
#include "reference/server/server_log.hpp"

namespace authprobe::server {

struct Account {
  std::string username;
  std::vector<std::string> roles;
  std::vector<std::string> scopes;
  bool disabled = false;
  std::optional<std::string> full_name{};  // for the FastAPI tutorials' user object
  std::optional<std::string> email{};
};

enum class LoginFailure {
  bad_credentials,  // unknown user, wrong password, refused password: indistinguishable
  inactive,         // right password, disabled account (only --compat fastapi tells)
  busy,             // the password gate is full
  throttled,        // too many recent failures for this username or address (login_throttle.hpp)
};

struct AccountStoreOptions {
  std::optional<std::filesystem::path> write_back;  // none: upgraded hashes live in memory only
  password::HashPolicy policy;
  bool rehash_on_login = true;
};

class AccountStore {
 public:
  AccountStore(config::UsersFile users, AccountStoreOptions options, PasswordGate& gate, LogSink log);

  [[nodiscard]] tl::expected<Account, LoginFailure> check_password(std::string_view username,
                                                                   std::string_view password);
  [[nodiscard]] std::optional<Account> find(std::string_view username) const;
  [[nodiscard]] std::optional<config::Client> find_client(std::string_view client_id) const;
  // Every scope some user may hold: a requested scope outside this set is unknown (invalid_scope).
  [[nodiscard]] std::vector<std::string> known_scopes() const;
  // Swaps in a new users file (e.g. after `authprobe users disable`); takes effect for the
  // next request, including bearer tokens already issued.
  void replace(config::UsersFile users);
  // The current users file (for tests and tools).
  [[nodiscard]] config::UsersFile snapshot() const;

 private:
  // The check itself; runs on one of the gate's hash threads, holding a slot.
  tl::expected<Account, LoginFailure> check_password_now(std::string_view username, std::string_view password);
  void upgrade_hash(const std::string& username, std::string_view password);

  AccountStoreOptions options_;
  PasswordGate& gate_;
  LogSink log_;
  password::DummyVerifier dummy_;
  mutable std::shared_mutex users_mutex_;
  config::UsersFile users_;
  std::mutex write_mutex_;  // one writer of the users file at a time
};

}  // namespace authprobe::server
