#include "bench/http_load.hpp"

#include <latch>
#include <thread>


namespace authprobe::bench {
namespace {

using steady = std::chrono::steady_clock;

constexpr time_t connect_timeout_seconds = 2;
constexpr time_t io_timeout_seconds = 10;
constexpr int status_ok_first = 200;  // 2xx: RFC 9110 §15.3
constexpr int status_ok_last = 299;
constexpr std::uint64_t max_storm_logins_per_thread = 1'000'000;

bool is_success(int status) { return status >= status_ok_first && status <= status_ok_last; }

httplib::Result exchange(httplib::Client& client, const RequestSpec& spec) {
  if (spec.method == "POST") {
    if (!spec.form.empty()) return client.Post(spec.path, spec.headers, spec.form);
    return client.Post(spec.path, spec.headers, spec.body, spec.content_type);
  }
  return client.Get(spec.path, spec.headers);
}

}  // namespace

void LoadTotals::add(const LoadTotals& batch) {
  ok += batch.ok;
  errors += batch.errors;
  wall_seconds += batch.wall_seconds;
  latencies.append(batch.latencies);
}

std::unique_ptr<httplib::Client> make_client(const std::string& base_url) {
  auto client = std::make_unique<httplib::Client>(base_url);
  client->set_keep_alive(true);
  client->set_connection_timeout(connect_timeout_seconds, 0);
  client->set_read_timeout(io_timeout_seconds, 0);
  client->set_write_timeout(io_timeout_seconds, 0);
  return client;
}

int send_once(httplib::Client& client, const RequestSpec& spec) {
  auto result = exchange(client, spec);
  return result ? result->status : -1;
}

LoadTotals run_batch(std::vector<std::unique_ptr<httplib::Client>>& clients, const RequestSpec& spec,
                     const BatchLimits& limits) {
  std::vector<LoadTotals> per_thread(clients.size());
  std::latch ready(static_cast<std::ptrdiff_t>(clients.size()) + 1);
  std::vector<std::thread> workers;
  workers.reserve(clients.size());
  steady::time_point deadline{};
  for (std::size_t i = 0; i < clients.size(); ++i) {
    workers.emplace_back([&, i] {
      LoadTotals& mine = per_thread[i];
      ready.arrive_and_wait();
      for (std::size_t n = 0; n < limits.requests_per_client && steady::now() < deadline; ++n) {
        const auto start = steady::now();
        const int status = send_once(*clients[i], spec);
        mine.latencies.add(std::chrono::duration_cast<std::chrono::nanoseconds>(steady::now() - start).count());
        if (is_success(status)) ++mine.ok;
        else ++mine.errors;
      }
    });
  }
  const auto start = steady::now();
  deadline = start + limits.time_budget;
  ready.arrive_and_wait();
  for (auto& worker : workers) worker.join();
  LoadTotals total;
  for (const auto& mine : per_thread) total.add(mine);
  total.wall_seconds = std::chrono::duration<double>(steady::now() - start).count();
  return total;
}

LoginStorm::LoginStorm(const std::string& base_url, RequestSpec login, unsigned threads,
                       std::chrono::seconds max_duration)
    : started_(steady::now()) {
  const auto deadline = started_ + max_duration;
  for (unsigned i = 0; i < threads; ++i) {
    threads_.emplace_back([this, base_url, login, deadline] {
      auto client = make_client(base_url);
      for (std::uint64_t n = 0; n < max_storm_logins_per_thread && !stop_.load() && steady::now() < deadline; ++n) {
        if (is_success(send_once(*client, login))) ok_.fetch_add(1);
        else errors_.fetch_add(1);
      }
    });
  }
}

LoginStorm::~LoginStorm() { stop(); }

LoginStorm::Outcome LoginStorm::stop() {
  if (stopped_) return outcome_;
  stop_.store(true);
  for (auto& thread : threads_) thread.join();
  stopped_ = true;
  const double seconds = std::chrono::duration<double>(steady::now() - started_).count();
  outcome_.logins_per_second = seconds > 0 ? static_cast<double>(ok_.load()) / seconds : 0;
  outcome_.errors = errors_.load();
  return outcome_;
}

}  // namespace authprobe::bench
