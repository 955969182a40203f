#pragma once
// Runs one check against a MockTarget through the real runner (V1 invariants, modes, baselines,
// run-wide checks last), as `authprobe check --only ID` would.
#include <string>
#include <vector>

#include "conformance/check.hpp"
#include "conformance/testing/mock_target/mock_target.hpp"

namespace authprobe::conformance::mock_target {

struct RunOptions {
  Judgement judgement = Judgement::strict;
  bool with_key = true;
  MockAlg alg = MockAlg::hs256;
  bool slow = false;  // --slow: timing and throttling checks run
  // Checks run in the same run (run-wide checks read their exchanges); their findings are dropped.
  std::vector<std::string> before;
};

// The finding of check `id` (SKIP with the reason when it does not apply).
[[nodiscard]] Finding run_check(const std::string& id, const Flaws& flaws, const RunOptions& options = {});
// The same against any target profile (e.g. a RawTarget's).
[[nodiscard]] Finding run_check_on(const std::string& id, const TargetProfile& profile, const RunOptions& options = {});

}  // namespace authprobe::conformance::mock_target
