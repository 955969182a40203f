// Placeholder until the owner of this subcommand fills it in.
#include <iostream>

#include "tools/commands/command.hpp"

namespace authprobe::tools {

Command add_demo_command(CLI::App& parent) {
  Command command;
  command.app = parent.add_subcommand("demo", "(not built yet)");
  command.run = [] {
    std::cerr << "authprobe demo: not built yet\n";
    return exit_code::usage;
  };
  return command;
}

}  // namespace authprobe::tools
