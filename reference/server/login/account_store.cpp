#include "reference/server/login/account_store.hpp"

#include <utility>

#include "reference/server/tokens/scope.hpp"

namespace authprobe::server {
namespace {

Account to_account(const config::User& user) {
  return Account{user.username, user.roles, user.scopes, user.disabled, user.full_name, user.email};
}

}  // namespace

AccountStore::AccountStore(config::UsersFile users, AccountStoreOptions options, PasswordGate& gate, LogSink log)
    : options_(std::move(options)),
      gate_(gate),
      log_(std::move(log)),
      dummy_(options_.policy),
      users_(std::move(users)) {}

tl::expected<Account, LoginFailure> AccountStore::check_password(std::string_view username,
                                                                 std::string_view password) {
  auto checked = gate_.run([&] { return check_password_now(username, password); });
  if (!checked) return tl::unexpected(LoginFailure::busy);
  return std::move(*checked);
}

tl::expected<Account, LoginFailure> AccountStore::check_password_now(std::string_view username,
                                                                     std::string_view password) {
  std::optional<config::User> user;
  {
    const std::shared_lock lock(users_mutex_);
    if (const auto* found = users_.find_user(username)) user = *found;
  }
  if (!user) {
    dummy_.burn(password);
    return tl::unexpected(LoginFailure::bad_credentials);
  }
  const auto verified = password::verify_password(password, user->password_hash);
  if (!verified) {
    // A refused password (too long, > 72 bytes against bcrypt) is a plain mismatch to the
    // client; a malformed stored hash is an operator problem worth a log line.
    if (verified.error().code != password::PasswordErrc::password_too_long &&
        verified.error().code != password::PasswordErrc::too_long_for_bcrypt)
      log_("cannot verify the password of user " + user->username + ": " + verified.error().message());
    return tl::unexpected(LoginFailure::bad_credentials);
  }
  if (!*verified) return tl::unexpected(LoginFailure::bad_credentials);
  if (user->disabled) return tl::unexpected(LoginFailure::inactive);

  if (options_.rehash_on_login && password::needs_rehash(user->password_hash, options_.policy))
    upgrade_hash(user->username, password);
  return to_account(*user);
}

void AccountStore::upgrade_hash(const std::string& username, std::string_view password) {
  auto fresh = password::hash_password(password, options_.policy);
  if (!fresh) {
    log_("cannot rehash the password of user " + username + ": " + fresh.error().message());
    return;
  }
  const std::lock_guard write_lock(write_mutex_);
  config::UsersFile copy;
  {
    const std::unique_lock lock(users_mutex_);
    auto* user = users_.find_user(username);
    if (user == nullptr) return;
    user->password_hash = std::move(*fresh);
    copy = users_;
  }
  if (!options_.write_back) return;
  if (auto saved = config::save_users(copy, *options_.write_back); !saved)
    log_("upgraded hash kept in memory only: " + saved.error().message());
  else
    log_("upgraded the password hash of user " + username + " to the current policy");
}

std::optional<Account> AccountStore::find(std::string_view username) const {
  const std::shared_lock lock(users_mutex_);
  if (const auto* user = users_.find_user(username)) return to_account(*user);
  return std::nullopt;
}

std::optional<config::Client> AccountStore::find_client(std::string_view client_id) const {
  const std::shared_lock lock(users_mutex_);
  if (const auto* client = users_.find_client(client_id)) return *client;
  return std::nullopt;
}

std::vector<std::string> AccountStore::known_scopes() const {
  const std::shared_lock lock(users_mutex_);
  std::vector<std::string> known;
  for (const auto& user : users_.users)
    for (const auto& scope : user.scopes)
      if (!contains_token(known, scope)) known.push_back(scope);
  return known;
}

void AccountStore::replace(config::UsersFile users) {
  const std::unique_lock lock(users_mutex_);
  users_ = std::move(users);
}

config::UsersFile AccountStore::snapshot() const {
  const std::shared_lock lock(users_mutex_);
  return users_;
}

}  // namespace authprobe::server
