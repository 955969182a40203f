#pragma once
// `authprobe check` in process against a target the suite does not trust: every check of the
// catalog, the shipped reference profile pointed at `base_url`. The hook the hostile-target tests
// share (JSON, JUnit and HTML reports of such a run). Test-only.
#include <string>

#include "conformance/runner.hpp"

namespace authprobe::conformance::testing {

[[nodiscard]] RunReport run_suite_against(const std::string& base_url);

}  // namespace authprobe::conformance::testing
