#include "conformance/observation_log.hpp"

#include <utility>

namespace authprobe::conformance {

void ObservationLog::record(std::string check_id, Exchange exchange) {
  const std::lock_guard lock(mutex_);
  observations_.push_back(Observation{std::move(check_id), std::move(exchange)});
}

std::vector<const Observation*> ObservationLog::by_check(const std::string& check_id) const {
  const std::lock_guard lock(mutex_);
  std::vector<const Observation*> result;
  for (const auto& observation : observations_) {
    if (observation.check_id == check_id) result.push_back(&observation);
  }
  return result;
}

}  // namespace authprobe::conformance
