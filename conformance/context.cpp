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

namespace {

// Holds the run's login lane while `requests` include one that makes the target hash a password.
std::unique_lock<std::mutex> lane_for(const std::vector<Request>& requests, const TargetProfile& target, Session& session) {
  const bool hashes = std::any_of(requests.begin(), requests.end(), [&](const Request& r) { return verifies_password(r, target); });
  return hashes ? std::unique_lock<std::mutex>(session.login_lane()) : std::unique_lock<std::mutex>();
}

}  // namespace

SendResult Context::send(const Request& request) {
  const auto lane = lane_for({request}, target(), session_);
  return probe_.send(request);
}

std::vector<SendResult> Context::send_pipelined(const std::vector<Request>& requests) {
  const auto lane = lane_for(requests, target(), session_);
  return probe_.send_pipelined(requests);
}

std::vector<SendResult> Context::send_pipelined(const std::vector<Request>& requests,
                                                std::chrono::milliseconds patience) {
  ProbeSettings settings = probe_.settings();
  settings.read_timeout = std::min(settings.read_timeout, patience);
  const auto lane = lane_for(requests, target(), session_);
  Probe bounded(settings);
  bounded.set_observer([this](const Exchange& exchange) { run_->log().record(current_check_, exchange); });
  return bounded.send_pipelined(requests);
}

std::vector<SendResult> Context::send_sequential(const std::vector<Request>& requests) {
  const auto lane = lane_for(requests, target(), session_);
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
