#include "conformance/runner.hpp"

#include <chrono>
#include <ctime>
#include <exception>
#include <set>

#include "conformance/http_constants.hpp"
#include "conformance/preflight.hpp"
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
  Context ctx(target, settings.judgement, probe, settings.slow);

  // Reachability first: a target that cannot be reached makes every check ERROR (exit code 3).
  ctx.begin_check("reachability");
  auto reach = ctx.send(req::get(target.endpoints.not_found));
  report.unreachable = !reach && reach.error().kind == TransportKind::connect;
  if (report.unreachable) report.unreachable_reason = reach.error().message;

  // Order: implicit baselines, selected baselines, ordinary checks, checks that trip the
  // target's login throttling, run-wide checks (they read what all the others saw).
  std::set<std::string> needed;
  for (const auto* check : selected) needed.insert(check->needs.begin(), check->needs.end());
  std::vector<std::pair<const Check*, bool>> order;  // check, reported
  for (const auto& id : needed) {
    const bool is_selected = std::any_of(selected.begin(), selected.end(), [&](const Check* c) { return c->id == id; });
    for (const auto& check : catalog) {
      if (check.id == id && !is_selected) order.emplace_back(&check, false);
    }
  }
  for (const auto* check : selected) {
    if (needed.count(check->id) > 0) order.emplace_back(check, true);
  }
  for (const auto* check : selected) {
    if (needed.count(check->id) == 0 && !check->run_wide && !check->trips_throttle) order.emplace_back(check, true);
  }
  for (const auto* check : selected) {
    if (needed.count(check->id) == 0 && !check->run_wide && check->trips_throttle) order.emplace_back(check, true);
  }
  for (const auto* check : selected) {
    if (needed.count(check->id) == 0 && check->run_wide) order.emplace_back(check, true);
  }

  std::vector<CheckResult> results;
  for (const auto& [check, reported] : order) {
    CheckResult result = result_of(*check);
    const auto start = Clock::now();
    ctx.begin_check(check->id);
    if (report.unreachable) {
      result.finding = errored("target unreachable: " + reach.error().message);
    } else if (auto reason = skip_reason(*check, target, settings)) {
      result.finding = skipped(*reason);
    } else {
      std::optional<std::string> failed_baseline;
      for (const auto& id : check->needs) {
        const auto verdict = ctx.verdict_of(id);
        if (verdict && (*verdict == Verdict::fail || *verdict == Verdict::error)) failed_baseline = id;
      }
      if (failed_baseline) {
        result.finding = errored("baseline " + *failed_baseline + " failed (V4): usually a wrong profile");
      } else {
        result.finding = run_guarded(*check, ctx);
        result.finding.deviations = ctx.deviations_seen();
        const auto caused = ctx.log().by_check(check->id);
        if (!check->run_wide) result.finding = apply_invariants(std::move(result.finding), caused, target);
        if (settings.profile_problem) result.finding = unjudged_if_refused(std::move(result.finding), *settings.profile_problem);
        for (std::size_t i = 0; result.finding.evidence.empty() && i < caused.size() && i < default_evidence; ++i) {
          result.finding.evidence.push_back(caused[i]->exchange);
        }
      }
    }
    result.elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    ctx.record_verdict(check->id, result.finding.verdict);
    if (reported) results.push_back(std::move(result));
  }
  // Report in catalog order whatever the execution order was.
  for (const auto* check : selected) {
    for (auto& result : results) {
      if (result.id == check->id) report.results.push_back(std::move(result));
    }
  }
  report.shortfalls = ctx.session().shortfalls();
  report.wall_ms = std::chrono::duration<double, std::milli>(Clock::now() - run_start).count();
  return report;
}

}  // namespace authprobe::conformance
