// authprobe replay REPORT.json ID: re-sends the exact request that decided a finding (raw socket,
// so duplicated fields, obs-fold and bad framing go out as recorded) and prints the response
// beside the one the report recorded (after the requests that shared its connection, when the
// report has them; with the report's note when the answer depended on state the run changed).
// Exit 0 same status and challenge, 1 different, 2 usage, 3 target unreachable.
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "conformance/finding.hpp"
#include "conformance/replay.hpp"
#include "conformance/report/report.hpp"
#include "tools/commands/command.hpp"

namespace authprobe::tools {
namespace {

namespace suite = authprobe::conformance;

struct ReplayFlags {
  std::string report_file;
  std::string id;
  std::optional<std::string> target;
  std::optional<std::string> cacert;
  bool insecure = false;
};

int usage_error(const std::string& message) {
  std::cerr << "authprobe replay: " << message << '\n';
  return exit_code::usage;
}

int run_replay(const ReplayFlags& flags) {
  std::ifstream in(flags.report_file, std::ios::binary);
  if (!in) return usage_error("cannot read " + flags.report_file);
  std::stringstream text;
  text << in.rdbuf();
  const auto report = nlohmann::json::parse(text.str(), nullptr, false);
  if (report.is_discarded()) return usage_error(flags.report_file + " is not JSON (write it with --format json)");
  const auto reproduction = suite::reproduction_of(report, flags.id);
  if (!reproduction) return usage_error(reproduction.error());

  const auto readable = [](const std::string& wire) {
    suite::RequestRecord shown;
    shown.wire = wire;
    shown.wire_bytes = wire.size();
    return suite::wire_text(shown, suite::wire_limit);
  };
  const std::string target = flags.target.value_or(reproduction->target);
  std::cout << "replaying " << reproduction->check_id << " (" << reproduction->verdict << ") against " << target
            << ": the exact request the report recorded\n\n";
  if (!reproduction->sent_before.empty()) {
    std::cout << "after " << reproduction->sent_before.size() << " earlier request(s) on the same connection ("
              << (reproduction->pipelined ? "pipelined" : "each after its answer") << "):\n\n";
    for (const auto& earlier : reproduction->sent_before) std::cout << readable(earlier) << "\n\n";
    std::cout << "the request whose answer is compared:\n\n";
  }
  std::cout << readable(reproduction->wire) << "\n\n";
  if (!reproduction->complete) {
    return usage_error("the report kept only the first " + std::to_string(reproduction->wire.size()) +
                       " bytes of this request: it cannot be replayed exactly");
  }
  suite::RawSettings settings;
  settings.cacert = flags.cacert.value_or("");
  settings.insecure = flags.insecure;
  const auto replayed = suite::replay(*reproduction, target, settings);
  if (!replayed) {
    std::cerr << "authprobe replay: " << replayed.error() << '\n';
    return exit_code::unreachable;
  }
  const bool same = suite::same_outcome(reproduction->recorded, *replayed);
  std::cout << "recorded: " << suite::describe(reproduction->recorded) << '\n'
            << "replayed: " << suite::describe(*replayed) << '\n'
            << (same ? "same status and challenge as recorded\n" : "DIFFERENT from what the report recorded\n");
  if (!reproduction->state_dependence.empty()) {
    std::cout << "note: state-dependent: " << reproduction->state_dependence
              << "; a different answer now does not by itself contradict the finding\n";
  }
  return same ? exit_code::ok : exit_code::failed;
}

}  // namespace

Command add_replay_command(CLI::App& parent) {
  auto flags = std::make_shared<ReplayFlags>();
  Command command;
  command.app = parent.add_subcommand(
      "replay", "Re-send the exact request that decided a finding of a JSON report and compare the response");
  auto* app = command.app;
  app->add_option("report", flags->report_file, "JSON report (authprobe check --format json --output FILE)")
      ->required()
      ->check(CLI::ExistingFile);
  app->add_option("id", flags->id, "Check ID, e.g. TOKEN-04")->required();
  app->add_option("--target", flags->target, "Send to this base URL instead of the report's target");
  app->add_option("--cacert", flags->cacert, "CA certificate (PEM) for an HTTPS target")->check(CLI::ExistingFile);
  app->add_flag("--insecure", flags->insecure, "Do not verify the HTTPS target's certificate");
  app->footer("Exit codes: 0 same status and challenge as recorded; 1 different; 2 usage or report problem; "
              "3 target unreachable.");
  command.run = [flags] { return run_replay(*flags); };
  return command;
}

}  // namespace authprobe::tools
