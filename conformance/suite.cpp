#include "conformance/suite.hpp"

#include "conformance/preflight.hpp"
#include "conformance/registry.hpp"

namespace authprobe::conformance {

tl::expected<RunReport, UsageError> run_suite(const RunOptions& options) {
  const std::string base_url = options.base_url.value_or(options.target.base_url);
  if (base_url.empty()) return tl::unexpected(UsageError{"no target: give --target URL or base_url in the profile"});
  if (auto refused = remote_refusal(base_url, options.slow, options.remote)) return tl::unexpected(UsageError{*refused});
  auto selection = parse_selection(options.selection);
  if (!selection) return tl::unexpected(UsageError{selection.error()});
  const auto& catalog = all_checks();
  const auto selected = select_checks(catalog, *selection);
  if (selected.empty()) return tl::unexpected(UsageError{"the selection matches no check"});
  ProbeSettings probe_settings;
  probe_settings.base_url = base_url;
  probe_settings.cacert = options.cacert;
  probe_settings.insecure = options.insecure;
  Probe probe(probe_settings);
  // Under --no-preflight the preflight still runs, so that what it finds keeps refusals of the
  // profile's own credentials from turning into FAILs blamed on the server.
  const auto problem = options.preflight == PreflightMode::off ? std::nullopt : preflight(options.target, probe);
  if (problem && options.preflight == PreflightMode::stop) {
    return tl::unexpected(UsageError{"preflight: " + problem->message() + " (fix the profile, or --no-preflight to run anyway)"});
  }
  RunSettings settings;
  settings.judgement = options.judgement.value_or(options.target.judgement.value_or(Judgement::strict));
  settings.slow = options.slow;
  settings.selection = options.selection;
  settings.jobs = options.jobs;
  settings.progress = options.progress;
  if (problem) settings.profile_problem = problem->message();
  auto report = run_checks(selected, catalog, options.target, probe, settings);
  report.remote = is_remote(base_url);
  report.remote_load = report.remote && options.slow;
  return report;
}

int exit_code(const RunReport& report) {
  if (report.unreachable) return exit_status::unreachable;
  const auto counts = report.summary();
  if (counts.at(Verdict::fail) > 0) return exit_status::failed;
  if (counts.at(Verdict::error) > 0 || !report.shortfalls.empty()) return exit_status::incomplete;
  return exit_status::ok;
}

int exit_code(const UsageError&) { return exit_status::usage; }

}  // namespace authprobe::conformance
