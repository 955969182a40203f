#include "tools/commands/demo/step_pause.hpp"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace authprobe::tools::demo {

StepPause::StepPause(int fd, std::chrono::milliseconds silent_bound)
    : fd_(fd), terminal_(::isatty(fd) == 1), silent_bound_(silent_bound) {}

bool StepPause::wait() {
  using Clock = std::chrono::steady_clock;
  if (ended_) return false;
  const auto deadline = Clock::now() + silent_bound_;
  // Bounded: at most max_line_bytes reads, and off a terminal no longer than silent_bound.
  for (std::size_t read_bytes = 0; read_bytes < max_line_bytes; ++read_bytes) {
    pollfd input{fd_, POLLIN, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    const int timeout_ms = terminal_ ? -1 : static_cast<int>(std::max<long long>(left.count(), 0));
    const int ready = ::poll(&input, 1, timeout_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) break;  // silent for the bound, or poll failed: ended
    char c = 0;
    const auto n = ::read(fd_, &c, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // end of input: ended
    if (c == '\n') return true;
    if (read_bytes + 1 == max_line_bytes) return true;  // an overlong line is one Enter
  }
  ended_ = true;
  return false;
}

}  // namespace authprobe::tools::demo
