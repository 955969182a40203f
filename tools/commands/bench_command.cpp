// `authprobe bench [hash|jwt|http|calibrate|report]`: the benchmark suites.
// Google Benchmark flags (--benchmark_filter=, --benchmark_format=json, --benchmark_out=,
// --benchmark_min_time=, ...) are not CLI11 options: CLI11 keeps them as extras
// (allow_extras) and they are passed through verbatim, in the --flag=value form Google
// Benchmark reads.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "bench/calibrate.hpp"
#include "bench/report.hpp"
#include "bench/report_charts.hpp"
#include "bench/runner.hpp"
#include "tools/commands/command.hpp"

namespace authprobe::tools {
namespace {

namespace b = authprobe::bench;
namespace pw = authprobe::password;

constexpr int default_target_ms = 250;
constexpr std::string_view report_file = "report.md";

struct BenchOptions {
  b::HttpOptions http;
  std::string profile;
  std::string target;
  int target_ms = default_target_ms;
  std::vector<std::string> algorithms;
  std::string results;
  std::string output_dir;
  bool no_charts = false;
};

void add_http_options(CLI::App& app, BenchOptions& options) {
  app.add_option("--target", options.target, "Base URL of the server to measure (default: in-process reference)");
  app.add_option("--profile", options.profile, "Conformance target profile (JSON) describing that server")
      ->check(CLI::ExistingFile);
  app.add_option("--open-path", options.http.open_path, "Unauthenticated route used as the baseline")
      ->capture_default_str();
  app.add_option("--user", options.http.user, "Fixture user (logical name in the profile) who logs in")
      ->capture_default_str();
  app.add_option("--threads", options.http.client_threads, "Client thread counts for the route benchmarks")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  app.add_option("--storm-threads", options.http.storm_threads, "Threads logging in during the storm (0: hash slots)")
      ->check(CLI::Range(0, 256));
  app.add_option("--login-threads", options.http.login_threads, "Threads for the login rate (0: twice hash slots)")
      ->check(CLI::Range(0, 256));
}

std::vector<std::string> extras_of(const CLI::App& bench, const CLI::App* suite) {
  std::vector<std::string> extras = bench.remaining();
  if (suite != nullptr && suite != &bench) {
    const auto more = suite->remaining();
    extras.insert(extras.end(), more.begin(), more.end());
  }
  return extras;
}

int run_suites(const CLI::App& bench, const CLI::App* suite, BenchOptions& options, std::vector<b::Suite> suites) {
  b::RunRequest request;
  request.suites = std::move(suites);
  request.http = options.http;
  if (!options.target.empty()) request.http.target = options.target;
  if (!options.profile.empty()) request.http.profile = options.profile;
  if (request.http.target.has_value() != request.http.profile.has_value()) {
    std::cerr << "authprobe bench: --target and --profile go together (the profile says how to log in)\n";
    return exit_code::usage;
  }
  request.benchmark_args = extras_of(bench, suite);
  return b::run_benchmarks(request);
}

int run_calibrate(const BenchOptions& options) {
  std::vector<pw::Algorithm> algorithms;
  for (const auto& name : options.algorithms) algorithms.push_back(*pw::parse_algorithm_name(name));
  if (algorithms.empty())
    algorithms = {pw::Algorithm::argon2id, pw::Algorithm::bcrypt, pw::Algorithm::scrypt, pw::Algorithm::pbkdf2_sha256};
  const auto timer = b::median_hash_timer();
  int status = exit_code::ok;
  std::cout << "# strongest parameters meeting OWASP's minimum within " << options.target_ms
            << " ms per hash on this machine (median of 3)\n";
  for (const auto algorithm : algorithms) {
    const auto result = b::calibrate(algorithm, std::chrono::milliseconds(options.target_ms), timer);
    const std::string name(pw::algorithm_name(algorithm));
    if (!result.error.empty()) {
      std::cout << "# " << name << ": " << result.error << '\n';
      status = exit_code::failed;
      continue;
    }
    if (!result.meets_target)
      std::cout << "# " << name << ": even OWASP's minimum takes " << b::format_number(result.hash_ms)
                << " ms here, over the target; the minimum is:\n";
    else
      std::cout << "# " << name << ": " << b::format_number(result.hash_ms) << " ms\n";
    std::cout << b::config_line(result.policy) << '\n';
  }
  return status;
}

int run_report(const BenchOptions& options) {
  auto results = b::load_results_json(options.results);
  if (!results) {
    std::cerr << "authprobe bench report: " << results.error() << '\n';
    return exit_code::usage;
  }
  const std::filesystem::path directory = options.output_dir.empty()
                                              ? std::filesystem::path(options.results).parent_path()
                                              : std::filesystem::path(options.output_dir);
  std::error_code ec;
  if (!directory.empty()) std::filesystem::create_directories(directory, ec);
  std::vector<std::string> charts;
  if (!options.no_charts) {
    const auto drawn = b::draw_charts(b::build_charts(*results), directory.empty() ? "." : directory);
    for (const auto& problem : drawn.problems) std::cerr << "authprobe bench report: " << problem << '\n';
    charts = drawn.written;
  }
  const std::string markdown = b::render_markdown(*results, charts);
  const auto report_path = (directory.empty() ? std::filesystem::path(".") : directory) / report_file;
  std::ofstream out(report_path);
  out << markdown;
  if (!out) {
    std::cerr << "authprobe bench report: cannot write " << report_path.string() << '\n';
    return exit_code::failed;
  }
  std::cout << markdown;
  std::cerr << "authprobe bench report: wrote " << report_path.string();
  for (const auto& chart : charts) std::cerr << ", " << chart;
  std::cerr << '\n';
  return exit_code::ok;
}

}  // namespace

Command add_bench_command(CLI::App& parent) {
  auto options = std::make_shared<BenchOptions>();
  Command command;
  CLI::App* bench = parent.add_subcommand(
      "bench", "Benchmarks: password hashing, JWT and end-to-end HTTP auth (Google Benchmark; its --benchmark_* "
               "flags pass through)");
  command.app = bench;
  bench->allow_extras();
  bench->require_subcommand(0, 1);
  add_http_options(*bench, *options);
  bench->footer("Without a suite, runs all three. Google Benchmark flags take the --flag=value form, e.g. "
                "--benchmark_format=json --benchmark_out=results.json --benchmark_min_time=0.01");

  struct SuiteCommand {
    const char* name;
    const char* description;
    b::Suite suite;
  };
  const SuiteCommand suites[] = {
      {"hash", "bcrypt, argon2id, scrypt, PBKDF2: hash and verify", b::Suite::hash},
      {"jwt", "sign and verify per algorithm, verify stages, floors and libjwt", b::Suite::jwt},
      {"http", "open route, protected route, login rate and login storm against one server", b::Suite::http},
  };
  std::vector<std::pair<CLI::App*, b::Suite>> suite_apps;
  for (const auto& suite : suites) {
    CLI::App* app = bench->add_subcommand(suite.name, suite.description);
    app->allow_extras();
    if (suite.suite == b::Suite::http) add_http_options(*app, *options);
    suite_apps.emplace_back(app, suite.suite);
  }

  CLI::App* calibrate = bench->add_subcommand(
      "calibrate", "Strongest hash parameters meeting OWASP's minimum and a latency target, as config lines");
  calibrate->add_option("--target-ms", options->target_ms, "Latency target per hash")
      ->capture_default_str()
      ->check(CLI::Range(1, 60000));
  calibrate->add_option("--algorithm", options->algorithms, "Only these (argon2id, bcrypt, scrypt, pbkdf2-sha256)")
      ->check(CLI::IsMember({"argon2id", "bcrypt", "scrypt", "pbkdf2-sha256"}));

  CLI::App* report = bench->add_subcommand("report", "Google Benchmark JSON -> Markdown table and SVG charts");
  report->add_option("results", options->results, "JSON written with --benchmark_out=FILE")
      ->required()
      ->check(CLI::ExistingFile);
  report->add_option("--output-dir", options->output_dir, "Where report.md and the SVGs go (default: beside the JSON)");
  report->add_flag("--no-charts", options->no_charts, "Markdown only");

  command.run = [bench, calibrate, report, suite_apps, options]() -> int {
    if (calibrate->parsed()) return run_calibrate(*options);
    if (report->parsed()) return run_report(*options);
    for (const auto& [app, suite] : suite_apps)
      if (app->parsed()) return run_suites(*bench, app, *options, {suite});
    return run_suites(*bench, nullptr, *options, {});
  };
  return command;
}

}  // namespace authprobe::tools
