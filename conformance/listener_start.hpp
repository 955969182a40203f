#pragma once
// Starting a cpp-httplib listener on a thread of its own: listen_after_bind() sets is_running()
// once its accept loop runs, and stop() does nothing before that, so whoever starts one must wait
// (bounded) for it before handing it out, and must treat a listener that never came up as an
// error: its thread has ended and nothing answers on the port.
#include <chrono>
#include <thread>

#include <httplib.h>

namespace authprobe::conformance {

// Far above the few milliseconds a start takes, even on a loaded 2-core machine under a sanitizer.
inline constexpr std::chrono::milliseconds listener_start_timeout{5000};
inline constexpr std::chrono::milliseconds listener_start_poll{2};

// Polls until `server` accepts; false once `timeout` has passed without it.
[[nodiscard]] inline bool wait_until_running(const httplib::Server& server,
                                             std::chrono::milliseconds timeout = listener_start_timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!server.is_running()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(listener_start_poll);
  }
  return true;
}

}  // namespace authprobe::conformance
