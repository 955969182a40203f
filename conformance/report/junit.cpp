// JUnit XML for CI: one <testsuite> per catalog section, one <testcase> per check. FAIL ->
// <failure>, ERROR -> <error>, SKIP -> <skipped>; WARN and INFO pass with the note in
// <system-out> (a SHOULD miss should not break a build unless the user selects it).
#include <map>
#include <sstream>

#include "conformance/registry.hpp"
#include "conformance/report/report.hpp"

namespace authprobe::conformance {
namespace {

constexpr double ms_per_second = 1000.0;

// The length of the well-formed UTF-8 sequence at the start of `text` that is an XML 1.0 Char
// (no surrogates, no U+FFFE/U+FFFF), or 0.
std::size_t xml_char_length(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  std::size_t length = 0;
  char32_t code = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code = lead & 0x1FU;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code = lead & 0x0FU;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code = lead & 0x07U;
  } else {
    return 0;
  }
  if (text.size() < length) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0U) != 0x80U) return 0;
    code = (code << 6U) | (byte(i) & 0x3FU);
  }
  const char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < smallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF) || code == 0xFFFE || code == 0xFFFF) return 0;
  return length;
}

// Markup escaped; a target's bytes that are not XML characters (controls, invalid UTF-8) become
// U+FFFD, so the report stays well-formed whatever the target sent.
std::string xml_escape(std::string_view text) {
  constexpr std::string_view replacement = "\xEF\xBF\xBD";
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if ((static_cast<unsigned char>(c) & 0x80U) != 0) {
          const auto length = xml_char_length(text.substr(i));
          if (length == 0) {
            out += replacement;
            ++i;
          } else {
            out += text.substr(i, length);
            i += length;
          }
          continue;
        }
        // XML 1.0 forbids most control characters even escaped.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') {
          out += "?";
        } else {
          out.push_back(c);
        }
    }
    ++i;
  }
  return out;
}

std::string seconds(double ms) {
  std::ostringstream out;
  out.precision(3);
  out << std::fixed << ms / ms_per_second;
  return out.str();
}

}  // namespace

std::string render_junit(const RunReport& report) {
  std::map<std::string, std::vector<const CheckResult*>> sections;
  std::vector<std::string> order;
  for (const auto& result : report.results) {
    const auto section = section_of(result.id);
    if (sections.find(section) == sections.end()) order.push_back(section);
    sections[section].push_back(&result);
  }
  const auto counts = report.summary();
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"authprobe\" tests=\"" << report.results.size() << "\" failures=\"" << counts.at(Verdict::fail)
      << "\" errors=\"" << counts.at(Verdict::error) << "\" skipped=\"" << counts.at(Verdict::skip) << "\" time=\""
      << seconds(report.wall_ms) << "\">\n";
  for (const auto& section : order) {
    const auto& results = sections[section];
    int failures = 0;
    int errors = 0;
    int skips = 0;
    double ms = 0.0;
    for (const auto* r : results) {
      failures += r->finding.verdict == Verdict::fail ? 1 : 0;
      errors += r->finding.verdict == Verdict::error ? 1 : 0;
      skips += r->finding.verdict == Verdict::skip ? 1 : 0;
      ms += r->elapsed_ms;
    }
    out << "  <testsuite name=\"" << section << "\" tests=\"" << results.size() << "\" failures=\"" << failures
        << "\" errors=\"" << errors << "\" skipped=\"" << skips << "\" time=\"" << seconds(ms) << "\">\n";
    for (const auto* r : results) {
      const auto& f = r->finding;
      out << "    <testcase classname=\"authprobe." << section << "\" name=\"" << xml_escape(r->id + " " + r->summary)
          << "\" time=\"" << seconds(r->elapsed_ms) << "\">\n";
      const std::string body = "expected: " + f.expected + "\nactual: " + f.actual + "\ndetail: " + f.detail +
                               "\ncites: " + r->cites + (reproduction_command(*r).empty() ? "" : "\nrepro: " + reproduction_command(*r));
      switch (f.verdict) {
        case Verdict::fail:
          out << "      <failure message=\"" << xml_escape(f.expected) << "\" type=\"" << to_string(r->level) << "\">"
              << xml_escape(body) << "</failure>\n";
          break;
        case Verdict::error:
          out << "      <error message=\"" << xml_escape(f.detail) << "\">" << xml_escape(body) << "</error>\n";
          break;
        case Verdict::skip: out << "      <skipped message=\"" << xml_escape(f.detail) << "\"/>\n"; break;
        case Verdict::warn:
        case Verdict::info:
          out << "      <system-out>" << to_string(f.verdict) << ": " << xml_escape(body) << "</system-out>\n";
          break;
        case Verdict::pass: break;
      }
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
  return out.str();
}

}  // namespace authprobe::conformance
