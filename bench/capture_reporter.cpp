#include "bench/capture_reporter.hpp"

#include "bench/names.hpp"

namespace authprobe::bench {
namespace {
constexpr double ns_per_s = 1e9;
}  // namespace

Measurement to_measurement(const benchmark::BenchmarkReporter::Run& run) {
  Measurement m;
  m.name = normalise_name(run.run_name.str());
  m.iterations = static_cast<double>(run.iterations);
  const double iterations = run.iterations > 0 ? static_cast<double>(run.iterations) : 1.0;
  m.real_ns = run.real_accumulated_time * ns_per_s / iterations;
  m.cpu_ns = run.cpu_accumulated_time * ns_per_s / iterations;
  m.error = run.error_occurred;
  m.error_message = run.error_message;
  for (const auto& [name, counter] : run.counters) m.counters[name] = counter.value;
  return m;
}

CaptureReporter::CaptureReporter(std::unique_ptr<benchmark::BenchmarkReporter> display)
    : display_(std::move(display)) {}

bool CaptureReporter::ReportContext(const Context& context) { return display_->ReportContext(context); }

void CaptureReporter::ReportRuns(const std::vector<Run>& runs) {
  display_->ReportRuns(runs);
  // With --benchmark_repetitions the median stands for the benchmark (as in report.cpp).
  for (const auto& run : runs) {
    const bool median = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
    if (run.run_type != Run::RT_Iteration && !median) continue;
    Measurement m = to_measurement(run);
    Measurement* existing = nullptr;
    for (auto& kept : results_.measurements)
      if (kept.name == m.name) existing = &kept;
    if (existing == nullptr) results_.measurements.push_back(std::move(m));
    else if (median) *existing = std::move(m);
  }
}

void CaptureReporter::Finalize() { display_->Finalize(); }

std::size_t CaptureReporter::failures() const {
  std::size_t failed = 0;
  for (const auto& m : results_.measurements)
    if (m.error || m.counter(counter::errors).value_or(0) > 0) ++failed;
  return failed;
}

}  // namespace authprobe::bench
