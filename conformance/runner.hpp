#pragma once
// Runs selected checks against one target: applicability and modes (V6), baselines first (V4),
// run-wide checks last, the V1 invariants over every response a check caused, and a crash in
// one check becomes its ERROR, never the end of the run. Ordinary checks may run on several
// worker threads (--jobs); baselines run before them, and the checks that time responses, trip
// throttling or read the whole log run alone after them. The report keeps the catalog order.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "conformance/check.hpp"
#include "conformance/progress.hpp"

namespace authprobe::conformance {

struct CheckResult {
  std::string id;
  Level level = Level::must;
  std::string cites;
  Mode mode = Mode::black_box;
  std::string summary;
  Finding finding;
  double elapsed_ms = 0.0;
};

inline constexpr std::size_t default_jobs = 4;

struct RunSettings {
  Judgement judgement = Judgement::strict;
  bool slow = false;
  std::vector<std::string> selection{};  // as given (--select); empty = every check
  std::size_t jobs = default_jobs;       // worker threads for the ordinary checks (1: one at a time)
  ProgressSink* progress = nullptr;      // told as checks and sections finish; may be null
  // What the preflight found wrong in the profile when the run goes on anyway (--no-preflight).
  std::optional<std::string> profile_problem{};
};

struct RunReport {
  std::string target;         // base URL
  std::string target_profile; // the target profile's name
  Judgement judgement = Judgement::strict;
  std::string started_at;     // ISO 8601 UTC
  double wall_ms = 0.0;
  bool unreachable = false;
  bool remote = false;       // the target is not on loopback (run with --allow-remote)
  bool remote_load = false;  // ... and --slow (--allow-remote-load)
  std::string unreachable_reason;  // the transport's own words (refused, timeout, TLS ...)
  // The run's options, so a reader can tell why a check SKIPped (catalog V10: --slow,
  // judgement, mode).
  bool slow = false;
  bool key_known = false;             // [K] checks ran with the profile's signing key
  std::string token_acquisition;      // how tokens were obtained (AcquisitionKind)
  std::vector<std::string> selection;
  // What the suite could not obtain (a token, a supplied token), with the profile field to fix:
  // the checks that needed it are ERROR, and the run is incomplete (exit 4), not a pass.
  std::vector<Unmet> shortfalls;
  std::vector<CheckResult> results;

  [[nodiscard]] std::map<Verdict, int> summary() const;
};

// `catalog` supplies the baselines a selected check needs even when they were not selected.
[[nodiscard]] RunReport run_checks(const std::vector<const Check*>& selected, const std::vector<Check>& catalog,
                                   const TargetProfile& target, Probe& probe, const RunSettings& settings);

// V1 applied to the exchanges one check caused; returns the adjusted finding.
[[nodiscard]] Finding apply_invariants(Finding finding, const std::vector<const Observation*>& caused,
                                       const TargetProfile& target);

}  // namespace authprobe::conformance
