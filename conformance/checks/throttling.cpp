#include "conformance/checks/throttling.hpp"

#include <chrono>
#include <optional>

#include "conformance/checks/support.hpp"

namespace authprobe::conformance::support {
namespace {

constexpr int throttle_attempts = 120;  // wrong passwords sent at most ...
constexpr int throttle_by = 100;        // ... throttled no later than the 100th
constexpr std::chrono::seconds throttle_budget{90};
constexpr double delay_growth = 4.0;    // refusal_or_delay: this many times the first answer's time ...
constexpr double delay_floor_ms = 100.0;  // ... plus this, so that scheduling noise is not a delay

}  // namespace

Finding judge_throttling(const std::function<SendResult(int)>& guess, ThrottleSign sign, std::string expected) {
  Judged j(std::move(expected));
  const auto deadline = std::chrono::steady_clock::now() + throttle_budget;
  double first_ms = 0.0;
  int attempt = 0;
  std::optional<SendResult> last;
  for (; attempt < throttle_attempts && std::chrono::steady_clock::now() < deadline; ++attempt) {
    auto r = guess(attempt);
    if (!r) continue;
    if (attempt == 0) first_ms = r->elapsed_ms;
    const bool delayed = sign == ThrottleSign::refusal_or_delay && first_ms > 0 &&
                         r->elapsed_ms > delay_growth * first_ms + delay_floor_ms;
    if (r->status == http::status::too_many_requests || r->has_header(http::header::retry_after) || delayed) {
      j.part(attempt < throttle_by ? Verdict::pass : Verdict::fail, "throttled at attempt " + std::to_string(attempt + 1), r);
      Finding finding = j.finish();
      mark_state_dependent(finding, "throttled after " + std::to_string(attempt + 1) +
                                        " wrong passwords in this run; once the target's window closes, a replay is one wrong password");
      return finding;
    }
    last = std::move(r);
  }
  const std::string note = "no throttling after " + std::to_string(attempt) + " wrong passwords";
  if (last) j.part(Verdict::fail, note + " (the last one shown)", *last);
  else j.part(Verdict::fail, note);
  return j.finish();
}

}  // namespace authprobe::conformance::support
