#pragma once
// Bounds how many password hashes run at once (catalog HASH-08: password hashing must not
// starve token checks). A memory-hard hash at 19 MiB per call is a CPU and memory DoS
// lever, so the excess waits in a bounded queue for a bounded time and is otherwise refused
// (503 with Retry-After), while bearer-token requests never touch the gate. The hashes
// themselves run on the gate's low-priority threads (hash_workers.hpp).
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <type_traits>

#include "reference/server/login/hash_workers.hpp"

namespace authprobe::server {

struct GateLimits {
  unsigned concurrency = 1;                  // hashes running at once
  std::size_t queue_limit = 0;               // requests allowed to wait for a slot
  std::chrono::milliseconds max_wait{0};     // how long one of them may wait
};

class PasswordGate {
 public:
  // Holds one slot; releases it when destroyed.
  class Permit {
   public:
    Permit(Permit&& other) noexcept;
    Permit& operator=(Permit&&) = delete;
    Permit(const Permit&) = delete;
    Permit& operator=(const Permit&) = delete;
    ~Permit();

   private:
    friend class PasswordGate;
    explicit Permit(PasswordGate* gate) : gate_(gate) {}
    PasswordGate* gate_;
  };

  explicit PasswordGate(GateLimits limits);

  // A slot, possibly after queueing; nullopt when the queue is full or the wait timed out.
  [[nodiscard]] std::optional<Permit> acquire();
  // A slot only if one is free right now.
  [[nodiscard]] std::optional<Permit> try_acquire();

  // Takes a slot as acquire() does, runs `work` on one of the gate's hash threads (one per
  // slot, so a slot holder never waits for a thread) and returns its result; nullopt when no
  // slot could be had.
  template <typename Work>
  [[nodiscard]] std::optional<std::invoke_result_t<Work&>> run(Work&& work) {
    auto permit = acquire();
    if (!permit) return std::nullopt;
    std::optional<std::invoke_result_t<Work&>> result;
    workers_.run([&result, &work] { result.emplace(work()); });
    return result;
  }

  [[nodiscard]] const GateLimits& limits() const { return limits_; }
  [[nodiscard]] unsigned in_use() const;

 private:
  void release();

  GateLimits limits_;
  mutable std::mutex mutex_;
  std::condition_variable slot_freed_;
  unsigned in_use_ = 0;
  std::size_t waiting_ = 0;
  HashWorkers workers_;  // last: its threads stop before the rest of the gate goes
};

}  // namespace authprobe::server
