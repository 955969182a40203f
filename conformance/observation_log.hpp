#pragma once
// Every exchange of the run, tagged with the check that caused it. Run-wide checks (AUTHZ-04,
// BASIC-12, BEARER-09, HTTP-10, HTTP-13) and the V1 invariants read it.
// Checks running concurrently (--jobs) record into one log: record() and by_check() lock, and
// entries never move once recorded (a deque), so the pointers by_check() returns stay valid.
// all() is for the run-wide checks, which the runner starts only once no other check runs.
#include <deque>
#include <mutex>
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
  // Unlocked: only while no check records (the run-wide phase, or a single-threaded run).
  [[nodiscard]] const std::deque<Observation>& all() const { return observations_; }
  [[nodiscard]] std::vector<const Observation*> by_check(const std::string& check_id) const;

private:
  mutable std::mutex mutex_;
  std::deque<Observation> observations_;
};

}  // namespace authprobe::conformance
