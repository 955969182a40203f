#pragma once
// `authprobe bench [hash|jwt|http] [Google Benchmark flags]`: registers the chosen suites,
// runs them with the flags passed through, then prints the target ratios from the same
// run (to stderr when stdout carries JSON or CSV).
#include <string>
#include <vector>

#include "bench/http_session.hpp"

namespace authprobe::bench {

enum class Suite { hash, jwt, http };

struct RunRequest {
  std::vector<Suite> suites;                  // empty: all three
  HttpOptions http;
  std::vector<std::string> benchmark_args;    // --benchmark_* flags, passed through verbatim
};

namespace run_status {
inline constexpr int ok = 0;
inline constexpr int errors = 1;   // a benchmark reported an error (SkipWithError or non-2xx)
inline constexpr int usage = 2;    // unknown flag, bad profile, server did not start
}  // namespace run_status

[[nodiscard]] int run_benchmarks(const RunRequest& request);

}  // namespace authprobe::bench
