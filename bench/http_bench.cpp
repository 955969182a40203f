// The HTTP suite, end to end against one server: the unauthenticated baseline route, the
// bearer-protected route (keep-alive, 1..N client threads), the password-grant login rate,
// and the protected route while a login storm runs. Each Google Benchmark iteration is one
// batch of requests per client thread, timed as wall time (manual time); latencies go into
// p50/p90/p99 counters and only 2xx responses count as throughput.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "bench/http_session.hpp"
#include "bench/median.hpp"
#include "bench/names.hpp"
#include "bench/suites.hpp"

namespace authprobe::bench {
namespace {

using SessionPtr = std::shared_ptr<HttpSession>;
using Clients = std::vector<std::unique_ptr<httplib::Client>>;

constexpr std::size_t route_requests_per_client = 256;  // per batch: tens of milliseconds
constexpr std::size_t login_requests_per_client = 4;    // a login costs one password hash
constexpr std::chrono::milliseconds batch_time_budget{10000};
constexpr std::chrono::seconds storm_max_duration{600};
constexpr double p50 = 0.50;
constexpr double p90 = 0.90;
constexpr double p99 = 0.99;

struct Scenario {
  unsigned threads = 1;
  std::size_t requests_per_client = route_requests_per_client;
  unsigned storm_threads = 0;  // logins running in the background
};

// One keep-alive client per thread, each connected by one request before anything is timed.
tl::expected<Clients, std::string> connect(const HttpSession& session, const RequestSpec& spec, unsigned threads) {
  Clients clients;
  for (unsigned i = 0; i < threads; ++i) {
    clients.push_back(make_client(session.base_url()));
    const int status = send_once(*clients.back(), spec);
    if (status < 0) return tl::unexpected("target unreachable at " + session.base_url());
  }
  return clients;
}

void set_counters(benchmark::State& state, LoadTotals& totals) {
  auto& c = state.counters;
  c[std::string(counter::req_per_s)] = totals.wall_seconds > 0 ? static_cast<double>(totals.ok) / totals.wall_seconds : 0;
  c[std::string(counter::errors)] = static_cast<double>(totals.errors);
  c[std::string(counter::p50_us)] = totals.latencies.percentile_us(p50);
  c[std::string(counter::p90_us)] = totals.latencies.percentile_us(p90);
  c[std::string(counter::p99_us)] = totals.latencies.percentile_us(p99);
  state.SetItemsProcessed(static_cast<std::int64_t>(totals.ok));
}

void run_load(benchmark::State& state, const HttpSession& session, const RequestSpec& spec, const Scenario& scenario,
              const RequestSpec* storm_login) {
  auto clients = connect(session, spec, scenario.threads);
  if (!clients) {
    state.SkipWithError(clients.error().c_str());
    return;
  }
  std::unique_ptr<LoginStorm> storm;
  if (storm_login != nullptr && scenario.storm_threads > 0)
    storm = std::make_unique<LoginStorm>(session.base_url(), *storm_login, scenario.storm_threads, storm_max_duration);

  LoadTotals totals;
  const BatchLimits limits{scenario.requests_per_client, batch_time_budget};
  for (auto _ : state) {
    const LoadTotals batch = run_batch(*clients, spec, limits);
    state.SetIterationTime(batch.wall_seconds);
    totals.add(batch);
  }
  set_counters(state, totals);
  if (storm) {
    const auto outcome = storm->stop();
    state.counters[std::string(counter::storm_logins_per_s)] = outcome.logins_per_second;
    state.counters[std::string(counter::storm_errors)] = static_cast<double>(outcome.errors);
  }
}

void open_route(benchmark::State& state, const SessionPtr& session, Scenario scenario) {
  run_load(state, *session, session->open_route(), scenario, nullptr);
}

void protected_route(benchmark::State& state, const SessionPtr& session, Scenario scenario) {
  const auto spec = session->protected_route();
  if (!spec) {
    state.SkipWithError(spec.error().c_str());
    return;
  }
  if (scenario.storm_threads == 0) {
    run_load(state, *session, *spec, scenario, nullptr);
    return;
  }
  const auto login = session->login();
  if (!login) {
    state.SkipWithError(login.error().c_str());
    return;
  }
  run_load(state, *session, *spec, scenario, &*login);
}

void login(benchmark::State& state, const SessionPtr& session, Scenario scenario) {
  const auto spec = session->login();
  if (!spec) {
    state.SkipWithError(spec.error().c_str());
    return;
  }
  // The hash is timed next to the logins (not at start-up) so both see the same neighbours.
  const auto hash_ms = session->measure_hash_ms();
  run_load(state, *session, *spec, scenario, nullptr);
  state.counters[std::string(counter::hash_slots)] = session->hash_slots();
  if (hash_ms) state.counters[std::string(counter::hash_ms)] = *hash_ms;
}

// Open and protected batches alternate on one server, so a neighbour's burst of load hits
// both rates alike. The ratio judged (target "≥ 0.95x") is the median over iterations of
// each pair's protected rate over its open rate: on a shared machine a burst of outside load
// lands in one batch, which skews a ratio of totals but not the median of the pairs.
void protected_vs_open(benchmark::State& state, const SessionPtr& session, Scenario scenario) {
  const auto guarded = session->protected_route();
  if (!guarded) {
    state.SkipWithError(guarded.error().c_str());
    return;
  }
  const RequestSpec open = session->open_route();
  auto open_clients = connect(*session, open, scenario.threads);
  auto guarded_clients = connect(*session, *guarded, scenario.threads);
  if (!open_clients || !guarded_clients) {
    state.SkipWithError(open_clients ? guarded_clients.error().c_str() : open_clients.error().c_str());
    return;
  }
  LoadTotals open_totals;
  LoadTotals guarded_totals;
  const BatchLimits limits{scenario.requests_per_client, batch_time_budget};
  bool open_first = true;  // the order flips every iteration, so neither route always runs warm
  std::vector<double> pair_ratios;
  for (auto _ : state) {
    LoadTotals open_batch;
    LoadTotals guarded_batch;
    if (open_first) open_batch = run_batch(*open_clients, open, limits);
    guarded_batch = run_batch(*guarded_clients, *guarded, limits);
    if (!open_first) open_batch = run_batch(*open_clients, open, limits);
    open_first = !open_first;
    state.SetIterationTime(open_batch.wall_seconds + guarded_batch.wall_seconds);
    open_totals.add(open_batch);
    guarded_totals.add(guarded_batch);
    if (open_batch.ok > 0 && guarded_batch.wall_seconds > 0)
      pair_ratios.push_back((static_cast<double>(guarded_batch.ok) / guarded_batch.wall_seconds) /
                            (static_cast<double>(open_batch.ok) / open_batch.wall_seconds));
  }
  set_counters(state, guarded_totals);
  const double open_rate =
      open_totals.wall_seconds > 0 ? static_cast<double>(open_totals.ok) / open_totals.wall_seconds : 0;
  state.counters[std::string(counter::open_req_per_s)] = open_rate;
  state.counters[std::string(counter::errors)] = static_cast<double>(open_totals.errors + guarded_totals.errors);
  if (!pair_ratios.empty()) state.counters[std::string(counter::protected_over_open)] = median(pair_ratios);
}

std::string name_of(std::string_view family_name, unsigned threads, unsigned storm = 0) {
  std::string name(family_name);
  name.append("/").append(arg::threads).append(":").append(std::to_string(threads));
  if (storm > 0) name.append("/").append(arg::storm).append(":").append(std::to_string(storm));
  return name;
}

template <typename Fn>
void add(const std::string& name, Fn fn, const SessionPtr& session, Scenario scenario) {
  benchmark::RegisterBenchmark(name.c_str(), fn, session, scenario)
      ->UseManualTime()
      ->Unit(benchmark::kMillisecond);
}

}  // namespace

void register_http_suite(const SessionPtr& session) {
  const auto& options = session->options();
  const unsigned slots = session->hash_slots();
  const unsigned storm_threads = options.storm_threads != 0 ? options.storm_threads : slots;
  const unsigned login_threads = options.login_threads != 0 ? options.login_threads : 2 * slots;
  for (const unsigned threads : options.client_threads) {
    add(name_of(family::http_open, threads), open_route, session, Scenario{threads});
    add(name_of(family::http_protected, threads), protected_route, session, Scenario{threads});
    add(name_of(family::http_paired, threads), protected_vs_open, session, Scenario{threads});
  }
  add(name_of(family::http_login, login_threads), login, session,
      Scenario{login_threads, login_requests_per_client, 0});
  for (const unsigned threads : options.client_threads)
    add(name_of(family::http_storm, threads, storm_threads), protected_route, session,
        Scenario{threads, route_requests_per_client, storm_threads});
}

}  // namespace authprobe::bench
