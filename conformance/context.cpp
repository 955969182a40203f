#include "conformance/check.hpp"

#include <algorithm>

namespace authprobe::conformance {

Context::Context(const TargetProfile& target, Judgement judgement, Probe& probe, bool slow)
    : Context(std::make_shared<RunState>(target, judgement, slow), probe) {}

Context::Context(std::shared_ptr<RunState> run, Probe& probe)
    : run_(std::move(run)), probe_(probe), session_(run_->target(), probe, run_->sessions()) {
  probe_.set_observer([this](const Exchange& exchange) { run_->log().record(current_check_, exchange); });
}

void RunState::record_verdict(const std::string& id, Verdict verdict) {
  const std::lock_guard lock(verdicts_mutex_);
  verdicts_[id] = verdict;
}

std::optional<Verdict> RunState::verdict_of(const std::string& id) const {
  const std::lock_guard lock(verdicts_mutex_);
  if (auto found = verdicts_.find(id); found != verdicts_.end()) return found->second;
  return std::nullopt;
}

Context::~Context() { probe_.set_observer({}); }

SendResult Context::send(const Request& request) { return probe_.send(request); }

std::vector<SendResult> Context::send_pipelined(const std::vector<Request>& requests) {
  return probe_.send_pipelined(requests);
}

std::vector<SendResult> Context::send_sequential(const std::vector<Request>& requests) {
  return probe_.send_sequential(requests);
}

Verdict Context::deviation(Deviation row) const {
  deviations_.push_back(row);
  return judge_deviation(row, judgement());
}

std::vector<std::string> Context::deviations_seen() const {
  std::vector<std::string> names;
  for (const auto& row : deviation_table()) {
    if (std::find(deviations_.begin(), deviations_.end(), row.id) != deviations_.end()) names.emplace_back(row.name);
  }
  return names;
}

}  // namespace authprobe::conformance
