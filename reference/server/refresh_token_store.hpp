#pragma once
// Opaque refresh tokens (RFC 6749 §6) with rotation and reuse detection (RFC 9700 §4.14.2):
// every use returns a new token of the same family and retires the old one; presenting a
// retired token again means it leaked, so the whole family is revoked. Tokens are stored as
// SHA-256 digests, bound to the client they were issued to.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include <tl/expected.hpp>

namespace authprobe::server {

struct RefreshGrant {
  std::string username;
  std::string client_id;
  std::string scope;  // the scope of the original grant; refreshes may only narrow it
};

enum class RefreshError {
  unknown,       // never issued, or purged after expiry
  expired,
  reused,        // already rotated: the family is now revoked
  revoked,       // the family was revoked earlier
  wrong_client,  // issued to another client (RFC 6749 §6: bound to the client)
};

class RefreshTokenStore {
 public:
  RefreshTokenStore(std::chrono::seconds ttl, std::size_t max_tokens);

  // A new token starting a new family.
  [[nodiscard]] std::string issue(RefreshGrant grant, std::int64_t now);

  // What `token` grants, without using it up (a reused token still revokes its family).
  [[nodiscard]] tl::expected<RefreshGrant, RefreshError> inspect(std::string_view token, std::string_view client_id,
                                                                 std::int64_t now);

  // Retires `token` and returns its successor in the same family, atomically: of two
  // concurrent uses only one succeeds, the other is a reuse.
  [[nodiscard]] tl::expected<std::string, RefreshError> rotate(std::string_view token, std::string_view client_id,
                                                               std::int64_t now);

  [[nodiscard]] std::size_t size() const;

 private:
  struct Entry {
    RefreshGrant grant;
    std::string family;
    std::int64_t expires_at = 0;
    bool used = false;
  };

  tl::expected<Entry*, RefreshError> find_usable(std::string_view token, std::string_view client_id, std::int64_t now);
  std::string insert(RefreshGrant grant, std::string family, std::int64_t now);
  void revoke_family(const std::string& family);
  void purge_expired(std::int64_t now);

  std::chrono::seconds ttl_;
  std::size_t max_tokens_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> by_digest_;
  std::unordered_map<std::string, std::int64_t> revoked_families_;  // family -> when it may be forgotten
};

}  // namespace authprobe::server
