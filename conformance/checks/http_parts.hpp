#pragma once
// The HTTP checks written outside http.cpp, one file per topic; http_checks() (http.cpp) lists
// them in catalog order.
#include "conformance/check.hpp"
#include "conformance/checks/support.hpp"

namespace authprobe::conformance {

[[nodiscard]] Check answers_cors_preflight();       // HTTP-11 (http_cors.cpp)
[[nodiscard]] Check exposes_errors_cross_origin();  // HTTP-12 (http_cors.cpp)
[[nodiscard]] Check hides_internals_in_errors();    // HTTP-13 (http_disclosure.cpp)

}  // namespace authprobe::conformance
