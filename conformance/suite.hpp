#pragma once
// The library entry point behind `authprobe check`. The CLI parses its flags into RunOptions,
// calls run_suite, writes render(report) where asked and exits with exit_code(report). Nothing
// here prints or exits.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "conformance/exit_status.hpp"
#include "conformance/remote_target.hpp"
#include "conformance/report/report.hpp"
#include "conformance/runner.hpp"
#include "conformance/target_profile.hpp"

namespace authprobe::conformance {

// exit_status::ok ... incomplete: conformance/exit_status.hpp.

// What the preflight (preflight.hpp) does with a broken promise of the profile: stop the run
// (exit 2), or let it go on and keep refusals of the profile's credentials from becoming FAILs
// (--no-preflight), or nothing at all (tests of the checks themselves, which break logins on purpose).
enum class PreflightMode { stop, advise, off };

struct RunOptions {
  TargetProfile target;                 // loaded profile (the caller may fill the key in memory)
  std::optional<std::string> base_url;  // --target, overrides target.base_url
  std::optional<Judgement> judgement;   // default: the profile's, else strict
  std::vector<std::string> selection;   // IDs, sections, levels; empty = all
  bool slow = false;
  std::optional<std::string> cacert;
  bool insecure = false;
  Format format = Format::console;
  std::optional<std::filesystem::path> output;  // where the CLI writes the report
  std::size_t jobs = default_jobs;      // --jobs: worker threads for the ordinary checks
  ProgressSink* progress = nullptr;     // per-check and per-section progress; null: none
  RemoteConsent remote{};               // --allow-remote, --allow-remote-load
  PreflightMode preflight = PreflightMode::stop;
};

struct UsageError {
  std::string message;
};

// Selection or profile problems, a remote target without consent, and a preflight that finds the
// profile's promises broken are UsageError (exit 2), before any check; everything else about the
// target goes into the report.
[[nodiscard]] tl::expected<RunReport, UsageError> run_suite(const RunOptions& options);
[[nodiscard]] int exit_code(const RunReport& report);
[[nodiscard]] int exit_code(const UsageError& error);

// The shipped reference profile (fixtures/profiles/reference.json), embedded at build time so
// `authprobe check` works from any directory; `compat_fastapi` selects reference-fastapi.json.
[[nodiscard]] ProfileResult<TargetProfile> embedded_reference_profile(bool compat_fastapi = false);

}  // namespace authprobe::conformance
