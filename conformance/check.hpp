#pragma once
// One catalog entry as data (h2spec/OpenID style): ID, level and citation verbatim from
// checks.md, the mode it needs, when it applies, and the function that judges the target.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "conformance/finding.hpp"
#include "conformance/observation_log.hpp"
#include "conformance/probe.hpp"
#include "conformance/session.hpp"
#include "conformance/target_profile.hpp"
#include "conformance/verdict.hpp"
#include "conformance/verdict_rules.hpp"

namespace authprobe::conformance {

class Context;

// nullopt: the check applies; otherwise the SKIP reason (V6).
using Applicability = std::function<std::optional<std::string>(const TargetProfile&)>;

struct Check {
  std::string id{};      // verbatim from checks.md, e.g. "BASIC-01"
  Level level = Level::must;
  std::string cites{};   // e.g. "RFC 9110 §11.6.1, §15.5.2; RFC 7617 §2"
  Mode mode = Mode::black_box;
  std::string summary{}; // one line: what the target must do
  Applicability applies{}; // may be empty: always applies
  std::function<Finding(Context&)> run{};
  std::vector<std::string> needs{};  // baseline IDs this check depends on (V4)
  bool run_wide = false; // judges the observation log; runs after every other check
  bool slow = false;     // timing/throttling: opt-in with --slow
  // Sends enough failed logins to trip the target's throttling, which locks the fixture users out
  // for a while: runs after every ordinary check, so none of them meets a lockout it did not cause.
  bool trips_throttle = false;
  // Judges response times: runs alone, after the concurrent checks, so their load does not
  // skew what it measures (--jobs).
  bool timing = false;
};

// What every check of one run shares, whichever worker thread runs it (--jobs): the observation
// log, the token cache and the verdicts so far. Each part locks itself.
class RunState {
public:
  RunState(const TargetProfile& target, Judgement judgement, bool slow)
      : target_(target), judgement_(judgement), slow_(slow), sessions_(std::make_shared<SessionStore>()) {}

  [[nodiscard]] const TargetProfile& target() const { return target_; }
  [[nodiscard]] Judgement judgement() const { return judgement_; }
  [[nodiscard]] bool slow() const { return slow_; }
  [[nodiscard]] ObservationLog& log() { return log_; }
  [[nodiscard]] const std::shared_ptr<SessionStore>& sessions() const { return sessions_; }
  void record_verdict(const std::string& id, Verdict verdict);
  [[nodiscard]] std::optional<Verdict> verdict_of(const std::string& id) const;

private:
  const TargetProfile& target_;
  Judgement judgement_;
  bool slow_;
  ObservationLog log_;
  std::shared_ptr<SessionStore> sessions_;
  mutable std::mutex verdicts_mutex_;
  std::map<std::string, Verdict> verdicts_;
};

class Context {
public:
  Context(const TargetProfile& target, Judgement judgement, Probe& probe, bool slow);
  // A worker's context: its own probe (exchanges are tagged with this context's check), the
  // run's shared state.
  Context(std::shared_ptr<RunState> run, Probe& probe);
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  [[nodiscard]] const TargetProfile& target() const { return run_->target(); }
  [[nodiscard]] Judgement judgement() const { return run_->judgement(); }
  [[nodiscard]] Probe& probe() { return probe_; }
  [[nodiscard]] Session& session() { return session_; }
  [[nodiscard]] const Session& session() const { return session_; }
  [[nodiscard]] const ObservationLog& log() const { return run_->log(); }
  [[nodiscard]] bool slow() const { return run_->slow(); }

  // Sends through the probe; the exchange is logged under the current check.
  [[nodiscard]] SendResult send(const Request& request);
  [[nodiscard]] std::vector<SendResult> send_pipelined(const std::vector<Request>& requests);
  // The same with the read bounded by `patience` (at most the probe's read timeout): for checks
  // that only need to see whether an answer comes at all.
  [[nodiscard]] std::vector<SendResult> send_pipelined(const std::vector<Request>& requests,
                                                       std::chrono::milliseconds patience);
  [[nodiscard]] std::vector<SendResult> send_sequential(const std::vector<Request>& requests);

  // Set by the runner around each check.
  void begin_check(const std::string& id) {
    current_check_ = id;
    deviations_.clear();
    probe_.begin_check();  // its check_time starts (limits.hpp)
  }
  [[nodiscard]] const std::string& current_check() const { return current_check_; }
  // Verdicts of checks already run (baselines first, V4).
  void record_verdict(const std::string& id, Verdict verdict) { run_->record_verdict(id, verdict); }
  [[nodiscard]] std::optional<Verdict> verdict_of(const std::string& id) const { return run_->verdict_of(id); }

  // V5: the current check saw the deviation of catalog row `row`; returns the row's verdict under
  // this run's judgement and keeps the row for the finding, so a report can show which verdicts a
  // D-row explains. Const because judging helpers see a const Context; the record is a log.
  [[nodiscard]] Verdict deviation(Deviation row) const;
  // The rows recorded since begin_check, as "D1".."D16", each once, in table order.
  [[nodiscard]] std::vector<std::string> deviations_seen() const;

private:
  std::shared_ptr<RunState> run_;
  Probe& probe_;
  Session session_;
  std::string current_check_;
  mutable std::vector<Deviation> deviations_;
};

}  // namespace authprobe::conformance
