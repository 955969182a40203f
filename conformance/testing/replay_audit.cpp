#include "conformance/testing/replay_audit.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "conformance/replay.hpp"
#include "conformance/report/report.hpp"

namespace authprobe::conformance::testing {
namespace {

using Outcome = ReplayedFail::Outcome;

std::string_view outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::matched: return "matched";
    case Outcome::state_dependent: return "state-dependent";
    case Outcome::mismatch: return "MISMATCH";
  }
  return "?";
}

// The result's `reproduction` line in the JSON report: where a reader meets the marker.
std::string reproduction_line(const nlohmann::json& report, const std::string& id) {
  for (const auto& result : report.at("results")) {
    if (result.value("id", "") == id) return result.value("reproduction", "");
  }
  return {};
}

ReplayedFail replay_one(const nlohmann::json& json, const std::string& id, std::string_view base_url) {
  ReplayedFail out;
  out.check_id = id;
  const auto reproduction = reproduction_of(json, id);
  if (!reproduction) {
    out.what = "no reproduction: " + reproduction.error();
    return out;
  }
  out.state_dependence = reproduction->state_dependence;
  if (!out.state_dependence.empty() && reproduction_line(json, id).find(out.state_dependence) == std::string::npos) {
    out.what = "marked state-dependent (" + out.state_dependence + ") but the report's reproduction line does not say so";
    return out;
  }
  if (!reproduction->complete) {
    out.what = "the report kept only part of the request: it cannot be replayed exactly";
    return out;
  }
  const auto replayed = replay(*reproduction, base_url, RawSettings{});
  if (!replayed) {
    out.what = "replay: " + replayed.error();
    return out;
  }
  out.what = "recorded " + describe(reproduction->recorded) + "; replayed " + describe(*replayed);
  if (same_outcome(reproduction->recorded, *replayed)) out.outcome = Outcome::matched;
  else if (!out.state_dependence.empty()) out.outcome = Outcome::state_dependent;
  // A marked reproduction that happens to reproduce still counts as marked: the marker says a
  // later replay may differ, not that this one must.
  if (out.outcome == Outcome::matched && !out.state_dependence.empty()) out.outcome = Outcome::state_dependent;
  return out;
}

void tally(const ReplayAudit& audit) {
  const char* file = std::getenv("AUTHPROBE_REPLAY_TALLY");
  if (file == nullptr || *file == '\0') return;
  std::string lines;
  for (const auto& fail : audit.fails) {
    std::string why = fail.state_dependence.empty() ? fail.what : fail.state_dependence + " | " + fail.what;
    for (char& c : why) {
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    }
    lines += fail.check_id + '\t' + std::string(outcome_name(fail.outcome)) + '\t' + why + '\n';
  }
  std::ofstream(file, std::ios::app) << lines;  // one write per run: parallel tests interleave runs, not lines
}

}  // namespace

std::vector<std::string> ReplayAudit::problems() const {
  std::vector<std::string> out;
  for (const auto& fail : fails) {
    if (fail.outcome == Outcome::mismatch) out.push_back(fail.check_id + ": " + fail.what);
  }
  return out;
}

ReplayAudit audit_replays(const RunReport& report, std::string_view base_url) {
  const auto json = to_json(report);
  ReplayAudit audit;
  for (const auto& result : report.results) {
    if (result.finding.verdict == Verdict::fail) audit.fails.push_back(replay_one(json, result.id, base_url));
  }
  tally(audit);
  return audit;
}

void require_reproducible(const ReplayAudit& audit) {
  const auto problems = audit.problems();
  if (problems.empty()) return;
  std::string message = "a FAIL's reproduction does not reproduce (fix the check's recorded exchange, or mark it "
                        "state-dependent with the reason):";
  for (const auto& problem : problems) message += "\n  " + problem;
  throw std::runtime_error(message);
}

}  // namespace authprobe::conformance::testing
