#include <cstdio>
#include <sstream>

#include "conformance/registry.hpp"
#include "conformance/report/report.hpp"

namespace authprobe::conformance {
namespace {

std::string_view colour_of(Verdict verdict) {
  switch (verdict) {
    case Verdict::pass: return "\x1b[32m";
    case Verdict::fail: return "\x1b[31m";
    case Verdict::warn: return "\x1b[33m";
    case Verdict::error: return "\x1b[35m";
    case Verdict::info: return "\x1b[36m";
    case Verdict::skip: return "\x1b[2m";
  }
  return "";
}
constexpr std::string_view reset = "\x1b[0m";
constexpr std::size_t console_body_bytes = 512;  // the JSON report has the whole request
constexpr std::string_view continuation = "                    ";

std::string padded(std::string_view text, std::size_t width) {
  std::string out(text);
  if (out.size() < width) out.append(width - out.size(), ' ');
  return out;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : " ") + item;
  return out;
}

constexpr std::string_view note_indent = "          ";
constexpr double ms_per_second = 1000.0;

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find('\n', start);
    lines.emplace_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return lines;
}

// A finding's text without a leading "INFO: " when the verdict column already says INFO.
std::string without_own_verdict(const std::string& text, Verdict verdict) {
  const std::string prefix = std::string(to_string(verdict)) + ": ";
  return text.rfind(prefix, 0) == 0 ? text.substr(prefix.size()) : text;
}

// "PASS  what: status", as Judged writes each part into the detail.
std::optional<std::string> part_text(const std::string& line) {
  constexpr std::size_t verdict_column = 6;
  if (line.size() <= verdict_column || line.compare(verdict_column - 2, 2, "  ") != 0) return std::nullopt;
  if (!parse_verdict(line.substr(0, line.find(' ')))) return std::nullopt;
  return line.substr(verdict_column);
}

// One labelled field; continuation lines are indented under the first line's text.
void field(std::ostringstream& out, std::string_view label, const std::vector<std::string>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i == 0) {
      out << note_indent << label << lines[i] << "\n";
    } else {
      out << std::string(note_indent.size() + label.size(), ' ') << lines[i] << "\n";
    }
  }
}

// actual and detail without saying anything twice: detail lines that restate a part of actual,
// with its verdict, replace the joined actual; the other detail lines stay under detail.
void actual_and_detail(std::ostringstream& out, const Finding& f) {
  const std::string actual = without_own_verdict(f.actual, f.verdict);
  std::vector<std::string> parts;
  std::vector<std::string> notes;
  for (const auto& line : lines_of(f.detail)) {
    if (line.empty()) continue;
    const auto part = part_text(line);
    if ((part && actual.find(*part) != std::string::npos) || line == actual || line == f.actual) {
      parts.push_back(line);
    } else {
      notes.push_back(line);
    }
  }
  if (parts.size() > 1) {
    field(out, "actual:   ", parts);
  } else if (!actual.empty()) {
    field(out, "actual:   ", lines_of(actual));
  }
  if (!notes.empty()) field(out, "detail:   ", notes);
}

}  // namespace

std::optional<Format> parse_format(std::string_view name) {
  if (name == "console" || name == "text") return Format::console;
  if (name == "json") return Format::json;
  if (name == "junit") return Format::junit;
  if (name == "html") return Format::html;
  return std::nullopt;
}

std::string_view report_file_name(Format format) {
  switch (format) {
    case Format::console: return "report.txt";
    case Format::json: return "report.json";
    case Format::junit: return "report.xml";
    case Format::html: return "report.html";
  }
  return "report";
}

std::string render_console(const RunReport& report, bool colour) {
  constexpr std::size_t verdict_width = 6;
  constexpr std::size_t id_width = 10;
  constexpr std::size_t level_width = 9;
  std::ostringstream out;
  out << "authprobe check: " << report.target << " (profile " << report.target_profile << ", judgement "
      << to_string(report.judgement) << ", mode " << (report.key_known ? "[K] key known" : "[B] black-box")
      << ", tokens " << report.token_acquisition << (report.slow ? ", --slow" : "")
      << (report.selection.empty() ? std::string() : ", --select " + joined(report.selection)) << ")\n";
  if (report.remote) {
    out << "remote target: not loopback, judged because of --allow-remote"
        << (report.remote_load ? " and --allow-remote-load (--slow sends password-guessing bursts)" : "") << "\n";
  }
  std::string section;
  for (const auto& result : report.results) {
    if (section_of(result.id) != section) {
      section = section_of(result.id);
      out << "\n" << section << "\n";
    }
    const auto verdict = to_string(result.finding.verdict);
    out << "  ";
    if (colour) out << colour_of(result.finding.verdict);
    out << padded(verdict, verdict_width);
    if (colour) out << reset;
    out << padded(result.id, id_width) << padded(to_string(result.level), level_width)
        << without_own_verdict(result.summary, result.finding.verdict) << "\n";
    const auto& f = result.finding;
    if (f.verdict == Verdict::fail || f.verdict == Verdict::warn || f.verdict == Verdict::error) {
      if (!f.expected.empty()) out << "          expected: " << f.expected << "\n";
      actual_and_detail(out, f);
      if (!f.deviations.empty()) out << "          rows:     " << joined(f.deviations) << " (standards and tutorials disagree)\n";
      out << "          cites:    " << result.cites << "\n";
      if (const auto* deciding = deciding_exchange(f); deciding != nullptr && !deciding->request.wire.empty()) {
        std::string request = wire_text(deciding->request, console_body_bytes);
        for (std::size_t at = request.find('\n'); at != std::string::npos; at = request.find('\n', at + 1)) {
          request.insert(at + 1, continuation);
        }
        out << "          request:  " << request << "\n";
        out << "          repro:    " << reproduction_command(result) << "\n";
      }
    } else if (f.verdict == Verdict::skip || f.verdict == Verdict::info) {
      const auto why = without_own_verdict(f.detail.empty() ? f.actual : f.detail, f.verdict);
      if (!why.empty()) field(out, "", lines_of(why));
    }
  }
  out << "\nsummary:";
  for (const auto& [verdict, count] : report.summary()) out << " " << to_string(verdict) << " " << count;
  char wall[32];
  std::snprintf(wall, sizeof wall, "%.1f s", report.wall_ms / ms_per_second);
  out << "\nwall time: " << wall << "\n";
  if (report.unreachable) out << "target unreachable\n";
  if (!report.shortfalls.empty()) {
    out << "\nincomplete: the suite could not obtain what the profile promised; the checks that needed it are ERROR.\n";
    for (const auto& unmet : report.shortfalls) out << "  fix " << unmet.field << ": " << unmet.reason << "\n";
  }
  return out.str();
}

std::string render(const RunReport& report, Format format, bool colour) {
  switch (format) {
    case Format::console: return render_console(report, colour);
    case Format::json: return render_json(report);
    case Format::junit: return render_junit(report);
    case Format::html: return render_html(report);
  }
  return {};
}

}  // namespace authprobe::conformance
