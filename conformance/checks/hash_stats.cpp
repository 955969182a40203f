#include "conformance/checks/hash_stats.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace authprobe::conformance {

double median(std::vector<double> samples) {
  if (samples.empty()) return 0.0;
  std::sort(samples.begin(), samples.end());
  const std::size_t mid = samples.size() / 2;
  return samples.size() % 2 == 1 ? samples[mid] : (samples[mid - 1] + samples[mid]) / 2.0;
}

double mann_whitney_p(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.empty() || b.empty()) return 1.0;
  std::vector<std::pair<double, int>> all;
  for (const double x : a) all.emplace_back(x, 0);
  for (const double x : b) all.emplace_back(x, 1);
  std::sort(all.begin(), all.end());
  const auto n = static_cast<double>(all.size());
  double rank_sum_a = 0.0;
  double tie_term = 0.0;
  for (std::size_t i = 0; i < all.size();) {
    std::size_t j = i;
    while (j < all.size() && all[j].first == all[i].first) ++j;
    const double average_rank = (static_cast<double>(i) + static_cast<double>(j) + 1.0) / 2.0;
    const auto ties = static_cast<double>(j - i);
    tie_term += ties * ties * ties - ties;
    for (std::size_t k = i; k < j; ++k) {
      if (all[k].second == 0) rank_sum_a += average_rank;
    }
    i = j;
  }
  const auto n1 = static_cast<double>(a.size());
  const auto n2 = static_cast<double>(b.size());
  const double u = rank_sum_a - n1 * (n1 + 1.0) / 2.0;
  const double mean = n1 * n2 / 2.0;
  const double variance = n1 * n2 / 12.0 * ((n + 1.0) - tie_term / (n * (n - 1.0)));
  if (variance <= 0.0) return 1.0;
  const double z = (std::abs(u - mean) - 0.5) / std::sqrt(variance);  // continuity correction
  return std::erfc(std::max(z, 0.0) / std::sqrt(2.0));
}

}  // namespace authprobe::conformance
