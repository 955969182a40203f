#include "bench/ratios.hpp"

#include <string_view>

#include "bench/names.hpp"

namespace authprobe::bench {
namespace {

// Issue 4, "Speed it must reach".
namespace target {
inline constexpr double hs256_verify_us = 1.0;
inline constexpr double libjwt_speedup = 5.0;
inline constexpr double signature_overhead = 1.1;
inline constexpr double protected_vs_open = 0.95;
inline constexpr double login_efficiency = 0.9;
inline constexpr double storm_rate_kept = 0.5;
inline constexpr double storm_p99_ms = 10.0;
}  // namespace target

constexpr double ns_per_us = 1e3;
constexpr double us_per_ms = 1e3;
constexpr double ms_per_s = 1e3;

std::string member(std::string_view family_name, std::string_view argument) {
  std::string name(family_name);
  return name.append("/").append(argument);
}

// CPU time for the single-threaded JWT figures (preemption by neighbours is not ours).
std::optional<double> cpu_ns(const Results& results, const std::string& name) {
  const Measurement* m = results.find(name);
  if (m == nullptr || m->error || m->cpu_ns <= 0) return std::nullopt;
  return m->cpu_ns;
}

std::optional<double> counter_of(const Measurement* m, std::string_view key) {
  if (m == nullptr || m->error) return std::nullopt;
  return m->counter(key);
}

std::optional<double> divide(std::optional<double> a, std::optional<double> b) {
  if (!a || !b || *b == 0) return std::nullopt;
  return *a / *b;
}

Ratio at_most(std::string name, std::optional<double> value, std::string unit, double limit, std::string target_text,
              std::string basis) {
  Ratio r{std::move(name), value, std::move(unit), std::move(target_text), std::nullopt, std::move(basis)};
  if (value) r.met = *value <= limit;
  return r;
}

Ratio at_least(std::string name, std::optional<double> value, std::string unit, double limit, std::string target_text,
               std::string basis) {
  Ratio r{std::move(name), value, std::move(unit), std::move(target_text), std::nullopt, std::move(basis)};
  if (value) r.met = *value >= limit;
  return r;
}

Ratio info(std::string name, std::optional<double> value, std::string unit, std::string basis) {
  return Ratio{std::move(name), value, std::move(unit), "", std::nullopt, std::move(basis)};
}

void jwt_ratios(const Results& results, std::vector<Ratio>& out) {
  const auto pipeline = cpu_ns(results, member(family::jwt_verify, "HS256"));
  if (!pipeline) return;
  out.push_back(at_most("HS256 full verify", *pipeline / ns_per_us, "us", target::hs256_verify_us, "<= 1.0 us",
                        "BM_JwtVerify/HS256 CPU time"));
  out.push_back(info("HS256 pipeline / HMAC floor", divide(pipeline, cpu_ns(results, member(family::floor_hmac, "HS256"))),
                     "x", "BM_JwtVerify/HS256 over BM_FloorHmac/HS256"));
  out.push_back(info("HS256 pipeline / base64url decode floor",
                     divide(pipeline, cpu_ns(results, member(family::floor_base64url, "HS256"))), "x",
                     "BM_JwtVerify/HS256 over BM_FloorBase64urlDecode/HS256"));
  for (const std::string_view alg : {"HS256", "RS256", "ES256"}) {
    const auto ours = cpu_ns(results, member(family::jwt_verify, alg));
    const auto peer = cpu_ns(results, member(family::peer_libjwt, alg));
    if (!peer) continue;
    const std::string name = std::string(alg) + " verify: libjwt / pipeline";
    const std::string basis = "BM_PeerLibjwtVerify/" + std::string(alg) + " over BM_JwtVerify/" + std::string(alg);
    if (alg == "HS256")
      out.push_back(at_least(name, divide(peer, ours), "x", target::libjwt_speedup, ">= 5x", basis));
    else
      out.push_back(info(name, divide(peer, ours), "x", basis));
  }
  for (const std::string_view alg : {"RS256", "PS256", "ES256", "EdDSA"}) {
    const auto ours = cpu_ns(results, member(family::jwt_verify, alg));
    const auto floor = cpu_ns(results, member(family::floor_signature, alg));
    if (!ours || !floor) continue;
    out.push_back(at_most(std::string(alg) + " verify / bare EVP verify", divide(ours, floor), "x",
                          target::signature_overhead, "<= 1.1x",
                          "BM_JwtVerify/" + std::string(alg) + " over BM_FloorSignatureVerify/" + std::string(alg)));
  }
}

void http_ratios(const Results& results, std::vector<Ratio>& out) {
  // Alternating batches (BM_HttpProtectedVsOpen) when the run has them; else the two families.
  const auto paired = results.family(family::http_paired);
  for (const Measurement* pair : paired) {
    const std::string label = pair->name.substr(family::http_paired.size() + 1);
    out.push_back(at_least("protected / open route (alternating), " + label,
                           counter_of(pair, counter::protected_over_open), "x", target::protected_vs_open, ">= 0.95x",
                           "protected_over_open of BM_HttpProtectedVsOpen"));
  }
  for (const Measurement* open : results.family(family::http_open)) {
    if (!paired.empty()) break;
    const auto threads = name_argument(open->name, arg::threads);
    if (!threads) continue;
    const std::string suffix = "threads:" + std::to_string(static_cast<int>(*threads));
    const Measurement* guarded = results.find(member(family::http_protected, suffix));
    out.push_back(at_least("protected / open route, " + suffix,
                           divide(counter_of(guarded, counter::req_per_s), counter_of(open, counter::req_per_s)), "x",
                           target::protected_vs_open, ">= 0.95x",
                           "req_per_s of BM_HttpProtectedRoute over BM_HttpOpenRoute"));
  }
  for (const Measurement* login : results.family(family::http_login)) {
    const auto rate = counter_of(login, counter::req_per_s);
    const auto hash_ms = counter_of(login, counter::hash_ms);
    const auto slots = counter_of(login, counter::hash_slots);
    std::optional<double> ideal;
    if (hash_ms && slots && *hash_ms > 0) ideal = *slots * ms_per_s / *hash_ms;
    out.push_back(at_least("login rate / (cores / hash time), " + login->name.substr(family::http_login.size() + 1),
                           divide(rate, ideal), "x", target::login_efficiency, ">= 0.9x",
                           "req_per_s over hash_slots * 1000 / hash_ms"));
  }
  for (const Measurement* storm : results.family(family::http_storm)) {
    const auto threads = name_argument(storm->name, arg::threads);
    if (!threads) continue;
    const std::string suffix = "threads:" + std::to_string(static_cast<int>(*threads));
    const std::string label = storm->name.substr(family::http_storm.size() + 1);
    const Measurement* idle = results.find(member(family::http_protected, suffix));
    out.push_back(at_least("storm / idle protected rate, " + label,
                           divide(counter_of(storm, counter::req_per_s), counter_of(idle, counter::req_per_s)), "x",
                           target::storm_rate_kept, ">= 0.5x",
                           "req_per_s of BM_HttpProtectedDuringStorm over BM_HttpProtectedRoute"));
    std::optional<double> p99_ms;
    if (auto p99 = counter_of(storm, counter::p99_us)) p99_ms = *p99 / us_per_ms;
    out.push_back(at_most("p99 during storm, " + label, p99_ms, "ms", target::storm_p99_ms, "<= 10 ms",
                          "p99_us of BM_HttpProtectedDuringStorm"));
  }
}

}  // namespace

std::vector<Ratio> compute_ratios(const Results& results) {
  std::vector<Ratio> out;
  jwt_ratios(results, out);
  http_ratios(results, out);
  return out;
}

}  // namespace authprobe::bench
