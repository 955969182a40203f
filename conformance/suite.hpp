#pragma once
// The library entry point behind `authprobe check`. The CLI parses its flags into RunOptions,
// calls run_suite, writes render(report) where asked and exits with exit_code(report). Nothing
// here prints or exits.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "conformance/report/report.hpp"
#include "conformance/runner.hpp"
#include "conformance/target_profile.hpp"

namespace authprobe::conformance {

namespace exit_status {
inline constexpr int ok = 0;           // every check that ran passed its MUSTs (no FAIL, no ERROR)
inline constexpr int failed = 1;       // a check failed
inline constexpr int usage = 2;        // bad arguments or profile, or the preflight found the profile wrong
inline constexpr int unreachable = 3;  // the target could not be reached
// No FAIL, but some checks could not run (ERROR) or the suite could not obtain what the profile
// promised (a token): not a pass, and usually the profile to fix rather than the server.
inline constexpr int incomplete = 4;
}  // namespace exit_status

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
  PreflightMode preflight = PreflightMode::stop;
};

struct UsageError {
  std::string message;
};

// Selection or profile problems, and a preflight that finds the profile's promises broken, are
// UsageError (exit 2); everything else about the target goes into the report.
[[nodiscard]] tl::expected<RunReport, UsageError> run_suite(const RunOptions& options);
[[nodiscard]] int exit_code(const RunReport& report);
[[nodiscard]] int exit_code(const UsageError& error);

// The shipped reference profile (fixtures/profiles/reference.json), embedded at build time so
// `authprobe check` works from any directory; `compat_fastapi` selects reference-fastapi.json.
[[nodiscard]] ProfileResult<TargetProfile> embedded_reference_profile(bool compat_fastapi = false);

}  // namespace authprobe::conformance
