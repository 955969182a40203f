#pragma once
// One benchmark result in the form the ratio table and the report need, whether it comes
// live from Google Benchmark's reporter or from its JSON output (--benchmark_out).
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace authprobe::bench {

struct Measurement {
  std::string name;               // normalised: "BM_JwtVerify/HS256", "BM_HttpOpenRoute/threads:2"
  double real_ns = 0;             // per iteration
  double cpu_ns = 0;
  double iterations = 0;
  bool error = false;
  std::string error_message;
  std::map<std::string, double, std::less<>> counters;

  [[nodiscard]] std::optional<double> counter(std::string_view key) const;
};

struct Results {
  std::vector<Measurement> measurements;
  std::map<std::string, std::string, std::less<>> context;  // host, cpu_model, num_cpus, ...

  [[nodiscard]] const Measurement* find(std::string_view name) const;
  // Every measurement whose name starts with `family` followed by '/' (or equals it).
  [[nodiscard]] std::vector<const Measurement*> family(std::string_view family) const;
};

// Drops the parts Google Benchmark appends for its own settings ("/real_time",
// "/manual_time", "/min_time:0.010", "/iterations:1", "/repeats:3") and an aggregate suffix,
// so live names and JSON names compare equal.
[[nodiscard]] std::string normalise_name(std::string_view run_name);

// The value of "key:value" in a normalised name ("threads" of "BM_X/threads:4" is 4).
[[nodiscard]] std::optional<double> name_argument(std::string_view name, std::string_view key);

// Nanoseconds per unit for Google Benchmark's "ns", "us", "ms", "s".
[[nodiscard]] std::optional<double> ns_per_unit(std::string_view unit);

}  // namespace authprobe::bench
