#include "conformance/check.hpp"

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

std::optional<Verdict> Context::verdict_of(const std::string& id) const {
  if (auto found = verdicts_.find(id); found != verdicts_.end()) return found->second;
  return std::nullopt;
}

}  // namespace authprobe::conformance
