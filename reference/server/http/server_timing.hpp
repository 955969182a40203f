#pragma once
// The standard form of the seeds' latency middleware: a Server-Timing header (W3C Server
// Timing) on every response, `total;dur=<milliseconds>`; in --compat fastapi also the header the
// FastAPI middleware tutorial writes, `X-Process-Time: <seconds>`, from the same measurement.
// cpp-httplib runs the pre-routing handler, the route handler and the post-routing handler of one
// request on one thread, so the start time lives in a thread_local between them.
#include <string>

#include <httplib.h>

#include "reference/config/server_config.hpp"

namespace authprobe::server {

void mark_request_start();
// Adds the header(s) of `mode`; a request that never reached routing (e.g. a malformed request
// line) reports a duration of 0.
void add_timing_headers(httplib::Response& response, config::CompatMode mode);

[[nodiscard]] std::string format_server_timing(double milliseconds);
[[nodiscard]] std::string format_process_time(double milliseconds);  // seconds, as a decimal

}  // namespace authprobe::server
