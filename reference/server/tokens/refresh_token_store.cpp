#include "reference/server/tokens/refresh_token_store.hpp"

#include <utility>

#include "reference/server/tokens/random_token.hpp"

namespace authprobe::server {
namespace {
constexpr std::size_t family_id_bytes = 16;
}

RefreshTokenStore::RefreshTokenStore(std::chrono::seconds ttl, std::size_t max_tokens)
    : ttl_(ttl), max_tokens_(max_tokens) {}

std::string RefreshTokenStore::issue(RefreshGrant grant, std::int64_t now) {
  const std::lock_guard lock(mutex_);
  std::string token = insert(std::move(grant), random_base64url(family_id_bytes), now);
  persist_locked();
  return token;
}

tl::expected<RefreshGrant, RefreshError> RefreshTokenStore::inspect(std::string_view token,
                                                                     std::string_view client_id, std::int64_t now) {
  const std::lock_guard lock(mutex_);
  auto entry = find_usable(token, client_id, now);
  if (!entry) {
    if (entry.error() == RefreshError::reused) persist_locked();  // the family was just revoked
    return tl::unexpected(entry.error());
  }
  return (*entry)->grant;
}

tl::expected<std::string, RefreshError> RefreshTokenStore::rotate(std::string_view token, std::string_view client_id,
                                                                  std::int64_t now) {
  const std::lock_guard lock(mutex_);
  auto entry = find_usable(token, client_id, now);
  if (!entry) {
    if (entry.error() == RefreshError::reused) persist_locked();
    return tl::unexpected(entry.error());
  }
  (*entry)->used = true;
  RefreshGrant grant = (*entry)->grant;
  std::string family = (*entry)->family;
  std::string successor = insert(std::move(grant), std::move(family), now);
  persist_locked();
  return successor;
}

RefreshTokenState RefreshTokenStore::export_state() const {
  const std::lock_guard lock(mutex_);
  return state_locked();
}

void RefreshTokenStore::import_state(RefreshTokenState state) {
  const std::lock_guard lock(mutex_);
  by_digest_.clear();
  revoked_families_.clear();
  for (auto& token : state.tokens)
    by_digest_.insert_or_assign(std::move(token.digest),
                                Entry{std::move(token.grant), std::move(token.family), token.expires_at, token.used});
  for (auto& [family, until] : state.revoked_families) revoked_families_.insert_or_assign(std::move(family), until);
}

RefreshTokenState RefreshTokenStore::state_locked() const {
  RefreshTokenState state;
  state.tokens.reserve(by_digest_.size());
  for (const auto& [digest, entry] : by_digest_)
    state.tokens.push_back({digest, entry.grant, entry.family, entry.expires_at, entry.used});
  for (const auto& [family, until] : revoked_families_) state.revoked_families.emplace_back(family, until);
  return state;
}

void RefreshTokenStore::persist_locked() const {
  if (persist_) persist_(state_locked());
}

std::size_t RefreshTokenStore::size() const {
  const std::lock_guard lock(mutex_);
  return by_digest_.size();
}

tl::expected<RefreshTokenStore::Entry*, RefreshError> RefreshTokenStore::find_usable(std::string_view token,
                                                                                     std::string_view client_id,
                                                                                     std::int64_t now) {
  const auto it = by_digest_.find(sha256_raw(token));
  if (it == by_digest_.end()) return tl::unexpected(RefreshError::unknown);
  Entry& entry = it->second;
  if (revoked_families_.contains(entry.family)) return tl::unexpected(RefreshError::revoked);
  if (entry.used) {
    // RFC 9700 §4.14.2: a rotated token presented again was stolen from the client or from
    // the attacker; the server cannot tell which, so every token of the family dies.
    revoke_family(entry.family);
    return tl::unexpected(RefreshError::reused);
  }
  if (entry.grant.client_id != client_id) return tl::unexpected(RefreshError::wrong_client);
  if (now >= entry.expires_at) return tl::unexpected(RefreshError::expired);
  return &entry;
}

std::string RefreshTokenStore::insert(RefreshGrant grant, std::string family, std::int64_t now) {
  if (by_digest_.size() >= max_tokens_) purge_expired(now);
  std::string token = random_base64url(refresh_token_bytes);
  Entry entry{std::move(grant), std::move(family), now + ttl_.count(), false};
  by_digest_.insert_or_assign(sha256_raw(token), std::move(entry));
  return token;
}

void RefreshTokenStore::revoke_family(const std::string& family) {
  std::int64_t latest_expiry = 0;
  for (const auto& [digest, entry] : by_digest_)
    if (entry.family == family && entry.expires_at > latest_expiry) latest_expiry = entry.expires_at;
  revoked_families_.insert_or_assign(family, latest_expiry);
}

void RefreshTokenStore::purge_expired(std::int64_t now) {
  std::erase_if(by_digest_, [now](const auto& item) { return item.second.expires_at <= now; });
  std::erase_if(revoked_families_, [now](const auto& item) { return item.second <= now; });
}

}  // namespace authprobe::server
