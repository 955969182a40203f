#pragma once
// Runs one JWT/BEARER check against a MockTarget, as the runner would.
#include <string>
#include <vector>

#include "conformance/check.hpp"
#include "conformance/checks/testing_jwt/mock_target.hpp"

namespace authprobe::conformance::testing_jwt {

struct RunOptions {
  Judgement judgement = Judgement::strict;
  bool with_key = true;
  MockAlg alg = MockAlg::hs256;
  // Checks run first on the same Context (run-wide checks read their exchanges).
  std::vector<std::string> before;
};

// The finding of check `id` (SKIP with the reason when it does not apply).
[[nodiscard]] Finding run_check(const std::string& id, const Flaws& flaws, const RunOptions& options = {});

}  // namespace authprobe::conformance::testing_jwt
