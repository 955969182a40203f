#include "conformance/runner.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <exception>
#include <mutex>
#include <set>
#include <thread>

#include "conformance/registry.hpp"

#include "conformance/http_constants.hpp"
#include "conformance/preflight.hpp"
#include "conformance/state_dependence.hpp"
#include "conformance/verdict_rules.hpp"

namespace authprobe::conformance {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t default_evidence = 3;
constexpr std::size_t min_secret_length = 6;  // shorter strings match too much by chance

std::string utc_now() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[sizeof "2026-01-01T00:00:00Z"];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// V6 and the modes: the SKIP reason, or nullopt when the check runs.
std::optional<std::string> skip_reason(const Check& check, const TargetProfile& target, const RunSettings& settings) {
  if (check.mode == Mode::inside_only) return "[I] inside-only: not observable from outside (config or code review)";
  if (check.mode == Mode::key_known && !target.key_known()) return "[K] check: the profile provides no signing key";
  if (check.slow && !settings.slow) return "needs --slow (timing/throttling check)";
  if (check.applies) return check.applies(target);
  return std::nullopt;
}

CheckResult result_of(const Check& check) {
  CheckResult result;
  result.id = check.id;
  result.level = check.level;
  result.cites = check.cites;
  result.mode = check.mode;
  result.summary = check.summary;
  return result;
}

Finding run_guarded(const Check& check, Context& ctx) {
  try {
    return check.run(ctx);
  } catch (const std::exception& e) {
    return errored(std::string("check crashed: ") + e.what());
  } catch (...) {
    return errored("check crashed with a non-standard exception");
  }
}

}  // namespace

std::map<Verdict, int> RunReport::summary() const {
  std::map<Verdict, int> counts{{Verdict::pass, 0}, {Verdict::fail, 0}, {Verdict::warn, 0},
                                {Verdict::skip, 0}, {Verdict::info, 0}, {Verdict::error, 0}};
  for (const auto& result : results) ++counts[result.finding.verdict];
  return counts;
}

Finding apply_invariants(Finding finding, const std::vector<const Observation*>& caused, const TargetProfile& target) {
  std::vector<std::string> secrets;
  for (const auto& [name, user] : target.users) {
    if (user.password.size() >= min_secret_length) secrets.push_back(user.password);
  }
  for (const auto& client : {target.clients.confidential, target.clients.second_confidential,
                             target.clients.reserved_chars, target.clients.no_password_grant}) {
    if (client && client->secret && client->secret->size() >= min_secret_length) secrets.push_back(*client->secret);
  }
  for (const auto* observation : caused) {
    const auto& exchange = observation->exchange;
    std::optional<std::string> problem = server_error_in(exchange);
    if (!problem && exchange.response && http::status::is_client_error(exchange.response->status)) {
      problem = leak_in(exchange.response->body_excerpt);
    }
    if (!problem && exchange.response) {
      for (const auto& secret : secrets) {
        if (exchange.response->body_excerpt.find(secret) != std::string::npos) problem = "a fixture secret is echoed in the body";
      }
    }
    if (problem) {
      finding.verdict = Verdict::fail;
      finding.detail += (finding.detail.empty() ? "" : "; ") + std::string("V1: ") + *problem;
      finding.evidence.insert(finding.evidence.begin(), exchange);
      for (auto& shown : finding.evidence) shown.decisive = false;
      finding.evidence.front().decisive = true;
      return finding;
    }
  }
  return finding;
}

namespace {

struct Planned {
  const Check* check = nullptr;
  bool reported = false;  // a baseline run only because a selected check needs it is not reported
};

// Runs as alone as it can: its verdict reads timings, throttling or the whole log.
bool runs_alone(const Check& check) { return check.slow || check.timing || check.trips_throttle || check.run_wide; }

// The phases of a run: baselines (V4) first, one at a time; the ordinary checks, concurrently;
// then, one at a time, the timing and slow checks, the ones that trip the login throttling (they
// lock the fixture users out for a while, so no other check meets a lockout it did not cause)
// and the run-wide checks (they read what all the others saw).
struct Plan {
  std::vector<Planned> first;
  std::vector<Planned> concurrent;
  std::vector<Planned> last;
};

Plan plan(const std::vector<const Check*>& selected, const std::vector<Check>& catalog) {
  Plan order;
  std::set<std::string> needed;
  for (const auto* check : selected) needed.insert(check->needs.begin(), check->needs.end());
  for (const auto& id : needed) {
    const bool is_selected = std::any_of(selected.begin(), selected.end(), [&](const Check* c) { return c->id == id; });
    for (const auto& check : catalog) {
      if (check.id == id && !is_selected) order.first.push_back({&check, false});
    }
  }
  for (const auto* check : selected) {
    if (needed.count(check->id) > 0) order.first.push_back({check, true});
  }
  const auto is_needed = [&](const Check* check) { return needed.count(check->id) > 0; };
  for (const auto* check : selected) {
    if (!is_needed(check) && !runs_alone(*check)) order.concurrent.push_back({check, true});
  }
  for (const auto* check : selected) {
    if (!is_needed(check) && runs_alone(*check) && !check->trips_throttle && !check->run_wide) order.last.push_back({check, true});
  }
  for (const auto* check : selected) {
    if (!is_needed(check) && check->trips_throttle && !check->run_wide) order.last.push_back({check, true});
  }
  for (const auto* check : selected) {
    if (!is_needed(check) && check->run_wide) order.last.push_back({check, true});
  }
  return order;
}

// Tells the sink as reported checks finish, and each section once its last check has.
class ProgressTracker {
public:
  ProgressTracker(ProgressSink* sink, const std::vector<const Check*>& selected, Clock::time_point start)
      : sink_(sink), start_(start), total_(selected.size()) {
    for (const auto* check : selected) ++remaining_[section_of(check->id)];
  }

