#pragma once
// Statistics for the timing checks (HASH-06/07, V9): medians and the Mann-Whitney U test.
#include <vector>

namespace authprobe::conformance {

[[nodiscard]] double median(std::vector<double> samples);
// Two-sided p-value of the Mann-Whitney U test (normal approximation with tie correction).
[[nodiscard]] double mann_whitney_p(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace authprobe::conformance
