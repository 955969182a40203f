// authprobe demo: the walk of every flow against in-process reference servers, printed
// exchange by exchange (demo_run.hpp); here only the command line.
#include <fstream>
#include <iostream>
#include <memory>
#include <unistd.h>

#include "tools/commands/command.hpp"
#include "tools/commands/demo/demo_run.hpp"

namespace authprobe::tools {
namespace {

struct DemoFlags {
  std::optional<std::string> compat;
  bool compat_fastapi = false;  // deprecated spelling of --compat fastapi
  bool side_by_side = false;
  bool step = false;
  std::string format = "console";
  std::optional<std::string> output;
  std::optional<std::string> users_file;
  std::size_t width = demo::default_width;
};

int demo_main(const DemoFlags& flags) {
  demo::DemoOptions options;
  if (flags.compat_fastapi) {
    std::cerr << "authprobe demo: --compat-fastapi is deprecated, use --compat fastapi\n";
    options.compat = config::CompatMode::fastapi;
  }
  if (flags.compat) options.compat = *config::compat_from_name(*flags.compat);  // CLI11 checked the name
  options.side_by_side = flags.side_by_side;
  options.step = flags.step;
  options.format = flags.format == "markdown" ? demo::Format::markdown : demo::Format::console;
  options.users_file = flags.users_file;
  options.width = flags.width;

  demo::StepPause pause(STDIN_FILENO, demo::default_silent_bound);
  if (!flags.output) return demo::run_demo(options, std::cout, std::cerr, pause);
  std::ofstream file(*flags.output, std::ios::binary | std::ios::trunc);
  if (!file) {
    std::cerr << "authprobe demo: cannot write " << *flags.output << '\n';
    return exit_code::usage;
  }
  const int code = demo::run_demo(options, file, std::cerr, pause);
  file.close();
  if (!file) {
    std::cerr << "authprobe demo: writing " << *flags.output << " failed\n";
    return exit_code::usage;
  }
  std::cerr << "authprobe demo: wrote " << *flags.output << '\n';
  return code;
}

}  // namespace

Command add_demo_command(CLI::App& parent) {
  auto flags = std::make_shared<DemoFlags>();
  Command command;
  auto* app = parent.add_subcommand(
      "demo",
      "Walk every auth flow against in-process reference servers on loopback, printing each exchange in full "
      "(exit 0: every step answered as the walk expects, 1: one did not, 2: usage or a server did not start)");
  command.app = app;
  auto* compat = app->add_option("--compat", flags->compat, "strict (the RFCs, default) or fastapi (the FastAPI tutorials)")
                     ->check(CLI::IsMember({"strict", "fastapi"}));
  auto* compat_fastapi = app->add_flag("--compat-fastapi", flags->compat_fastapi, "Deprecated: --compat fastapi")
                             ->excludes(compat);
  app->add_flag("--side-by-side", flags->side_by_side,
                "Send each step to a strict and a fastapi server and print the two answers together, each "
                "difference with the catalog check and D-row that explain it")
      ->excludes(compat)
      ->excludes(compat_fastapi);
  app->add_flag("--step", flags->step, "Wait for Enter between steps (for a live class; never waits past the end of stdin)");
  app->add_option("--format", flags->format, "console (default) or markdown (a handout)")
      ->check(CLI::IsMember({"console", "markdown"}));
  app->add_option("--output", flags->output, "Write the walk to FILE instead of stdout")->type_name("FILE");
  app->add_option("--width", flags->width, "Console columns (default 100; under 80, side by side stacks the two answers)")
      ->check(CLI::Range(std::size_t{40}, std::size_t{400}));
  app->add_option("--users", flags->users_file, "Users file instead of the fixture users (it must hold the walk's users)")
      ->check(CLI::ExistingFile);
  command.run = [flags] { return demo_main(*flags); };
  return command;
}

}  // namespace authprobe::tools
