#include "conformance/mutants/mutant_run.hpp"

#include <stdexcept>

#include "conformance/testing/replay_audit.hpp"
#include "tools/commands/embedded_reference.hpp"

namespace authprobe::conformance::mutants {

MutantRun selecting(std::vector<std::string> ids, std::vector<Judgement> judgements,
                    std::function<void(TargetProfile&)> adjust_profile, bool slow) {
  MutantRun run;
  run.selection = std::move(ids);
  run.judgements = std::move(judgements);
  run.adjust_profile = std::move(adjust_profile);
  run.slow = slow;
  return run;
}

std::map<Judgement, RunReport> reports_through(const FlawFactory& flaw, const MutantRun& run) {
  auto target = tools::start_reference_target(config::CompatMode::strict);
  if (!target) throw std::runtime_error("reference target: " + target.error());
  TargetProfile profile = target->profile;
  if (run.adjust_profile) run.adjust_profile(profile);
  testing::FlawProxy proxy(target->profile.base_url, flaw(profile));
  profile.base_url = proxy.base_url();
  if (run.prepare) run.prepare(profile);
  std::map<Judgement, RunReport> reports;
  for (const auto judgement : run.judgements) {
    RunOptions options;
    options.target = profile;
    options.judgement = judgement;
    options.selection = run.selection;
    options.slow = run.slow;
    options.preflight = run.preflight;
    auto report = run_suite(options);
    if (!report) throw std::runtime_error("run_suite: " + report.error().message);
    if (report->unreachable) throw std::runtime_error("the proxy was unreachable");
    reports.emplace(judgement, std::move(*report));
  }
  // Every FAIL of every judgement reproduces against the same live proxy, or says why it cannot
  // (testing/replay_audit.hpp); replayed after all runs, so no replay changes what a run met.
  testing::ReplayAudit audit;
  for (const auto& [judgement, report] : reports) {
    auto one = testing::audit_replays(report, profile.base_url);
    audit.fails.insert(audit.fails.end(), one.fails.begin(), one.fails.end());
  }
  testing::require_reproducible(audit);
  target->server->stop();
  return reports;
}

Verdicts run_through(const FlawFactory& flaw, const MutantRun& run) {
  Verdicts verdicts;
  for (auto& [judgement, report] : reports_through(flaw, run)) {
    for (auto& result : report.results) verdicts[judgement][result.id] = std::move(result.finding);
  }
  return verdicts;
}

Finding judge_through(const FlawFactory& flaw, const std::string& id, Judgement judgement, std::vector<std::string> also) {
  also.insert(also.begin(), id);
  auto verdicts = run_through(flaw, selecting(also, {judgement}));
  auto& findings = verdicts[judgement];
  if (findings.count(id) == 0) throw std::runtime_error("no result for " + id);
  return findings[id];
}

void edit_json(testing::ProxyResponse& response, const std::function<void(nlohmann::json&)>& edit) {
  auto json = nlohmann::json::parse(response.body, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return;
  edit(json);
  response.body = json.dump();
}

bool at_token_endpoint(const TargetProfile& profile, const testing::ProxyRequest& request) {
  return profile.endpoints.token && request.path() == profile.endpoints.token->path;
}

std::string client_user_pass(const TestClient& client) {
  return form_urlencode(client.id) + ":" + form_urlencode(client.secret.value_or(""));
}

std::string describe(const Finding& finding) {
  std::string text = std::string(to_string(finding.verdict)) + ": " + finding.actual + "\n" + finding.detail;
  for (const auto& row : finding.deviations) text += " [" + row + "]";
  return text;
}

}  // namespace authprobe::conformance::mutants
