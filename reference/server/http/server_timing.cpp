#include "reference/server/http/server_timing.hpp"

#include <chrono>
#include <cstdio>
#include <optional>

#include "reference/core/http_constants.hpp"

namespace authprobe::server {
namespace {

using Clock = std::chrono::steady_clock;
thread_local std::optional<Clock::time_point> request_start;
constexpr std::size_t timing_buffer_size = 48;
constexpr double milliseconds_per_second = 1000.0;

}  // namespace

void mark_request_start() { request_start = Clock::now(); }

std::string format_server_timing(double milliseconds) {
  char buffer[timing_buffer_size];
  std::snprintf(buffer, sizeof buffer, "total;dur=%.3f", milliseconds);
  return buffer;
}

std::string format_process_time(double milliseconds) {
  // Microseconds are the steady clock's useful resolution here; the tutorial prints Python's
  // float, which a client reads the same way.
  char buffer[timing_buffer_size];
  std::snprintf(buffer, sizeof buffer, "%.6f", milliseconds / milliseconds_per_second);
  return buffer;
}

void add_timing_headers(httplib::Response& response, config::CompatMode mode) {
  double elapsed_ms = 0.0;
  if (request_start) {
    elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - *request_start).count();
    request_start.reset();
  }
  response.set_header(std::string(http::header::server_timing), format_server_timing(elapsed_ms));
  if (mode == config::CompatMode::fastapi)
    response.set_header(std::string(http::header::x_process_time), format_process_time(elapsed_ms));
}

}  // namespace authprobe::server
