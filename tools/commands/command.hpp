#pragma once
// Each subcommand of `authprobe` lives in its own file and registers itself here.
// Only main() turns what `run` returns into the process exit code.
#include <functional>

#include <CLI/CLI.hpp>

#include "conformance/exit_status.hpp"

namespace authprobe::tools {

// The process's one set of exit codes, shared with `authprobe check`'s verdicts.
namespace exit_code = conformance::exit_status;

struct Command {
  CLI::App* app = nullptr;        // the subcommand, owned by the parent app
  std::function<int()> run;       // called after parsing when this subcommand was chosen
};

Command add_serve_command(CLI::App& parent);
Command add_demo_command(CLI::App& parent);
Command add_check_command(CLI::App& parent);
Command add_replay_command(CLI::App& parent);
Command add_hash_command(CLI::App& parent);
Command add_jwt_command(CLI::App& parent);
Command add_keygen_command(CLI::App& parent);
Command add_users_command(CLI::App& parent);
Command add_bench_command(CLI::App& parent);
Command add_paths_command(CLI::App& parent);

}  // namespace authprobe::tools
