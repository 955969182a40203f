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

}  // namespace

void mark_request_start() { request_start = Clock::now(); }

std::string format_server_timing(double milliseconds) {
  char buffer[timing_buffer_size];
  std::snprintf(buffer, sizeof buffer, "total;dur=%.3f", milliseconds);
  return buffer;
}

void add_server_timing(httplib::Response& response) {
  double elapsed_ms = 0.0;
  if (request_start) {
    elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - *request_start).count();
    request_start.reset();
  }
  response.set_header(std::string(http::header::server_timing), format_server_timing(elapsed_ms));
}

}  // namespace authprobe::server
