#pragma once
// The standard form of the seeds' latency middleware: a Server-Timing header (W3C Server
// Timing) on every response, `total;dur=<milliseconds>`. cpp-httplib runs the pre-routing
// handler, the route handler and the post-routing handler of one request on one thread, so
// the start time lives in a thread_local between them.
#include <string>

#include <httplib.h>

namespace authprobe::server {

void mark_request_start();
// Adds the header; a request that never reached routing (e.g. a malformed request line)
// reports dur=0.
void add_server_timing(httplib::Response& response);

[[nodiscard]] std::string format_server_timing(double milliseconds);

}  // namespace authprobe::server
