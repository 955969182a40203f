#include "bench/calibrate.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "bench/median.hpp"

namespace authprobe::bench {
namespace {

using password::Algorithm;
using password::HashPolicy;

constexpr std::string_view calibration_password = "correct-horse";  // fixture text, not a secret
constexpr std::size_t timing_samples = 3;
constexpr int max_steps = 12;
constexpr std::uint32_t bcrypt_max_cost = 31;          // the $2b$ format's limit
constexpr std::uint32_t scrypt_max_log2_n = 24;         // 16 GiB at r = 8: beyond any server
constexpr std::uint32_t argon2_memory_step_kib = 1024;  // whole MiB
constexpr std::uint32_t argon2_max_memory_kib = 1U << 20U;  // 1 GiB per hash: a DoS lever past this
constexpr std::uint32_t pbkdf2_iteration_step = 10000;
constexpr double shrink = 0.9;  // a linear estimate that overshot is cut by 10 % per step

HashPolicy minimum_policy(Algorithm algorithm) {
  HashPolicy policy;
  policy.algorithm = algorithm;
  policy.argon2_memory_kib = password::owasp::argon2_min_memory_kib;
  policy.argon2_iterations = password::owasp::argon2_min_iterations;
  policy.bcrypt_cost = password::owasp::bcrypt_min_cost;
  policy.scrypt_log2_n = password::owasp::scrypt_min_log2_n;
  policy.pbkdf2_iterations = password::owasp::pbkdf2_sha256_min_iterations;
  return policy;
}

// bcrypt and scrypt: each step doubles the work, so walk up one step at a time.
void walk_doubling(Calibration& out, double target_ms, const HashTimer& timer, std::uint32_t& param,
                   std::uint32_t max_param) {
  for (int step = 0; step < max_steps && param < max_param; ++step) {
    HashPolicy next = out.policy;
    auto& next_param = out.algorithm == Algorithm::bcrypt ? next.bcrypt_cost : next.scrypt_log2_n;
    next_param = param + 1;
    if (out.hash_ms * 2 > target_ms * 1.5) break;  // hopeless: doubling overshoots by far
    const auto ms = timer(next);
    if (!ms || *ms > target_ms) break;
    out.policy = next;
    out.hash_ms = *ms;
    param = next_param;
  }
}

// argon2id memory and PBKDF2 iterations: time is linear in the parameter, so estimate, then
// cut back until the estimate measures within the target.
void scale_linear(Calibration& out, double target_ms, const HashTimer& timer, std::uint32_t HashPolicy::*param,
                  std::uint32_t step, std::uint32_t max_value) {
  const double base = static_cast<double>(out.policy.*param);
  double estimate = std::min(base * target_ms / out.hash_ms, static_cast<double>(max_value));
  for (int attempt = 0; attempt < max_steps; ++attempt) {
    const auto rounded = static_cast<std::uint32_t>(std::floor(estimate / step)) * step;
    if (rounded <= out.policy.*param) return;
    HashPolicy next = out.policy;
    next.*param = rounded;
    const auto ms = timer(next);
    if (!ms) return;
    if (*ms <= target_ms) {
      out.policy = next;
      out.hash_ms = *ms;
      return;
    }
    estimate = rounded * std::min(shrink, target_ms / *ms);
  }
}

}  // namespace

HashTimer median_hash_timer() {
  return [](const HashPolicy& policy) -> std::optional<double> {
    std::array<double, timing_samples> samples{};
    for (auto& sample : samples) {
      const auto start = std::chrono::steady_clock::now();
      if (!password::hash_password(calibration_password, policy)) return std::nullopt;
      sample = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    }
    return median({samples.begin(), samples.end()});
  };
}

Calibration calibrate(Algorithm algorithm, std::chrono::milliseconds target, const HashTimer& timer) {
  Calibration out;
  out.algorithm = algorithm;
  out.policy = minimum_policy(algorithm);
  const auto first = timer(out.policy);
  if (!first) {
    out.error = "hashing failed";
    return out;
  }
  out.hash_ms = *first;
  const auto target_ms = static_cast<double>(target.count());
  out.meets_target = out.hash_ms <= target_ms;
  if (!out.meets_target) return out;
  switch (algorithm) {
    case Algorithm::bcrypt: walk_doubling(out, target_ms, timer, out.policy.bcrypt_cost, bcrypt_max_cost); break;
    case Algorithm::scrypt: walk_doubling(out, target_ms, timer, out.policy.scrypt_log2_n, scrypt_max_log2_n); break;
    case Algorithm::argon2id:
      scale_linear(out, target_ms, timer, &HashPolicy::argon2_memory_kib, argon2_memory_step_kib,
                   argon2_max_memory_kib);
      break;
    case Algorithm::pbkdf2_sha256:
      scale_linear(out, target_ms, timer, &HashPolicy::pbkdf2_iterations, pbkdf2_iteration_step,
                   std::numeric_limits<std::uint32_t>::max() / 2);
      break;
  }
  return out;
}

std::string config_line(const HashPolicy& policy) {
  nlohmann::ordered_json params = nlohmann::ordered_json::object();
  switch (policy.algorithm) {
    case Algorithm::argon2id:
      params["memory_kib"] = policy.argon2_memory_kib;
      params["iterations"] = policy.argon2_iterations;
      break;
    case Algorithm::bcrypt: params["cost"] = policy.bcrypt_cost; break;
    case Algorithm::scrypt: params["log2_n"] = policy.scrypt_log2_n; break;
    case Algorithm::pbkdf2_sha256: params["iterations"] = policy.pbkdf2_iterations; break;
  }
  nlohmann::ordered_json line;
  line["algorithm"] = password::algorithm_name(policy.algorithm);
  line["params"] = params;
  return "\"password_policy\": " + line.dump();
}

}  // namespace authprobe::bench
