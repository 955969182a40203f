#pragma once
// `authprobe demo` without its command line: the walk in one mode or both, written to a stream.
// Tests call it in-process; demo_command.cpp parses the options into a DemoOptions.
#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>

#include "reference/config/server_config.hpp"
#include "tools/commands/demo/step_pause.hpp"
#include "tools/commands/demo/text_layout.hpp"

namespace authprobe::tools::demo {

enum class Format { console, markdown };

struct DemoOptions {
  config::CompatMode compat = config::CompatMode::strict;
  bool side_by_side = false;                 // both modes, each step's two answers together
  bool step = false;                         // wait for Enter between steps
  Format format = Format::console;
  std::optional<std::string> users_file;     // instead of the fixture users
  std::size_t width = default_width;         // console columns
};

// Runs the walk. The exit code: 0 every step answered as its cast expects (and, side by side,
// every difference has its catalog explanation), 1 otherwise, 2 a server did not start.
// Prompts for --step and errors go to `err`; `pause` reads the Enter presses.
[[nodiscard]] int run_demo(const DemoOptions& options, std::ostream& out, std::ostream& err, StepPause& pause);

}  // namespace authprobe::tools::demo
