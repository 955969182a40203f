#pragma once
// The ratios the project sets targets for (README "Benchmarks"), computed from one run's results. Every ratio is
// between figures of the same run: comparing across runs on a shared machine measures the
// neighbours, not the code.
#include <optional>
#include <string>
#include <vector>

#include "bench/measurement.hpp"

namespace authprobe::bench {

struct Ratio {
  std::string name;                 // "HS256 verify: libjwt / pipeline"
  std::optional<double> measured;   // nullopt: a figure it needs is missing from the run
  std::string unit;                 // "x", "us", "ms"
  std::string target;               // "<= 1.0 us", ">= 5x", "" for information only
  std::optional<bool> met;          // nullopt: no target, or not measured
  std::string basis;                // which figures it divides
};

[[nodiscard]] std::vector<Ratio> compute_ratios(const Results& results);

}  // namespace authprobe::bench
