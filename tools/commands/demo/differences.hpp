#pragma once
// The side-by-side verdict on one step: in which aspects the two modes' answers differ, and
// for each, the catalog check and D-row the walk gives for it (walk.cpp). An aspect that differs
// with no explanation in the walk is said so: a gap in the walk's data, not a silent pass.
#include <string>
#include <vector>

#include "tools/commands/demo/session.hpp"
#include "tools/commands/demo/walk.hpp"

namespace authprobe::tools::demo {

struct DifferenceLine {
  Aspect aspect = Aspect::status;
  std::string text;  // e.g. "status differs: TOKEN-13 / D1: 400 invalid_grant vs the tutorial's 401"
  bool explained = true;
};

struct FoundDifference {
  Aspect aspect = Aspect::status;
  std::string header{};  // Aspect::headers: the header on one side only
};

[[nodiscard]] std::vector<FoundDifference> differing_aspects(const Step& step, const StepRun& left, const StepRun& right);
[[nodiscard]] std::vector<DifferenceLine> explain_differences(const Step& step, const StepRun& left, const StepRun& right);

}  // namespace authprobe::tools::demo
