#pragma once
// Forwards every report to the display reporter --benchmark_format chose and keeps a copy of
// each run as a Measurement, so the ratios can be printed when the run ends.
#include <memory>

#include <benchmark/benchmark.h>

#include "bench/measurement.hpp"

namespace authprobe::bench {

class CaptureReporter : public benchmark::BenchmarkReporter {
 public:
  explicit CaptureReporter(std::unique_ptr<benchmark::BenchmarkReporter> display);

  bool ReportContext(const Context& context) override;
  void ReportRuns(const std::vector<Run>& runs) override;
  void Finalize() override;

  [[nodiscard]] const Results& results() const { return results_; }
  // Benchmarks that failed, and benchmarks that counted non-2xx responses.
  [[nodiscard]] std::size_t failures() const;

 private:
  std::unique_ptr<benchmark::BenchmarkReporter> display_;
  Results results_;
};

[[nodiscard]] Measurement to_measurement(const benchmark::BenchmarkReporter::Run& run);

}  // namespace authprobe::bench
