#include "conformance/checks/testing_jwt/run_check.hpp"

#include <stdexcept>

#include "conformance/checks/jwt_checks.hpp"
#include "conformance/verdict_rules.hpp"

namespace authprobe::conformance::testing_jwt {
namespace {

const Check& find_check(const std::vector<Check>& all, const std::string& id) {
  for (const auto& check : all) {
    if (check.id == id) return check;
  }
  throw std::invalid_argument("no check " + id);  // a typo in a test, not a target fault
}

Finding run_one(const Check& check, Context& ctx) {
  if (check.applies) {
    if (auto reason = check.applies(ctx.target())) return skipped(*reason);
  }
  ctx.begin_check(check.id);
  return check.run(ctx);
}

}  // namespace

Finding run_check(const std::string& id, const Flaws& flaws, const RunOptions& options) {
  auto target = MockTarget::start(flaws, options.alg);
  const TargetProfile profile = target->profile(options.with_key);
  ProbeSettings settings;
  settings.base_url = profile.base_url;
  Probe probe(settings);
  Context ctx(profile, options.judgement, probe, false);
  auto all = bearer_checks();
  auto jwt = jwt_checks();
  all.insert(all.end(), jwt.begin(), jwt.end());
  all.push_back(matches_scope_tokens_exactly());
  all.push_back(matches_roles_exactly());
  for (const auto& before : options.before) (void)run_one(find_check(all, before), ctx);
  return run_one(find_check(all, id), ctx);
}

}  // namespace authprobe::conformance::testing_jwt
