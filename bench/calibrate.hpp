#pragma once
// `authprobe bench calibrate --target-ms 250`: per algorithm, the strongest parameters that
// meet both OWASP's minimum and the latency target on this machine, as a ready-to-paste
// "password_policy" line for the server config (reference/config/server_config.hpp).
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "reference/password/password_hash.hpp"

namespace authprobe::bench {

struct Calibration {
  password::Algorithm algorithm = password::Algorithm::argon2id;
  password::HashPolicy policy;   // the strongest one found (the OWASP minimum when none fits)
  double hash_ms = 0;            // median hash time of `policy`
  bool meets_target = false;     // false: even OWASP's minimum is slower than the target
  std::string error;             // non-empty when hashing itself failed
};

// Median time in ms of hashing once with `policy`; nullopt when hashing failed.
using HashTimer = std::function<std::optional<double>(const password::HashPolicy&)>;
[[nodiscard]] HashTimer median_hash_timer();

// Bounded searches: at most a dozen measurements per algorithm.
[[nodiscard]] Calibration calibrate(password::Algorithm algorithm, std::chrono::milliseconds target,
                                    const HashTimer& timer);

// "password_policy": {"algorithm": "argon2id", "params": {"memory_kib": 262144, "iterations": 2}}
[[nodiscard]] std::string config_line(const password::HashPolicy& policy);

}  // namespace authprobe::bench
