#pragma once
// The auth console's files (describe/console/), embedded by CMake (console_assets.cpp.in).
#include <string_view>

namespace authprobe::server::description {

extern const std::string_view console_html;  // the <body> contents
extern const std::string_view console_css;
extern const std::string_view console_js;

}  // namespace authprobe::server::description
