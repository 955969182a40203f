#pragma once
// Opaque refresh tokens (RFC 6749 §6) with rotation and reuse detection (RFC 9700 §4.14.2):
// every use returns a new token of the same family and retires the old one; presenting a
// retired token again means it leaked, so the whole family is revoked. Tokens are stored as
// SHA-256 digests, bound to the client they were issued to.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

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

// Everything the store knows, for a state file (refresh_token_state.hpp). Digests are raw
// SHA-256 bytes; the tokens themselves are never kept.
struct RefreshTokenState {
  struct Token {
    std::string digest;
    RefreshGrant grant;
    std::string family;
    std::int64_t expires_at = 0;
    bool used = false;
  };
  std::vector<Token> tokens;
  std::vector<std::pair<std::string, std::int64_t>> revoked_families;  // family, forget after
};

class RefreshTokenStore {
 public:
  RefreshTokenStore(std::chrono::seconds ttl, std::size_t max_tokens);

  // Called with the new state after every change, under the store's lock (so states are
  // written in order). Set once, before the server starts.
  using Persist = std::function<void(const RefreshTokenState&)>;
  void set_persist(Persist persist) { persist_ = std::move(persist); }
  [[nodiscard]] RefreshTokenState export_state() const;
  // Replaces the contents (at start, from the state file).
  void import_state(RefreshTokenState state);

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
  [[nodiscard]] RefreshTokenState state_locked() const;
  void persist_locked() const;

  std::chrono::seconds ttl_;
  std::size_t max_tokens_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> by_digest_;
  std::unordered_map<std::string, std::int64_t> revoked_families_;  // family -> when it may be forgotten
  Persist persist_;
};

}  // namespace authprobe::server
