#pragma once
// The threads password hashes run on. A memory-hard hash is batch work that saturates a core
// for tens of milliseconds; a bearer-token request is a few microseconds that a client waits
// for. So hashes run on their own threads at a lower scheduling priority (nice +10: a weight
// of 110 against 1024 under Linux's CFS), and a login storm takes the CPU that token requests
// leave idle instead of an equal share of it (the protected route keeps its rate and p99 during
// a storm). The caller's thread waits for the result.
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace authprobe::server {

// How much lower than the server's other threads hash threads run (setpriority(2) units).
inline constexpr int hash_thread_nice_increment = 10;

class HashWorkers {
 public:
  explicit HashWorkers(unsigned threads);
  ~HashWorkers();  // finishes queued jobs, then joins
  HashWorkers(const HashWorkers&) = delete;
  HashWorkers& operator=(const HashWorkers&) = delete;

  // Runs `job` on a hash thread and returns when it has finished; an exception it throws is
  // rethrown here.
  void run(std::function<void()> job);

 private:
  void work();

  std::mutex mutex_;
  std::condition_variable job_queued_;
  std::deque<std::packaged_task<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace authprobe::server
