#pragma once
// Every FAIL a test run produces is a claim about the target, and its reproduction (the exact
// request the report records as decisive) must make the same claim when sent again. The
// harnesses the suite's own tests go through (mutants/mutant_run.cpp: reports_through, every
// flaw-proxy test; mock_target/run_check.cpp: run_check_on, every mock-target test;
// canned_server.cpp: run_ids, every canned-server test) call audit_replays on each run's report
// while the target is still up, and fail the test when a FAIL neither reproduces nor says why it
// cannot.
//
// A FAIL reproduces when the re-sent bytes get the recorded status and the same WWW-Authenticate
// challenges (replay.hpp: same_outcome). One whose decisive exchange carries a state_dependence
// (finding.hpp: the run changed the state its answer depended on: a refresh token already
// rotated, a throttle window, a clock-relative claim) need not reproduce, but its marker must
// reach the report's reproduction line, where a reader sees it.
#include <string>
#include <string_view>
#include <vector>

#include "conformance/runner.hpp"

namespace authprobe::conformance::testing {

struct ReplayedFail {
  enum class Outcome { matched, state_dependent, mismatch };
  std::string check_id;
  Outcome outcome = Outcome::mismatch;
  std::string state_dependence;  // the reproduction's marker, when it has one
  std::string what;              // recorded vs replayed, or why there was nothing to replay
};

struct ReplayAudit {
  std::vector<ReplayedFail> fails;
  // One line per FAIL that neither reproduced nor was marked state-dependent; empty when sound.
  [[nodiscard]] std::vector<std::string> problems() const;
};

// Replays the reproduction of every FAIL in `report` (read back from its JSON rendering, as
// `authprobe replay` reads it) against `base_url`. When AUTHPROBE_REPLAY_TALLY names a file,
// appends one line per FAIL to it: ID, outcome, marker or difference (tab-separated).
[[nodiscard]] ReplayAudit audit_replays(const RunReport& report, std::string_view base_url);

// Throws std::runtime_error listing the problems when there are any: the harnesses' way of
// failing whichever test made the run (they already report harness faults that way).
void require_reproducible(const ReplayAudit& audit);

}  // namespace authprobe::conformance::testing
