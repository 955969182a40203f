#include "bench/latency.hpp"

#include <algorithm>
#include <cmath>

namespace authprobe::bench {
namespace {
constexpr double ns_per_us = 1e3;
}  // namespace

void LatencySamples::append(const LatencySamples& other) {
  samples_.insert(samples_.end(), other.samples_.begin(), other.samples_.end());
}

double LatencySamples::percentile_us(double q) {
  if (samples_.empty()) return 0;
  // Nearest rank: the smallest sample with at least q of all samples at or below it.
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(samples_.size())));
  const std::size_t index = std::clamp<std::size_t>(rank, 1, samples_.size()) - 1;
  std::nth_element(samples_.begin(), samples_.begin() + static_cast<std::ptrdiff_t>(index), samples_.end());
  return static_cast<double>(samples_[index]) / ns_per_us;
}

}  // namespace authprobe::bench
