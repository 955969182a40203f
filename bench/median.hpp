#pragma once
// The median of a set of timings or ratios: the middle element, the upper one of the two
// middles for an even count (one rule for every median the suites report). 0 for no values.
#include <algorithm>
#include <vector>

namespace authprobe::bench {

[[nodiscard]] inline double median(std::vector<double> values) {
  if (values.empty()) return 0;
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

}  // namespace authprobe::bench
