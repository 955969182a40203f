// authprobe paths: where this authprobe reads its data (tools/data_dir.hpp), so a user can find
// the shipped profiles to copy and edit, and see which copy of the fixtures a run uses.
#include <iostream>

#include "tools/commands/command.hpp"
#include "tools/commands/embedded_reference.hpp"
#include "tools/data_dir.hpp"

namespace authprobe::tools {
namespace {

int paths() {
  auto dir = data_dir();
  if (!dir) {
    std::cerr << "authprobe paths: " << dir.error() << '\n';
    return exit_code::usage;
  }
  std::cout << "data directory:  " << dir->string() << '\n'
            << "server config:   " << (*dir / reference_subdir / "server.json").string() << '\n'
            << "fixture users:   " << fixture_users_file(*dir / reference_subdir, config::CompatMode::strict).string()
            << "\n                 "
            << fixture_users_file(*dir / reference_subdir, config::CompatMode::fastapi).string()
            << " (--compat fastapi)\n"
            << "target profiles: " << (*dir / profiles_subdir).string() << '\n'
            << "check catalog:   " << (*dir / catalog_subdir / "checks.md").string() << '\n';
  return exit_code::ok;
}

}  // namespace

Command add_paths_command(CLI::App& parent) {
  Command command;
  command.app = parent.add_subcommand(
      "paths", "Print where authprobe reads its data: $AUTHPROBE_DATA_DIR, else ../share/authprobe beside the binary");
  command.run = [] { return paths(); };
  return command;
}

}  // namespace authprobe::tools
