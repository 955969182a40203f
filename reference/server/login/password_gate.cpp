#include "reference/server/login/password_gate.hpp"

#include <algorithm>

namespace authprobe::server {

PasswordGate::Permit::Permit(Permit&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }

PasswordGate::Permit::~Permit() {
  if (gate_ != nullptr) gate_->release();
}

PasswordGate::PasswordGate(GateLimits limits)
    : limits_{std::max(limits.concurrency, 1U), limits.queue_limit, limits.max_wait}, workers_(limits_.concurrency) {}

std::optional<PasswordGate::Permit> PasswordGate::try_acquire() {
  const std::lock_guard lock(mutex_);
  if (in_use_ >= limits_.concurrency) return std::nullopt;
  ++in_use_;
  return Permit(this);
}

std::optional<PasswordGate::Permit> PasswordGate::acquire() {
  std::unique_lock lock(mutex_);
  if (in_use_ < limits_.concurrency) {
    ++in_use_;
    return Permit(this);
  }
  if (waiting_ >= limits_.queue_limit) return std::nullopt;
  ++waiting_;
  const bool got_slot = slot_freed_.wait_for(lock, limits_.max_wait, [this] { return in_use_ < limits_.concurrency; });
  --waiting_;
  if (!got_slot) return std::nullopt;
  ++in_use_;
  return Permit(this);
}

unsigned PasswordGate::in_use() const {
  const std::lock_guard lock(mutex_);
  return in_use_;
}

void PasswordGate::release() {
  {
    const std::lock_guard lock(mutex_);
    --in_use_;
  }
  slot_freed_.notify_one();
}

}  // namespace authprobe::server
