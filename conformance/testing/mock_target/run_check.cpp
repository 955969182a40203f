#include "conformance/testing/mock_target/run_check.hpp"

#include <chrono>
#include <stdexcept>

#include "conformance/registry.hpp"
#include "conformance/runner.hpp"
#include "conformance/testing/replay_audit.hpp"

namespace authprobe::conformance::mock_target {
namespace {

// Short enough that a server that never answers costs a test little (HTTP-15 waits for it).
constexpr std::chrono::milliseconds probe_read_timeout{3000};

}  // namespace

Finding run_check_on(const std::string& id, const TargetProfile& profile, const RunOptions& options) {
  std::vector<std::string> ids = options.before;
  ids.push_back(id);
  auto selection = parse_selection(ids);
  if (!selection) throw std::invalid_argument(selection.error());  // a typo in a test, not a target fault
  ProbeSettings settings;
  settings.base_url = profile.base_url;
  settings.read_timeout = probe_read_timeout;
  Probe probe(settings);
  const auto report = run_checks(select_checks(all_checks(), *selection), all_checks(), profile, probe,
                                 RunSettings{options.judgement, options.slow});
  // Every FAIL of the run reproduces against the same live target, or says why it cannot.
  testing::require_reproducible(testing::audit_replays(report, profile.base_url));
  for (const auto& result : report.results) {
    if (result.id == id) return result.finding;
  }
  throw std::invalid_argument("no check " + id);
}

Finding run_check(const std::string& id, const Flaws& flaws, const RunOptions& options) {
  auto target = MockTarget::start(flaws, options.alg);
  return run_check_on(id, target->profile(options.with_key), options);
}

}  // namespace authprobe::conformance::mock_target
