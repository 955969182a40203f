#include "conformance/check.hpp"

#include <algorithm>

namespace authprobe::conformance {

Context::Context(const TargetProfile& target, Judgement judgement, Probe& probe, bool slow)
    : target_(target), judgement_(judgement), probe_(probe), session_(target, probe), slow_(slow) {
  probe_.set_observer([this](const Exchange& exchange) { log_.record(current_check_, exchange); });
}

Context::~Context() { probe_.set_observer({}); }

SendResult Context::send(const Request& request) { return probe_.send(request); }

std::vector<SendResult> Context::send_pipelined(const std::vector<Request>& requests) {
  return probe_.send_pipelined(requests);
}

std::vector<SendResult> Context::send_sequential(const std::vector<Request>& requests) {
  return probe_.send_sequential(requests);
}

std::optional<Verdict> Context::verdict_of(const std::string& id) const {
  if (auto found = verdicts_.find(id); found != verdicts_.end()) return found->second;
  return std::nullopt;
}

Verdict Context::deviation(Deviation row) const {
  deviations_.push_back(row);
  return judge_deviation(row, judgement_);
}

std::vector<std::string> Context::deviations_seen() const {
  std::vector<std::string> names;
  for (const auto& row : deviation_table()) {
    if (std::find(deviations_.begin(), deviations_.end(), row.id) != deviations_.end()) names.emplace_back(row.name);
  }
  return names;
}

}  // namespace authprobe::conformance
