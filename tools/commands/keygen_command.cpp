// Placeholder until the owner of this subcommand fills it in.
#include <iostream>

#include "tools/commands/command.hpp"

namespace authprobe::tools {

Command add_keygen_command(CLI::App& parent) {
  Command command;
  command.app = parent.add_subcommand("keygen", "(not built yet)");
  command.run = [] {
    std::cerr << "authprobe keygen: not built yet\n";
    return exit_code::usage;
  };
  return command;
}

}  // namespace authprobe::tools
