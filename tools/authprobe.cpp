// authprobe: the command-line front door. A thin main: parse, dispatch, choose the exit code.
#include <csignal>
#include <exception>
#include <iostream>
#include <vector>

#include <CLI/CLI.hpp>

#include "tools/commands/command.hpp"

int main(int argc, char** argv) {
  using namespace authprobe::tools;
  // A target that closes the connection while a request body is still being written (a 404 or
  // 413 sent before reading a 2 MiB body) must cost that request an error, not the whole run:
  // cpp-httplib 0.11 writes without MSG_NOSIGNAL.
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App app{"authprobe: a reference auth server, a conformance suite and benchmarks for HTTP authentication"};
  app.set_version_flag("--version", std::string("authprobe ") + AUTHPROBE_VERSION);
  app.require_subcommand(1);

  const std::vector<Command> commands = {
      add_serve_command(app), add_check_command(app), add_demo_command(app),   add_hash_command(app),
      add_jwt_command(app),   add_keygen_command(app), add_users_command(app),
      add_bench_command(app), add_replay_command(app),
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? exit_code::ok : exit_code::usage;
  }

  try {
    for (const auto& command : commands)
      if (command.app->parsed()) return command.run();
  } catch (const std::exception& e) {
    std::cerr << "authprobe: " << e.what() << '\n';
    return exit_code::failed;
  }
  return exit_code::usage;
}
