#pragma once
// The load the HTTP suite puts on a server: one keep-alive httplib::Client per thread, a
// batch of requests per thread bounded in count and in time, every response timed. Only 2xx
// responses count as served; anything else (and a failed exchange) counts as an error.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

#include "bench/latency.hpp"

namespace authprobe::bench {

struct RequestSpec {
  std::string method = "GET";
  std::string path;
  httplib::Headers headers;
  std::string body;
  std::string content_type;
  httplib::Params form;      // POST as application/x-www-form-urlencoded when not empty
};

struct LoadTotals {
  std::uint64_t ok = 0;
  std::uint64_t errors = 0;
  double wall_seconds = 0;
  LatencySamples latencies;

  void add(const LoadTotals& batch);
};

// One keep-alive connection to `base_url` (loopback or the --target).
[[nodiscard]] std::unique_ptr<httplib::Client> make_client(const std::string& base_url);

// Sends `spec` once; status on success, -1 when the exchange itself failed.
[[nodiscard]] int send_once(httplib::Client& client, const RequestSpec& spec);

struct BatchLimits {
  std::size_t requests_per_client = 0;
  std::chrono::milliseconds time_budget{0};  // a batch stops early when this runs out
};

// Runs one batch: each client on its own thread sends up to limits.requests_per_client
// requests, all threads starting together.
[[nodiscard]] LoadTotals run_batch(std::vector<std::unique_ptr<httplib::Client>>& clients, const RequestSpec& spec,
                                   const BatchLimits& limits);

// Background logins for the login-storm scenario: `threads` clients logging in until
// stopped, each loop bounded by `max_duration`.
class LoginStorm {
 public:
  LoginStorm(const std::string& base_url, RequestSpec login, unsigned threads, std::chrono::seconds max_duration);
  ~LoginStorm();
  LoginStorm(const LoginStorm&) = delete;
  LoginStorm& operator=(const LoginStorm&) = delete;

  // Stops and joins; returns logins/s and errors over the storm's life. Idempotent.
  struct Outcome {
    double logins_per_second = 0;
    std::uint64_t errors = 0;
  };
  Outcome stop();

 private:
  std::atomic<bool> stop_{false};
  std::atomic<std::uint64_t> ok_{0};
  std::atomic<std::uint64_t> errors_{0};
  std::chrono::steady_clock::time_point started_;
  std::vector<std::thread> threads_;
  Outcome outcome_;
  bool stopped_ = false;
};

}  // namespace authprobe::bench
