#pragma once
// BASIC-13 and TOKEN-25 (ASVS 4.0.3 V2.2.1; RFC 6819 §4.4.3.6): one way to judge whether online
// password guessing is throttled, whichever door the guesses come through.
#include <functional>
#include <string>

#include "conformance/check.hpp"

namespace authprobe::conformance::support {

// How throttling shows.
enum class ThrottleSign {
  refusal,           // 429 or Retry-After
  refusal_or_delay,  // ... or an answer more than four times slower than the first guess
};

// Sends `guess(n)` (the n-th wrong password, from 0) until the target throttles, up to 120 guesses
// and 90 s: PASS when it throttles by the 100th, else FAIL. The deciding exchange is the throttled
// answer, or the last guess when none was: the request that shows "still not throttled". A
// throttled answer came from the window the run's own guesses opened, so it is marked
// state-dependent: a replay once that window closes is answered as one wrong password.
[[nodiscard]] Finding judge_throttling(const std::function<SendResult(int)>& guess, ThrottleSign sign, std::string expected);

}  // namespace authprobe::conformance::support
