#include "reference/server/login/login_throttle.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include <arpa/inet.h>
#include <sodium.h>

#include "reference/password/sodium_ready.hpp"

namespace authprobe::server {
namespace {

// Domain separation: a username and an address with the same bytes are different keys.
constexpr unsigned char account_tag = 'u';
constexpr unsigned char address_tag = 'a';
constexpr std::size_t ipv6_prefix_bytes = 8;  // /64
constexpr unsigned max_doublings = 30;        // 2^30 * base is far past any max_delay

static_assert(LoginThrottle::key_bytes >= crypto_generichash_BYTES_MIN);

// "2001:db8:1:2:aaaa::1" -> its /64 prefix bytes; IPv4 (and anything unparsable) as given.
std::string address_identity(std::string_view address) {
  std::array<unsigned char, sizeof(in6_addr)> v6{};
  const std::string text(address);
  if (address.find(':') != std::string_view::npos && ::inet_pton(AF_INET6, text.c_str(), v6.data()) == 1)
    return std::string("v6/64:").append(reinterpret_cast<const char*>(v6.data()), ipv6_prefix_bytes);
  return text;
}

}  // namespace

std::size_t LoginThrottle::KeyHash::operator()(const Key& key) const noexcept {
  std::size_t h = 0;  // the key is already a keyed digest: any of its bytes are uniform
  std::memcpy(&h, key.data(), sizeof h);
  return h;
}

LoginThrottle::Table::Table(unsigned free_failures, const config::LoginThrottleConfig& config)
    : free_failures_(free_failures), config_(config) {}

bool LoginThrottle::Table::stale(const Entry& entry, std::int64_t now) const {
  return now >= entry.locked_until && now - entry.last_failure >= config_.forget_after.count();
}

std::int64_t LoginThrottle::Table::locked_until(const Key& key, std::int64_t now) {
  const auto it = entries_.find(key);
  if (it == entries_.end()) return 0;
  if (stale(it->second, now)) {
    entries_.erase(it);
    return 0;
  }
  return it->second.locked_until;
}

void LoginThrottle::Table::make_room(std::int64_t now) {
  if (entries_.size() < config_.max_tracked_keys) return;
  std::erase_if(entries_, [&](const auto& item) { return stale(item.second, now); });
  if (entries_.size() < config_.max_tracked_keys) return;
  const auto oldest = std::min_element(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
    return a.second.last_failure < b.second.last_failure;
  });
  entries_.erase(oldest);
}

void LoginThrottle::Table::fail(const Key& key, std::int64_t now) {
  auto it = entries_.find(key);
  if (it != entries_.end() && stale(it->second, now)) {
    entries_.erase(it);
    it = entries_.end();
  }
  if (it == entries_.end()) {
    make_room(now);
    it = entries_.emplace(key, Entry{}).first;
  }
  Entry& entry = it->second;
  ++entry.failures;
  entry.last_failure = now;
  if (entry.failures < free_failures_) return;
  const unsigned doublings = std::min(entry.failures - free_failures_, max_doublings);
  const std::int64_t delay =
      std::min(config_.base_delay.count() << doublings, config_.max_delay.count());
  // The clock counts whole seconds: +1 makes the lockout last at least `delay` real seconds.
  entry.locked_until = now + delay + 1;
}

LoginThrottle::LoginThrottle(config::LoginThrottleConfig config)
    : config_(config),
      accounts_(config_.account_failures, config_),
      addresses_(config_.address_failures, config_) {
  password::require_sodium();
  randombytes_buf(hash_key_.data(), hash_key_.size());
}

LoginThrottle::Key LoginThrottle::account_key(std::string_view username) const {
  Key key{};
  crypto_generichash_state state;
  crypto_generichash_init(&state, hash_key_.data(), hash_key_.size(), key.size());
  crypto_generichash_update(&state, &account_tag, 1);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(username.data()), username.size());
  crypto_generichash_final(&state, key.data(), key.size());
  return key;
}

LoginThrottle::Key LoginThrottle::address_key(std::string_view address) const {
  const std::string identity = address_identity(address);
  Key key{};
  crypto_generichash_state state;
  crypto_generichash_init(&state, hash_key_.data(), hash_key_.size(), key.size());
  crypto_generichash_update(&state, &address_tag, 1);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(identity.data()), identity.size());
  crypto_generichash_final(&state, key.data(), key.size());
  return key;
}

std::optional<std::chrono::seconds> LoginThrottle::admit(std::string_view username, std::string_view address,
                                                         std::int64_t now) {
  if (!config_.enabled) return std::nullopt;
  const Key account = account_key(username);
  const Key source = address_key(address);
  std::lock_guard lock(mutex_);
  const std::int64_t until = std::max(accounts_.locked_until(account, now), addresses_.locked_until(source, now));
  if (now >= until) return std::nullopt;
  return std::chrono::seconds(until - now);
}

void LoginThrottle::record_failure(std::string_view username, std::string_view address, std::int64_t now) {
  if (!config_.enabled) return;
  const Key account = account_key(username);
  const Key source = address_key(address);
  std::lock_guard lock(mutex_);
  accounts_.fail(account, now);
  addresses_.fail(source, now);
}

void LoginThrottle::record_success(std::string_view username) {
  if (!config_.enabled) return;
  const Key account = account_key(username);
  std::lock_guard lock(mutex_);
  accounts_.forget(account);
}

std::size_t LoginThrottle::tracked_accounts() const {
  std::lock_guard lock(mutex_);
  return accounts_.size();
}

std::size_t LoginThrottle::tracked_addresses() const {
  std::lock_guard lock(mutex_);
  return addresses_.size();
}

}  // namespace authprobe::server
