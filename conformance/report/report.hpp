#pragma once
// Report formats: console (grouped by section, one line per check, colour only when asked), JSON
// (the stable contract documented in report/json.cpp) and JUnit XML for CI.
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "conformance/runner.hpp"

namespace authprobe::conformance {

enum class Format { console, json, junit };

[[nodiscard]] std::optional<Format> parse_format(std::string_view name);
[[nodiscard]] std::string render_console(const RunReport& report, bool colour);
[[nodiscard]] nlohmann::json to_json(const RunReport& report);
[[nodiscard]] std::string render_json(const RunReport& report);
[[nodiscard]] std::string render_junit(const RunReport& report);
[[nodiscard]] std::string render(const RunReport& report, Format format, bool colour);

}  // namespace authprobe::conformance
