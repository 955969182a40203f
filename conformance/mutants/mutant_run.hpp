#pragma once
// The harness every mutant test uses: the reference server (the correct base), a FlawProxy with
// one flaw in front of it, and the suite run through the proxy for the checks under test.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "conformance/suite.hpp"
#include "conformance/testing/flaw_proxy.hpp"

namespace authprobe::conformance::mutants {

// A flaw built from the target profile it breaks (flaws may need client secrets or user names).
using FlawFactory = std::function<testing::Flaw(const TargetProfile&)>;

struct MutantRun {
  std::vector<std::string> selection;                // the check under test (plus what a run-wide check reads)
  std::vector<Judgement> judgements{Judgement::strict};
  bool slow = false;
  std::function<void(TargetProfile&)> adjust_profile;  // declares a feature the proxy offers
  // Runs once the proxy is up and the profile points at it, before the suite (e.g. to obtain
  // tokens a profile then declares supplied).
  std::function<void(TargetProfile&)> prepare;
  // Mutants judge checks: a flaw that breaks a declared login must reach them, not stop the run
  // in the preflight (which has tests of its own).
  PreflightMode preflight = PreflightMode::off;
};

// The run of `ids` (each field spelled out: aggregate initialisation would warn on the rest).
[[nodiscard]] MutantRun selecting(std::vector<std::string> ids, std::vector<Judgement> judgements = {Judgement::strict},
                                  std::function<void(TargetProfile&)> adjust_profile = {}, bool slow = false);

// Verdict per (judgement, check ID) of one run of `selection` through a proxy with the flaw.
using Verdicts = std::map<Judgement, std::map<std::string, Finding>>;
[[nodiscard]] Verdicts run_through(const FlawFactory& flaw, const MutantRun& run);
// The whole report of each judgement's run, for tests of what a run says beyond verdicts.
[[nodiscard]] std::map<Judgement, RunReport> reports_through(const FlawFactory& flaw, const MutantRun& run);

// The finding of `id` in one judgement, for tests of a single check.
[[nodiscard]] Finding judge_through(const FlawFactory& flaw, const std::string& id,
                                    Judgement judgement = Judgement::strict, std::vector<std::string> also = {});

// Helpers the flaw files share.
// Edits a JSON object body in place (no-op when the body is not a JSON object).
void edit_json(testing::ProxyResponse& response, const std::function<void(nlohmann::json&)>& edit);
// The profile's token endpoint path, and whether a request targets it.
[[nodiscard]] bool at_token_endpoint(const TargetProfile& profile, const testing::ProxyRequest& request);
// `id:secret` form-urlencoded for client authentication with Basic (RFC 6749 §2.3.1).
[[nodiscard]] std::string client_user_pass(const TestClient& client);
// INFO text for a failed expectation.
[[nodiscard]] std::string describe(const Finding& finding);

}  // namespace authprobe::conformance::mutants
