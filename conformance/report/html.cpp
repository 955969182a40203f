// The HTML report: one self-contained page (no external script, font, style or image) that a
// person opens from disk or a CI artifact. A summary bar by verdict, one section per catalog
// section with a row per check (ID, level, verdict, title, citation linked to the RFC Editor),
// filters by verdict and level, and each row expandable to its expected, actual, detail, D-rows,
// replay line and the exchanges that decided it.
//
// Everything a target sent (headers, bodies, challenges) is untrusted: every text goes through
// html::escape, and the Content-Security-Policy allows only this page's own script and style by
// hash, so a target's <script> could not run even if it slipped past the escaping.
#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "conformance/registry.hpp"
#include "conformance/report/html_assets.hpp"
#include "conformance/report/report.hpp"

namespace authprobe::conformance {
namespace {

using html::escape;

// A finding can carry hundreds of exchanges (bursts, timing samples); the page shows the first
// ones and the JSON report keeps them all.
constexpr std::size_t max_exchanges_shown = 8;
// Likewise for text: HTTP-06 sends a 1 MiB field, and a hostile target may answer with any
// amount; a person reads the start, and the JSON report keeps the whole excerpt.
constexpr std::size_t max_field_shown = 1024;
constexpr std::size_t max_body_shown = 4096;

// The first `limit` bytes of `text` and how many were left out (a UTF-8 sequence cut in two
// becomes U+FFFD in escape()).
std::string clipped(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::string out(text.substr(0, limit));
  out += " [";
  out += std::to_string(text.size() - limit);
  out += " more bytes in the JSON report]";
  return out;
}

constexpr std::string_view verdict_names[] = {"PASS", "FAIL", "WARN", "SKIP", "INFO", "ERROR"};

std::string mode_text(Mode mode) {
  switch (mode) {
    case Mode::black_box: return "[B] black-box";
    case Mode::key_known: return "[K] key known";
    case Mode::inside_only: return "[I] inside-only";
  }
  return "";
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

void field(std::ostringstream& out, std::string_view name, const std::string& value, std::string_view cls = "") {
  if (value.empty()) return;
  out << "<dt>" << name << "</dt><dd";
  if (!cls.empty()) out << " class=\"" << cls << '"';
  out << ">"
      << escape(clipped(value, max_body_shown))
      << "</dd>\n";
}

std::string headers_text(const HeaderLines& headers) {
  std::string out;
  for (const auto& [name, value] : headers) {
    out += clipped(name, max_field_shown);
    out += ": ";
    out += clipped(value, max_field_shown);
    out += '\n';
  }
  return out;
}

// The note under a body the record holds only the start of.
std::string bytes_in_all(const std::string& excerpt, std::size_t bytes) {
  if (excerpt.size() >= bytes) return {};
  std::string out = "\n[";
  out += std::to_string(bytes);
  out += " bytes in all]";
  return out;
}

std::string request_text(const RequestRecord& request) {
  std::string out = request.method;
  out += ' ';
  out += clipped(request.target.empty() ? request.url : request.target, max_field_shown);
  out += '\n';
  if (request.raw && !request.raw_lines.empty()) {
    for (const auto& line : request.raw_lines) out += clipped(line, max_field_shown) + '\n';
  } else {
    out += headers_text(request.headers);
  }
  if (request.body_bytes > 0 || !request.body_excerpt.empty()) {
    out += '\n';
    out += clipped(request.body_excerpt, max_body_shown);
    out += bytes_in_all(request.body_excerpt, request.body_bytes);
  }
  return out;
}

std::string response_text(const ResponseRecord& response) {
  std::string out = "status ";
  out += std::to_string(response.status);
  out += '\n';
  out += headers_text(response.headers);
  if (response.body_bytes > 0 || !response.body_excerpt.empty()) {
    out += '\n';
    out += clipped(response.body_excerpt, max_body_shown);
    out += bytes_in_all(response.body_excerpt, response.body_bytes);
  }
  return out;
}

// `replay`: the finding's own replay line, not repeated under the exchange it came from.
void exchange(std::ostringstream& out, const Exchange& e, std::size_t number, std::size_t total, std::string_view replay) {
  out << "<div class=\"exchange\">\n<h4>exchange " << number << " of " << total << ": " << escape(e.request.method) << ' '
      << escape(clipped(e.request.url, max_field_shown)) << (e.request.raw ? " (raw socket)" : "") << "</h4>\n";
  out << "<pre class=\"request\">" << escape(request_text(e.request)) << "</pre>\n";
  if (e.response) {
    out << "<pre class=\"response\">" << escape(response_text(*e.response)) << "</pre>\n";
  } else {
    out << "<pre class=\"response transport-error\">" << escape(clipped(e.transport_error, max_body_shown)) << "</pre>\n";
  }
  if (!e.curl.empty() && e.curl != replay) out << "<p><code class=\"curl\">" << escape(clipped(e.curl, max_body_shown)) << "</code></p>\n";
  out << "</div>\n";
}

// What reproduces the finding: the exact request bytes of the exchange that decided it, and the
// curl line that sends exactly them, else the `authprobe replay` line.
void reproduction(std::ostringstream& out, const CheckResult& r) {
  const auto* deciding = deciding_exchange(r.finding);
  if (deciding == nullptr || deciding->request.wire.empty()) return;
  field(out, "request", wire_text(deciding->request, max_body_shown), "request");
  field(out, "replay", reproduction_command(r), "replay");
}

void check_row(std::ostringstream& out, const CheckResult& r) {
  const auto& f = r.finding;
  const auto verdict = to_string(f.verdict);
  out << "<details class=\"check\" id=\"" << escape(r.id) << "\" data-verdict=\"" << verdict << "\" data-level=\""
      << to_string(r.level) << "\">\n<summary><span class=\"verdict v-" << verdict << "\">" << verdict
      << "</span><span class=\"id\">" << escape(r.id) << "</span><span class=\"level\">" << to_string(r.level)
      << "</span><span class=\"title\">" << escape(r.summary) << "</span><span class=\"cites\">" << html::cite_links(r.cites)
      << "</span></summary>\n<div class=\"finding\">\n<dl>\n";
  field(out, "expected", f.expected);
  field(out, "actual", f.actual);
  field(out, "detail", f.detail);
  if (!f.deviations.empty()) field(out, "D-rows", joined(f.deviations, " ") + " (where standards and tutorials disagree)");
  field(out, "mode", mode_text(r.mode));
  field(out, "elapsed", std::to_string(static_cast<long long>(r.elapsed_ms)) + " ms");
  reproduction(out, r);
  out << "</dl>\n";
  const auto shown = std::min(f.evidence.size(), max_exchanges_shown);
  const auto* deciding = deciding_exchange(f);
  const std::string_view replay = deciding == nullptr ? std::string_view() : std::string_view(deciding->curl);
  for (std::size_t i = 0; i < shown; ++i) exchange(out, f.evidence[i], i + 1, f.evidence.size(), replay);
  if (shown < f.evidence.size()) {
    out << "<p class=\"more\">" << f.evidence.size() - shown << " more exchanges in the JSON report</p>\n";
  }
  out << "</div>\n</details>\n";
}

void header(std::ostringstream& out, const RunReport& report) {
  out << "<h1>authprobe check: " << escape(report.target) << "</h1>\n<p class=\"meta\">profile <b>"
      << escape(report.target_profile) << "</b> · judgement <b>" << to_string(report.judgement) << "</b> · mode <b>"
      << (report.key_known ? "[K] key known" : "[B] black-box") << "</b> · tokens <b>" << escape(report.token_acquisition)
      << "</b>" << (report.slow ? " · <b>--slow</b>" : "");
  if (!report.selection.empty()) out << " · --select <b>" << escape(joined(report.selection, ",")) << "</b>";
  out << " · started " << escape(report.started_at) << " · " << static_cast<long long>(report.wall_ms) << " ms</p>\n";
  if (report.unreachable) {
    out << "<p class=\"shortfalls\">target unreachable: " << escape(report.unreachable_reason) << "</p>\n";
  }
  if (!report.shortfalls.empty()) {
    out << "<div class=\"shortfalls\"><p>incomplete: the suite could not obtain what the profile promised; the checks "
           "that needed it are ERROR.</p><ul>\n";
    for (const auto& unmet : report.shortfalls) {
      out << "<li>fix <code>" << escape(unmet.field) << "</code>: " << escape(unmet.reason) << "</li>\n";
    }
    out << "</ul></div>\n";
  }
}

void summary_bar(std::ostringstream& out, const RunReport& report) {
  const auto counts = report.summary();
  out << "<nav class=\"summary\" id=\"summary\">\n";
  for (const auto& [verdict, count] : counts) {
    const auto name = to_string(verdict);
    out << "<button type=\"button\" class=\"v-" << name << "\" data-verdict=\"" << name << "\" data-count=\"" << count
        << "\" title=\"show only " << name << "\"><b>" << count << "</b>" << name << "</button>\n";
  }
  out << "</nav>\n<div class=\"bar\">";
  for (const auto& [verdict, count] : counts) {
    out << "<span class=\"v-" << to_string(verdict) << "\" data-count=\"" << count << "\"></span>";
  }
  out << "</div>\n";
}

void filters(std::ostringstream& out, const RunReport& report) {
  std::set<Level> levels;
  for (const auto& r : report.results) levels.insert(r.level);
  out << "<form id=\"filters\" hidden>\n<fieldset><legend>verdict</legend>\n";
  for (const auto name : verdict_names) {
    out << "<label><input type=\"checkbox\" name=\"verdict\" value=\"" << name << "\" checked> " << name << "</label>\n";
  }
  out << "</fieldset>\n<fieldset><legend>level</legend>\n";
  for (const auto level : levels) {
    out << "<label><input type=\"checkbox\" name=\"level\" value=\"" << to_string(level) << "\" checked> "
        << to_string(level) << "</label>\n";
  }
  out << "</fieldset>\n<button type=\"button\" id=\"expand\">expand all</button>"
         "<button type=\"button\" id=\"collapse\">collapse all</button><span id=\"shown\"></span>\n</form>\n";
}

// One section per catalog section, in the order the run reports them (catalog order).
void sections(std::ostringstream& out, const RunReport& report) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<const CheckResult*>> by_section;
  for (const auto& result : report.results) {
    auto& members = by_section[section_of(result.id)];
    if (members.empty()) order.push_back(section_of(result.id));
    members.push_back(&result);
  }
  for (const auto& section : order) {
    std::map<Verdict, int> counts;
    for (const auto* result : by_section[section]) ++counts[result->finding.verdict];
    out << "<section class=\"group\" id=\"section-" << escape(section) << "\">\n<h2>" << escape(section)
        << "<span class=\"counts\">";
    for (const auto& [verdict, count] : counts) out << ' ' << to_string(verdict) << ' ' << count;
    out << "</span></h2>\n";
    for (const auto* result : by_section[section]) check_row(out, *result);
    out << "</section>\n";
  }
}

}  // namespace

std::string render_html(const RunReport& report) {
  std::ostringstream out;
  // The policy comes first in <head>, before any text from the run: no source is allowed but
  // this page's own script and style, no base URL, no form submission.
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src "
      << html::csp_hash(html::script) << "; style-src " << html::csp_hash(html::style)
      << "; base-uri 'none'; form-action 'none'\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>authprobe report: "
      << escape(report.target) << "</title>\n<style>" << html::style << "</style>\n</head>\n<body>\n";
  header(out, report);
  summary_bar(out, report);
  filters(out, report);
  sections(out, report);
  out << "<script>" << html::script << "</script>\n</body>\n</html>\n";
  return out.str();
}

}  // namespace authprobe::conformance
