#pragma once
// Report formats: console (grouped by section, one line per check, colour only when asked), JSON
// (the stable contract documented in report/json.cpp), JUnit XML for CI and a self-contained
// HTML page for people (report/html.cpp).
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "conformance/runner.hpp"

namespace authprobe::conformance {

enum class Format { console, json, junit, html };

[[nodiscard]] std::optional<Format> parse_format(std::string_view name);
[[nodiscard]] std::string render_console(const RunReport& report, bool colour);
[[nodiscard]] nlohmann::json to_json(const RunReport& report);
[[nodiscard]] std::string render_json(const RunReport& report);
[[nodiscard]] std::string render_junit(const RunReport& report);
[[nodiscard]] std::string render_html(const RunReport& report);
[[nodiscard]] std::string render(const RunReport& report, Format format, bool colour);
// The file a format is written to in an --output-dir: report.json, report.xml, report.html
// (console: report.txt, though the CLI prints the console report to stdout).
[[nodiscard]] std::string_view report_file_name(Format format);

// A finding's reproduction (report/reproduction.cpp): the exact request bytes that decided it,
// readable (CRLF as line breaks, other control bytes as \xNN, body cut at `body_limit`), and the
// command that re-sends them: the curl line when curl sends exactly those bytes, else
// `authprobe replay REPORT.json ID`, followed by "  # state-dependent: WHY" when the deciding
// exchange depends on state the run changed (Exchange::state_dependence). Empty for a finding
// without evidence.
[[nodiscard]] std::string wire_text(const RequestRecord& request, std::size_t body_limit);
[[nodiscard]] std::string reproduction_command(const CheckResult& result);

// Pieces of the HTML report, public for their tests (report/html_text.cpp).
namespace html {
// Text from anywhere (the target included) made safe as HTML element content or a quoted
// attribute value: invalid UTF-8 and control characters (NUL included) become U+FFFD, and
// & < > " ' become character references.
[[nodiscard]] std::string escape(std::string_view text);
// A catalog citation ("RFC 9110 §11.6.1, §15.5.2; RFC 7617 §2") as escaped HTML in which each
// RFC and each of its sections or appendices links to the RFC Editor's page; every other form
// (OWASP, ASVS, NIST, ...) stays text.
[[nodiscard]] std::string cite_links(std::string_view cites);
// The CSP source expression for a block of inline script or style: 'sha256-<base64>'.
[[nodiscard]] std::string csp_hash(std::string_view text);
}  // namespace html

}  // namespace authprobe::conformance
