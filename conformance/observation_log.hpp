#pragma once
// Every exchange of the run, tagged with the check that caused it. Run-wide checks (AUTHZ-04,
// BASIC-12, BEARER-09, HTTP-10, HTTP-13) and the V1 invariants read it.
#include <string>
#include <vector>

#include "conformance/finding.hpp"

namespace authprobe::conformance {

struct Observation {
  std::string check_id;
  Exchange exchange;
};

class ObservationLog {
public:
  void record(std::string check_id, Exchange exchange);
  [[nodiscard]] const std::vector<Observation>& all() const { return observations_; }
  [[nodiscard]] std::vector<const Observation*> by_check(const std::string& check_id) const;

private:
  std::vector<Observation> observations_;
};

}  // namespace authprobe::conformance
