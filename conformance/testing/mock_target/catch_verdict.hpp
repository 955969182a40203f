#pragma once
// Catch2 helpers shared by the per-ID check tests: the verdict of one check against the mock,
// with the finding printed when an assertion fails.
#include <catch2/catch.hpp>

#include <functional>
#include <string>

#include "conformance/testing/mock_target/mock_target.hpp"
#include "conformance/testing/mock_target/run_check.hpp"

namespace authprobe::conformance::mock_target {

inline Verdict verdict(const std::string& id, const Flaws& flaws = {}, const RunOptions& options = {}) {
  const auto finding = run_check(id, flaws, options);
  UNSCOPED_INFO(id << ": " << finding.actual << "\n" << finding.detail);
  return finding.verdict;
}

inline Flaws with(bool Flaws::*flaw) {
  Flaws f;
  f.*flaw = true;
  return f;
}

inline Flaws both(bool Flaws::*a, bool Flaws::*b) {
  Flaws f;
  f.*a = true;
  f.*b = true;
  return f;
}

// The finding of `id` against the mock with `flaws`, its profile changed by `edit` first.
inline Finding run_edited(const std::string& id, const Flaws& flaws, const std::function<void(TargetProfile&)>& edit,
                          const RunOptions& options = {}) {
  auto target = MockTarget::start(flaws);
  auto profile = target->profile(options.with_key);
  edit(profile);
  const auto finding = run_check_on(id, profile, options);
  UNSCOPED_INFO(id << ": " << finding.actual << "\n" << finding.detail);
  return finding;
}

inline RunOptions judged(Judgement j, std::vector<std::string> before = {}) {
  RunOptions o;
  o.judgement = j;
  o.before = std::move(before);
  return o;
}

inline RunOptions after(std::vector<std::string> before) { return judged(Judgement::strict, std::move(before)); }

inline RunOptions slow_run() {
  RunOptions o;
  o.slow = true;
  return o;
}

}  // namespace authprobe::conformance::mock_target
