// authprobe: the command-line front door. A thin main: parse, dispatch, choose the exit code.
#include <csignal>
#include <algorithm>
#include <exception>
#include <iostream>
#include <string>
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
  app.name("authprobe");
  app.set_version_flag("--version", std::string("authprobe ") + AUTHPROBE_VERSION);
  app.require_subcommand(1);
  app.footer("'authprobe help CMD' (or 'authprobe CMD --help') shows a subcommand's options.");

  const std::vector<Command> commands = {
      add_serve_command(app), add_check_command(app), add_demo_command(app),   add_hash_command(app),
      add_jwt_command(app),   add_keygen_command(app), add_users_command(app),
      add_bench_command(app), add_paths_command(app),  add_replay_command(app),
  };

  const auto find = [&](const std::string& name) -> const Command* {
    const auto found = std::find_if(commands.begin(), commands.end(), [&](const Command& c) { return c.app->get_name() == name; });
    return found == commands.end() ? nullptr : &*found;
  };
  const auto unknown = [](const std::string& name) {
    std::cerr << "authprobe: unknown subcommand '" << name << "' (authprobe --help lists them)\n";
    return exit_code::usage;
  };
  // `authprobe` alone and `authprobe help [CMD]` print the help; a word that names no subcommand
  // is named back, rather than CLI11's "arguments were not expected".
  if (argc == 1) {
    std::cout << app.help();
    return exit_code::ok;
  }
  const std::string first = argv[1];
  if (first == "help") {
    if (argc == 2) {
      std::cout << app.help();
      return exit_code::ok;
    }
    const auto* command = find(argv[2]);
    if (command == nullptr) return unknown(argv[2]);
    std::cout << command->app->help();
    return exit_code::ok;
  }
  if (!first.empty() && first.front() != '-' && find(first) == nullptr) return unknown(first);

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
