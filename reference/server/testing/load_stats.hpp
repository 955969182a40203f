#pragma once
// Figures for load tests: requests, errors and latency percentiles, printed to stdout so the
// CI log carries the requests served, the errors and p99 of every load run.
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace authprobe::server::testing {

struct LoadFigures {
  std::uint64_t requests = 0;
  std::uint64_t errors = 0;          // transport failures and unexpected statuses
  std::uint64_t server_errors = 0;   // 5xx
  std::uint64_t retries = 0;         // requests resent once after a keep-alive close race
  std::vector<std::int64_t> latency_us;
  std::map<std::string, std::uint64_t> error_reasons;  // how each error looked, printed with the figures

  void add_error(std::string reason);
  void merge(const LoadFigures& other);
  [[nodiscard]] std::int64_t percentile_us(double p) const;  // p in [0, 100]; sorts a copy
};

// One line: "<name>: N requests in S s (R/s), E errors, F 5xx, T retried, p50 .. ms, p99 .. ms,
// max .. ms",
// then one line per kind of error.
void print_figures(std::string_view name, const LoadFigures& figures, std::chrono::duration<double> elapsed);

// A duration from the environment (whole seconds), else `fallback`: CI keeps the default,
// a longer soak sets e.g. AUTHPROBE_LOAD_SECONDS=300.
[[nodiscard]] std::chrono::seconds seconds_from_env(const char* name, std::chrono::seconds fallback);

}  // namespace authprobe::server::testing
