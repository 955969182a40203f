#include "conformance/finding.hpp"

namespace authprobe::conformance {
namespace {

// Higher rank wins when parts of one check are combined.
int rank(Verdict verdict) {
  switch (verdict) {
    case Verdict::skip: return 0;
    case Verdict::pass: return 1;
    case Verdict::info: return 2;
    case Verdict::warn: return 3;
    case Verdict::error: return 4;
    case Verdict::fail: return 5;
  }
  return 0;
}

}  // namespace

const Exchange* deciding_exchange(const Finding& finding) {
  for (const auto& exchange : finding.evidence) {
    if (exchange.decisive) return &exchange;
  }
  return finding.evidence.empty() ? nullptr : &finding.evidence.front();
}

void mark_state_dependent(Finding& finding, std::string reason) {
  if (finding.evidence.empty()) return;
  const auto* deciding = deciding_exchange(finding);
  finding.evidence[static_cast<std::size_t>(deciding - finding.evidence.data())].state_dependence = std::move(reason);
}

Verdict combine(Verdict a, Verdict b) { return rank(a) >= rank(b) ? a : b; }

}  // namespace authprobe::conformance
