#pragma once
// Online password guessing is slowed down (ASVS 4.0.3 V2.2.1; RFC 6749 §4.3.2; RFC 6819
// §4.4.3.6; catalog BASIC-13, TOKEN-25). Failures are counted per username and per client
// address; past the free allowance each further failure locks the key for a delay that doubles
// (base_delay, 2x, 4x ... capped at max_delay) and the server answers 429 with Retry-After
// without checking the password at all.
//   - Soft lockout only: every lockout expires by itself, so an attacker cannot lock a user out
//     for good; a refused (429) attempt does not count as a failure and cannot extend it.
//   - A correct password after a lockout has expired clears the account's count. The address
//     count is not cleared by a success: one valid account must not reset a spraying source.
//   - Unknown usernames are counted exactly like real ones (no account enumeration).
//   - Bounded memory: keys are 16-byte keyed BLAKE2b digests (a 1 MiB username costs what a
//     short one does), a key with no failure for forget_after is dropped, and each table holds
//     at most max_tracked_keys (when full, the key with the oldest failure is evicted).
//   - IPv6 clients are counted per /64, the block one subscriber usually holds (RFC 6177).
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "reference/config/login_throttle_config.hpp"

namespace authprobe::server {

class LoginThrottle {
 public:
  explicit LoginThrottle(config::LoginThrottleConfig config);
  LoginThrottle(const LoginThrottle&) = delete;  // the tables refer to config_
  LoginThrottle& operator=(const LoginThrottle&) = delete;

  // nullopt: go ahead and check the password. Otherwise: refuse, and say when to retry.
  [[nodiscard]] std::optional<std::chrono::seconds> admit(std::string_view username, std::string_view address,
                                                          std::int64_t now);
  void record_failure(std::string_view username, std::string_view address, std::int64_t now);
  void record_success(std::string_view username);

  [[nodiscard]] bool enabled() const { return config_.enabled; }
  [[nodiscard]] std::size_t tracked_accounts() const;
  [[nodiscard]] std::size_t tracked_addresses() const;

  static constexpr std::size_t key_bytes = 16;
  using Key = std::array<unsigned char, key_bytes>;

 private:
  struct Entry {
    unsigned failures = 0;
    std::int64_t last_failure = 0;
    std::int64_t locked_until = 0;  // refused while now < locked_until
  };
  struct KeyHash {
    std::size_t operator()(const Key& key) const noexcept;
  };
  class Table {
   public:
    Table(unsigned free_failures, const config::LoginThrottleConfig& config);
    [[nodiscard]] std::int64_t locked_until(const Key& key, std::int64_t now);
    void fail(const Key& key, std::int64_t now);
    void forget(const Key& key) { entries_.erase(key); }
    [[nodiscard]] std::size_t size() const { return entries_.size(); }

   private:
    [[nodiscard]] bool stale(const Entry& entry, std::int64_t now) const;
    void make_room(std::int64_t now);

    unsigned free_failures_;
    const config::LoginThrottleConfig& config_;
    std::unordered_map<Key, Entry, KeyHash> entries_;
  };

  [[nodiscard]] Key account_key(std::string_view username) const;
  [[nodiscard]] Key address_key(std::string_view address) const;

  config::LoginThrottleConfig config_;
  std::array<unsigned char, 32> hash_key_{};  // random per process: digests cannot be precomputed
  mutable std::mutex mutex_;
  Table accounts_;
  Table addresses_;
};

}  // namespace authprobe::server
