#include "conformance/progress.hpp"

#include <algorithm>
#include <cstdio>

namespace authprobe::conformance {
namespace {

constexpr int section_width = 7;  // the longest section name, "BEARER", and a space
constexpr double ms_per_second = 1000.0;

std::string seconds(double ms) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", ms / ms_per_second);
  return text;
}

}  // namespace

std::string section_line(const SectionDone& done) {
  int total = 0;
  std::string counts;
  for (const auto& [verdict, count] : done.counts) {
    total += count;
    if (count == 0) continue;
    if (!counts.empty()) counts += ", ";
    counts += std::to_string(count);
    counts += ' ';
    counts += to_string(verdict);
  }
  std::string line = done.section;
  line.resize(std::max(line.size(), static_cast<std::size_t>(section_width)), ' ');
  line += std::to_string(total);
  line += total == 1 ? " check: " : " checks: ";
  line += counts;
  line += " (";
  line += seconds(done.elapsed_ms);
  line += ')';
  return line;
}

std::string live_line(const CheckDone& done) {
  char counter[48];
  std::snprintf(counter, sizeof counter, "[%3zu/%zu] ", done.done, done.total);
  std::string line = counter;
  line += done.id;
  line += ' ';
  line += to_string(done.verdict);
  line += " (";
  line += seconds(done.elapsed_ms);
  line += ')';
  return line;
}

}  // namespace authprobe::conformance
