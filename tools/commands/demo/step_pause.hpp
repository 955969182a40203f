#pragma once
// --step: wait for Enter between steps, for a live class. Never a hang: at the end of the
// input (a closed stdin, </dev/null) the walk goes on without pausing, and an input that is not
// a terminal and stays silent for `silent_bound` counts as ended. Only a terminal, where someone
// is there to press Enter, waits without a bound.
#include <chrono>
#include <cstddef>

namespace authprobe::tools::demo {

inline constexpr std::chrono::seconds default_silent_bound{30};
inline constexpr std::size_t max_line_bytes = 4096;  // a line longer than this counts as one Enter

class StepPause {
 public:
  StepPause(int fd, std::chrono::milliseconds silent_bound);

  // Waits for one line. False when the input has ended (now or before): the caller stops prompting.
  bool wait();
  [[nodiscard]] bool ended() const { return ended_; }
  // A terminal echoes the Enter it was given, so the prompt's line is already ended.
  [[nodiscard]] bool echoes() const { return terminal_; }

 private:
  int fd_;
  bool terminal_;
  std::chrono::milliseconds silent_bound_;
  bool ended_ = false;
};

}  // namespace authprobe::tools::demo
