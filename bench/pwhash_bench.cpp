// The hash suite: hash and verify for each password-hash profile the server can be
// configured with, in milliseconds per operation and operations per second per core.
#include <benchmark/benchmark.h>

#include <sodium.h>

#include <chrono>
#include <ctime>
#include <string>
#include <vector>

#include "bench/names.hpp"
#include "bench/suites.hpp"
#include "reference/password/password_hash.hpp"

namespace authprobe::bench {
namespace {

using password::Algorithm;
using password::HashPolicy;

// A fixture password: 13 bytes, like a typical human one. Test data, not a secret.
constexpr std::string_view bench_password = "correct-horse";
constexpr std::uint32_t bcrypt_legacy_cost = 10;
constexpr std::uint32_t bcrypt_default_cost = 12;
constexpr std::uint32_t kib_per_mib = 1024;
constexpr double ns_per_ms = 1e6;

struct HashCase {
  std::string name;
  HashPolicy policy;
  double cost_param = 0;  // the parameter the report's chart puts on its x axis
};

HashPolicy with_algorithm(Algorithm algorithm) {
  HashPolicy policy;
  policy.algorithm = algorithm;
  return policy;
}

HashCase bcrypt(std::uint32_t cost) {
  HashPolicy policy = with_algorithm(Algorithm::bcrypt);
  policy.bcrypt_cost = cost;
  return {"bcrypt_cost" + std::to_string(cost), policy, static_cast<double>(cost)};
}

HashCase argon2id(std::string name, std::size_t memory_bytes, unsigned long long iterations) {
  HashPolicy policy = with_algorithm(Algorithm::argon2id);
  policy.argon2_memory_kib = static_cast<std::uint32_t>(memory_bytes / kib_per_mib);
  policy.argon2_iterations = static_cast<std::uint32_t>(iterations);
  return {std::move(name), policy, static_cast<double>(policy.argon2_memory_kib / kib_per_mib)};
}

std::vector<HashCase> hash_cases() {
  HashPolicy scrypt = with_algorithm(Algorithm::scrypt);
  scrypt.scrypt_log2_n = password::owasp::scrypt_min_log2_n;
  HashPolicy pbkdf2 = with_algorithm(Algorithm::pbkdf2_sha256);
  pbkdf2.pbkdf2_iterations = password::owasp::pbkdf2_sha256_min_iterations;
  return {
      bcrypt(bcrypt_legacy_cost),
      bcrypt(bcrypt_default_cost),
      // OWASP Password Storage Cheat Sheet: m = 19 MiB, t = 2, p = 1.
      argon2id("argon2id_owasp", std::size_t{password::owasp::argon2_min_memory_kib} * kib_per_mib,
               password::owasp::argon2_min_iterations),
      argon2id("argon2id_interactive", crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE,
               crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE),
      argon2id("argon2id_moderate", crypto_pwhash_argon2id_MEMLIMIT_MODERATE, crypto_pwhash_argon2id_OPSLIMIT_MODERATE),
      {"scrypt_n17", scrypt, static_cast<double>(scrypt.scrypt_log2_n)},
      {"pbkdf2_sha256_600k", pbkdf2, static_cast<double>(pbkdf2.pbkdf2_iterations)},
  };
}

double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

// Counters for a loop that ran `state.iterations()` operations since the given clocks.
void set_rate_counters(benchmark::State& state, const HashCase& hash_case,
                       std::chrono::steady_clock::time_point wall_start, double cpu_start) {
  const auto iterations = static_cast<double>(state.iterations());
  if (iterations == 0) return;
  const double wall_ns =
      static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() -
                                                                               wall_start)
                              .count());
  const double cpu_s = thread_cpu_seconds() - cpu_start;
  state.counters[std::string(counter::ms_per_op)] = wall_ns / ns_per_ms / iterations;
  if (cpu_s > 0) state.counters[std::string(counter::ops_per_s_per_core)] = iterations / cpu_s;
  state.counters[std::string(counter::cost_param)] = hash_case.cost_param;
}

void hash(benchmark::State& state, const HashCase& hash_case) {
  const auto wall_start = std::chrono::steady_clock::now();
  const double cpu_start = thread_cpu_seconds();
  for (auto _ : state) {
    auto stored = password::hash_password(bench_password, hash_case.policy);
    if (!stored) {
      state.SkipWithError(stored.error().detail.c_str());
      return;
    }
    benchmark::DoNotOptimize(stored->data());
  }
  set_rate_counters(state, hash_case, wall_start, cpu_start);
}

void verify(benchmark::State& state, const HashCase& hash_case) {
  const auto stored = password::hash_password(bench_password, hash_case.policy);  // setup, not timed
  if (!stored) {
    state.SkipWithError(stored.error().detail.c_str());
    return;
  }
  const auto wall_start = std::chrono::steady_clock::now();
  const double cpu_start = thread_cpu_seconds();
  for (auto _ : state) {
    const auto verified = password::verify_password(bench_password, *stored);
    if (!verified || !*verified) {
      state.SkipWithError("the password did not verify against its own hash");
      return;
    }
  }
  set_rate_counters(state, hash_case, wall_start, cpu_start);
}

}  // namespace

void register_hash_suite() {
  for (const auto& hash_case : hash_cases()) {
    benchmark::RegisterBenchmark((std::string(family::password_hash) + "/" + hash_case.name).c_str(), hash, hash_case)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark((std::string(family::password_verify) + "/" + hash_case.name).c_str(), verify,
                                 hash_case)
        ->Unit(benchmark::kMillisecond);
  }
}

}  // namespace authprobe::bench