  void finished(const CheckResult& result) {
    if (sink_ == nullptr) return;
    const std::lock_guard lock(mutex_);
    const double elapsed = std::chrono::duration<double, std::milli>(Clock::now() - start_).count();
    const auto section = section_of(result.id);
    auto& counts = counts_[section];
    if (counts.empty()) counts = {{Verdict::pass, 0}, {Verdict::fail, 0}, {Verdict::warn, 0}, {Verdict::skip, 0}, {Verdict::info, 0}, {Verdict::error, 0}};
    ++counts[result.finding.verdict];
    sink_->check_done({result.id, result.finding.verdict, ++done_, total_, elapsed});
    if (--remaining_[section] == 0) sink_->section_done({section, counts, elapsed});
  }

private:
  ProgressSink* sink_;
  Clock::time_point start_;
  std::size_t total_;
  std::size_t done_ = 0;
  std::mutex mutex_;
  std::map<std::string, std::size_t> remaining_;
  std::map<std::string, std::map<Verdict, int>> counts_;
};

CheckResult run_one(const Check& check, Context& ctx, const TargetProfile& target, const RunSettings& settings,
                    const std::optional<std::string>& unreachable) {
  CheckResult result = result_of(check);
  const auto start = Clock::now();
  ctx.begin_check(check.id);
  if (unreachable) {
    result.finding = errored("target unreachable: " + *unreachable);
  } else if (auto reason = skip_reason(check, target, settings)) {
    result.finding = skipped(*reason);
  } else {
    std::optional<std::string> failed_baseline;
    for (const auto& id : check.needs) {
      const auto verdict = ctx.verdict_of(id);
      if (verdict && (*verdict == Verdict::fail || *verdict == Verdict::error)) failed_baseline = id;
    }
    if (failed_baseline) {
      result.finding = errored("baseline " + *failed_baseline + " failed (V4): usually a wrong profile");
    } else {
      result.finding = run_guarded(check, ctx);
      result.finding.deviations = ctx.deviations_seen();
      const auto caused = ctx.log().by_check(check.id);
      if (!check.run_wide) result.finding = apply_invariants(std::move(result.finding), caused, target);
      if (settings.profile_problem) result.finding = unjudged_if_refused(std::move(result.finding), *settings.profile_problem);
      for (std::size_t i = 0; result.finding.evidence.empty() && i < caused.size() && i < default_evidence; ++i) {
        result.finding.evidence.push_back(caused[i]->exchange);
      }
      mark_spent_credentials(result.finding);
    }
  }
  result.elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  ctx.record_verdict(check.id, result.finding.verdict);
  return result;
}

}  // namespace

RunReport run_checks(const std::vector<const Check*>& selected, const std::vector<Check>& catalog,
                     const TargetProfile& target, Probe& probe, const RunSettings& settings) {
  RunReport report;
  report.target = probe.settings().base_url;
  report.target_profile = target.name;
  report.judgement = settings.judgement;
  report.slow = settings.slow;
  report.key_known = target.key_known();
  report.token_acquisition = std::string(to_string(target.acquisition_kind()));
  report.selection = settings.selection;
  report.started_at = utc_now();
  const auto run_start = Clock::now();
  auto run = std::make_shared<RunState>(target, settings.judgement, settings.slow);
  Context ctx(run, probe);

  // Reachability first: a target that cannot be reached makes every check ERROR (exit code 3),
  // and the run reports no progress (the CLI says "unreachable" in one line).
  ctx.begin_check("reachability");
  auto reach = ctx.send(req::get(target.endpoints.not_found));
  report.unreachable = !reach && reach.error().kind == TransportKind::connect;
  std::optional<std::string> unreachable;
  if (report.unreachable) unreachable = report.unreachable_reason = reach.error().message;
  ProgressTracker progress(report.unreachable ? nullptr : settings.progress, selected, run_start);

  std::map<const Check*, CheckResult> results;
  std::mutex results_mutex;
  const auto run_serially = [&](const std::vector<Planned>& checks, Context& on) {
    for (const auto& planned : checks) {
      auto result = run_one(*planned.check, on, target, settings, unreachable);
      if (!planned.reported) continue;
      progress.finished(result);
      const std::lock_guard lock(results_mutex);
      results.emplace(planned.check, std::move(result));
    }
  };

  const auto order = plan(selected, catalog);
  run_serially(order.first, ctx);
  const std::size_t workers = std::min(std::max<std::size_t>(settings.jobs, 1), order.concurrent.size());
  if (workers <= 1 || unreachable) {
    run_serially(order.concurrent, ctx);
  } else {
    // Each worker has its own probe (its exchanges are tagged with its own check) and shares the
    // run's log, token cache and verdicts; checks are taken in catalog order.
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> threads;
    threads.reserve(workers);
    for (std::size_t w = 0; w < workers; ++w) {
      threads.emplace_back([&] {
        const auto worker_probe = probe.for_worker();
        Context worker(run, *worker_probe);
        for (std::size_t i = next++; i < order.concurrent.size(); i = next++) run_serially({order.concurrent[i]}, worker);
      });
    }
    for (auto& thread : threads) thread.join();
  }
  run_serially(order.last, ctx);

  // Report in catalog order whatever the execution order was.
  for (const auto* check : selected) {
    if (auto found = results.find(check); found != results.end()) report.results.push_back(std::move(found->second));
  }
  report.shortfalls = ctx.session().shortfalls();
  report.wall_ms = std::chrono::duration<double, std::milli>(Clock::now() - run_start).count();
  return report;
}

}  // namespace authprobe::conformance
