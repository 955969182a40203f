#include "bench/runner.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <thread>

#include "bench/capture_reporter.hpp"
#include "bench/ratios.hpp"
#include "bench/report.hpp"
#include "bench/suites.hpp"

namespace authprobe::bench {
namespace {

constexpr std::string_view program_name = "authprobe-bench";

// "model name : AMD EPYC ..." from /proc/cpuinfo: Google Benchmark records MHz and caches
// but not the model, and a figure without its CPU cannot be compared with anything.
std::string cpu_model() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (!line.starts_with("model name")) continue;
    const auto colon = line.find(':');
    if (colon != std::string::npos) return line.substr(line.find_first_not_of(' ', colon + 1));
  }
  return "unknown";
}

bool wants(const RunRequest& request, Suite suite) {
  return request.suites.empty() || std::find(request.suites.begin(), request.suites.end(), suite) != request.suites.end();
}

// JSON or CSV on stdout must stay parseable: the ratio table then goes to stderr.
bool machine_readable_stdout(const std::vector<std::string>& args) {
  for (const auto& arg : args)
    if (arg == "--benchmark_format=json" || arg == "--benchmark_format=csv") return true;
  return false;
}

}  // namespace

int run_benchmarks(const RunRequest& request) {
  std::vector<std::string> args{std::string(program_name)};
  args.insert(args.end(), request.benchmark_args.begin(), request.benchmark_args.end());
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(args.size());
  benchmark::Initialize(&argc, argv.data());
  if (benchmark::ReportUnrecognizedArguments(argc, argv.data())) return run_status::usage;

  benchmark::AddCustomContext("cpu_model", cpu_model());
  benchmark::AddCustomContext("cores", std::to_string(std::thread::hardware_concurrency()));
  benchmark::AddCustomContext("authprobe_version", AUTHPROBE_VERSION);
  std::shared_ptr<HttpSession> session;
  if (wants(request, Suite::hash)) register_hash_suite();
  if (wants(request, Suite::jwt)) {
    benchmark::AddCustomContext("libjwt", libjwt_status());
    register_jwt_suite();
  }
  if (wants(request, Suite::http)) {
    auto opened = HttpSession::open(request.http);
    if (!opened) {
      std::cerr << "authprobe bench: " << opened.error() << '\n';
      benchmark::ClearRegisteredBenchmarks();
      return run_status::usage;
    }
    session = *opened;
    benchmark::AddCustomContext("http_target",
                                session->base_url() + (session->embedded() ? " (in-process reference server)" : ""));
    register_http_suite(session);
  }

  CaptureReporter reporter{std::unique_ptr<benchmark::BenchmarkReporter>(benchmark::CreateDefaultDisplayReporter())};
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::ClearRegisteredBenchmarks();  // the registered lambdas hold the session
  session.reset();
  benchmark::Shutdown();

  const auto ratios = compute_ratios(reporter.results());
  if (!ratios.empty()) {
    std::ostream& out = machine_readable_stdout(request.benchmark_args) ? std::cerr : std::cout;
    out << '\n' << render_ratios_markdown(ratios);
  }
  if (const auto failed = reporter.failures(); failed > 0) {
    std::cerr << "authprobe bench: " << failed << " benchmark(s) reported errors\n";
    return run_status::errors;
  }
  return run_status::ok;
}

}  // namespace authprobe::bench
