#pragma once
// Where the walk is written as it runs, step by step (so --step can pause between them): the
// console (one mode, or two side by side) or a Markdown handout.
#include <cstddef>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "tools/commands/demo/differences.hpp"
#include "tools/commands/demo/session.hpp"

namespace authprobe::tools::demo {

struct WalkSummary {
  std::size_t steps = 0;
  std::vector<std::string> unexpected;  // "6. Password grant: a wrong password (fastapi)"
};

class WalkWriter {
 public:
  virtual ~WalkWriter() = default;
  virtual void begin(const std::vector<const Session*>& sessions) = 0;
  // `runs` holds one run per session, in begin's order; `differences` is empty unless there are two.
  virtual void step(const Step& step, const std::vector<StepRun>& runs, const std::vector<DifferenceLine>& differences) = 0;
  virtual void end(const WalkSummary& summary) = 0;
};

[[nodiscard]] std::unique_ptr<WalkWriter> console_writer(std::ostream& out, std::size_t width);
[[nodiscard]] std::unique_ptr<WalkWriter> markdown_writer(std::ostream& out);

// What both writers say about the servers and the outcome.
[[nodiscard]] std::string servers_line(const Session& session);
[[nodiscard]] std::string summary_line(const WalkSummary& summary);

}  // namespace authprobe::tools::demo
