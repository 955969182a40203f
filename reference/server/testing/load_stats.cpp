#include "reference/server/testing/load_stats.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace authprobe::server::testing {
namespace {
constexpr double us_per_ms = 1000.0;
constexpr double max_percentile = 100.0;
constexpr std::int64_t max_env_seconds = 24 * 60 * 60;
}  // namespace

void LoadFigures::add_error(std::string reason) {
  ++errors;
  ++error_reasons[std::move(reason)];
}

void LoadFigures::merge(const LoadFigures& other) {
  requests += other.requests;
  errors += other.errors;
  server_errors += other.server_errors;
  retries += other.retries;
  for (const auto& [reason, count] : other.error_reasons) error_reasons[reason] += count;
  latency_us.insert(latency_us.end(), other.latency_us.begin(), other.latency_us.end());
}

std::int64_t LoadFigures::percentile_us(double p) const {
  if (latency_us.empty()) return 0;
  std::vector<std::int64_t> sorted = latency_us;
  std::sort(sorted.begin(), sorted.end());
  const auto last = static_cast<double>(sorted.size() - 1);
  const auto at = static_cast<std::size_t>(std::clamp(p, 0.0, max_percentile) / max_percentile * last);
  return sorted[at];
}

void print_figures(std::string_view name, const LoadFigures& f, std::chrono::duration<double> elapsed) {
  const double seconds = elapsed.count();
  const double rate = seconds > 0 ? static_cast<double>(f.requests) / seconds : 0.0;
  std::printf("LOAD %.*s: %llu requests in %.1f s (%.0f/s), %llu errors, %llu 5xx, %llu retried, p50 %.2f ms, "
              "p99 %.2f ms, max %.2f ms\n",
              static_cast<int>(name.size()), name.data(), static_cast<unsigned long long>(f.requests), seconds, rate,
              static_cast<unsigned long long>(f.errors), static_cast<unsigned long long>(f.server_errors),
              static_cast<unsigned long long>(f.retries),
              static_cast<double>(f.percentile_us(50)) / us_per_ms, static_cast<double>(f.percentile_us(99)) / us_per_ms,
              static_cast<double>(f.percentile_us(max_percentile)) / us_per_ms);
  for (const auto& [reason, count] : f.error_reasons)
    std::printf("LOAD %.*s: %llu x %s\n", static_cast<int>(name.size()), name.data(),
                static_cast<unsigned long long>(count), reason.c_str());
  std::fflush(stdout);
}

std::chrono::seconds seconds_from_env(const char* name, std::chrono::seconds fallback) {
  const char* text = std::getenv(name);
  if (text == nullptr) return fallback;
  std::int64_t value = 0;
  const char* end = text + std::strlen(text);
  const auto [stop, error] = std::from_chars(text, end, value);
  if (error != std::errc{} || stop != end || value < 1 || value > max_env_seconds) return fallback;
  return std::chrono::seconds(value);
}

}  // namespace authprobe::server::testing
