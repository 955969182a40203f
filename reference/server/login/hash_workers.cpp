#include "reference/server/login/hash_workers.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace authprobe::server {
namespace {

// Linux applies setpriority(PRIO_PROCESS, tid) to one thread; raising a nice value needs no
// privilege (lowering it back would, which is why these threads are dedicated).
bool lower_this_thread_priority() {
  const id_t thread_id = static_cast<id_t>(gettid());
  errno = 0;
  const int current = getpriority(PRIO_PROCESS, thread_id);
  if (current == -1 && errno != 0) return false;
  return setpriority(PRIO_PROCESS, thread_id, current + hash_thread_nice_increment) == 0;
}

}  // namespace

HashWorkers::HashWorkers(unsigned threads) {
  threads = std::max(threads, 1U);
  threads_.reserve(threads);
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
}

HashWorkers::~HashWorkers() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  job_queued_.notify_all();
  for (auto& thread : threads_) thread.join();
}

void HashWorkers::run(std::function<void()> job) {
  std::packaged_task<void()> task(std::move(job));
  auto done = task.get_future();
  {
    const std::lock_guard lock(mutex_);
    queue_.push_back(std::move(task));
  }
  job_queued_.notify_one();
  done.get();
}

void HashWorkers::work() {
  // Where setpriority is refused the hashes run at normal priority, still bounded by the gate.
  (void)lower_this_thread_priority();
  std::unique_lock lock(mutex_);
  while (true) {
    job_queued_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, nothing left
    auto task = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    task();
    lock.lock();
  }
}

}  // namespace authprobe::server
