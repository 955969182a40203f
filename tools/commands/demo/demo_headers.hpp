#pragma once
// Header names the demo sends or shows that reference/core/http_constants.hpp does not name.
#include <string_view>

#include "reference/core/http_constants.hpp"

namespace authprobe::tools::demo {

inline constexpr std::string_view access_control_request_headers = "Access-Control-Request-Headers";
using http::header::x_process_time;  // the FastAPI middleware tutorial's timing header (--compat fastapi)

// Headers that differ on every answer by design: compared only in the walk's timing step.
[[nodiscard]] inline bool is_timing_header(std::string_view name) {
  return name == http::header::server_timing || name == x_process_time;
}

}  // namespace authprobe::tools::demo
