#pragma once
// Request latencies of one benchmark, merged over its batches and threads, read back as
// percentiles (nearest rank) for the p50/p90/p99 counters.
#include <cstdint>
#include <vector>

namespace authprobe::bench {

class LatencySamples {
 public:
  void add(std::int64_t latency_ns) { samples_.push_back(latency_ns); }
  void append(const LatencySamples& other);
  [[nodiscard]] std::size_t size() const { return samples_.size(); }
  // The q-quantile (0 < q <= 1) in microseconds by nearest rank; 0 when there are no samples.
  // Reorders the samples.
  [[nodiscard]] double percentile_us(double q);

 private:
  std::vector<std::int64_t> samples_;
};

}  // namespace authprobe::bench
