#pragma once
// How a run reports progress while it goes: the runner calls a ProgressSink as checks finish
// (one call at a time, whatever the number of worker threads), the CLI prints the lines below
// on stderr. Nothing here prints.
#include <cstddef>
#include <map>
#include <string>

#include "conformance/verdict.hpp"

namespace authprobe::conformance {

struct CheckDone {
  std::string id;
  Verdict verdict = Verdict::pass;
  std::size_t done = 0;   // reported checks finished so far, this one included
  std::size_t total = 0;  // reported checks in the run
  double elapsed_ms = 0.0;  // since the run started
};

struct SectionDone {
  std::string section;  // "BASIC", "TOKEN", ...
  std::map<Verdict, int> counts;
  double elapsed_ms = 0.0;  // since the run started
};

class ProgressSink {
public:
  ProgressSink() = default;
  ProgressSink(const ProgressSink&) = default;
  ProgressSink& operator=(const ProgressSink&) = default;
  virtual ~ProgressSink() = default;
  virtual void check_done(const CheckDone& /*done*/) {}
  virtual void section_done(const SectionDone& /*done*/) {}
};

// "BASIC   13 checks: 12 PASS, 1 SKIP (0.4 s)": verdicts with a count, in report order.
[[nodiscard]] std::string section_line(const SectionDone& done);
// "[ 37/143] TOKEN-06 PASS (1.2 s)": for a line rewritten in place on a terminal.
[[nodiscard]] std::string live_line(const CheckDone& done);

}  // namespace authprobe::conformance
