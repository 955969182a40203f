// authprobe check: run the conformance suite against --target (with its --profile), or, with
// no target, against the reference server started in-process on a free loopback port.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "conformance/remote_target.hpp"
#include "conformance/suite.hpp"
#include "tools/commands/command.hpp"
#include "tools/commands/compat_option.hpp"
#include "tools/commands/embedded_reference.hpp"

namespace authprobe::tools {
namespace {

namespace suite = authprobe::conformance;

struct CheckFlags {
  std::optional<std::string> target;
  std::optional<std::string> profile_file;
  std::string judgement;
  std::vector<std::string> selection;
  std::vector<std::string> formats{"console"};
  std::optional<std::string> output;
  std::optional<std::string> output_dir;  // one file per format (report.json, ...); console to stdout
  std::optional<std::string> cacert;
  bool insecure = false;
  bool slow = false;
  std::optional<std::string> compat;  // the embedded reference server's mode (no --target)
  std::size_t jobs = suite::default_jobs;
  bool quiet = false;
  bool allow_remote = false;
  bool allow_remote_load = false;
  bool no_preflight = false;
};

// Progress on stderr: a line per section as it completes; on a terminal also a line rewritten in
// place as each check finishes (erased before anything else is written).
class StderrProgress final : public suite::ProgressSink {
public:
  explicit StderrProgress(bool live) : live_(live) {}
  void check_done(const suite::CheckDone& done) override {
    if (live_) std::cerr << erase_line << suite::live_line(done) << std::flush;
  }
  void section_done(const suite::SectionDone& done) override {
    if (live_) std::cerr << erase_line;
    std::cerr << suite::section_line(done) << '\n';
  }
  void finish() const {
    if (live_) std::cerr << erase_line << std::flush;
  }

private:
  static constexpr std::string_view erase_line = "\r\x1b[K";  // carriage return, erase to the end
  bool live_;
};

constexpr std::size_t max_jobs = 64;

int usage_error(const std::string& message) {
  std::cerr << "authprobe check: " << message << '\n';
  return exit_code::usage;
}

// Why the report could not be written to `path`, before a run spends minutes on a target.
std::optional<std::string> unwritable(const std::filesystem::path& path) {
  const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return "directory " + dir.string() + " does not exist";
  if (::access(dir.c_str(), W_OK) != 0) return "cannot write in " + dir.string();
  if (std::filesystem::exists(path, ec) && ::access(path.c_str(), W_OK) != 0) return "cannot write " + path.string();
  if (std::filesystem::is_directory(path, ec)) return path.string() + " is a directory";
  return std::nullopt;
}

// One line for a target that cannot be reached, instead of one ERROR per check; for a TLS
// failure, how to go on.
void say_unreachable(const suite::RunReport& report) {
  std::cerr << "authprobe check: target " << report.target << " unreachable: " << report.unreachable_reason;
  if (report.unreachable_reason.find("TLS") != std::string::npos) {
    std::cerr << " (give its CA with --cacert FILE, or --insecure to skip verification)";
  }
  std::cerr << '\n';
}

// Where each format of the run goes: a file (--output, or report.<ext> in --output-dir) or, with
// no file, stdout.
struct Destination {
  suite::Format format = suite::Format::console;
  std::optional<std::filesystem::path> file{};
};

// The formats and their destinations, or why the flags do not make sense together.
tl::expected<std::vector<Destination>, std::string> destinations(const CheckFlags& flags) {
  std::vector<Destination> out;
  for (const auto& name : flags.formats) {
    const auto format = suite::parse_format(name);
    if (!format) return tl::unexpected("unknown --format '" + name + "' (console, json, junit, html)");
    const bool repeated = std::any_of(out.begin(), out.end(), [&](const Destination& d) { return d.format == *format; });
    if (repeated) continue;
    Destination destination;
    destination.format = *format;
    if (flags.output) destination.file = *flags.output;
    if (flags.output_dir && *format != suite::Format::console) {
      destination.file = std::filesystem::path(*flags.output_dir) / suite::report_file_name(*format);
    }
    out.push_back(destination);
  }
  if (out.empty()) return tl::unexpected(std::string("--format names no format (console, json, junit, html)"));
  const auto on_stdout = std::count_if(out.begin(), out.end(), [](const Destination& d) { return !d.file; });
  if (flags.output && out.size() > 1) return tl::unexpected(std::string("--output takes one --format; for several, use --output-dir DIR"));
  if (on_stdout > 1) return tl::unexpected(std::string("several --format values need --output-dir DIR (console alone goes to stdout)"));
  return out;
}

// The directory of --output-dir exists (it is made if missing) and can be written, before the run.
std::optional<std::string> prepare_output_dir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return "cannot create " + dir + ": " + ec.message();
  if (::access(dir.c_str(), W_OK) != 0) return "cannot write in " + dir;
  return std::nullopt;
}

int write_report(const suite::RunReport& report, const std::vector<Destination>& destinations) {
  const bool to_files = std::any_of(destinations.begin(), destinations.end(), [](const Destination& d) { return d.file.has_value(); });
  if (report.unreachable) {
    say_unreachable(report);
    if (!to_files) return suite::exit_code(report);  // the file reports, if asked, still record it
  }
  for (const auto& destination : destinations) {
    if (!destination.file) {
      if (report.unreachable) continue;  // the one line on stderr says it all
      const bool colour = destination.format == suite::Format::console && isatty(STDOUT_FILENO) != 0;
      std::cout << suite::render(report, destination.format, colour);
      continue;
    }
    std::ofstream out(*destination.file, std::ios::binary | std::ios::trunc);
    out << suite::render(report, destination.format, false);
    if (!out.flush()) return usage_error("cannot write the report to " + destination.file->string());
    std::cerr << "authprobe check: report written to " << destination.file->string() << '\n';
  }
  return suite::exit_code(report);
}

int run_check(const CheckFlags& flags) {
  // --compat picks how the embedded reference server behaves; a target's behaviour is what its
  // profile says, and silently ignoring the flag would let a reader think it changed something.
  if (flags.compat && (flags.target || flags.profile_file))
    return usage_error("--compat " + *flags.compat +
                       " sets the mode of the embedded reference server (no --target); a --target is described by "
                       "its --profile (e.g. fixtures/profiles/fastapi-tutorial.json, judged with --judgement lenient)");
  suite::RunOptions options;
  options.selection = flags.selection;
  options.slow = flags.slow;
  options.cacert = flags.cacert;
  options.insecure = flags.insecure;
  options.jobs = flags.jobs;
  options.remote = {flags.allow_remote, flags.allow_remote_load};
  options.preflight = flags.no_preflight ? suite::PreflightMode::advise : suite::PreflightMode::stop;
  const auto outputs = destinations(flags);
  if (!outputs) return usage_error(outputs.error());
  if (flags.output) {
    if (auto problem = unwritable(*flags.output)) return usage_error("--output " + *flags.output + ": " + *problem);
  }
  if (flags.output_dir) {
    if (auto problem = prepare_output_dir(*flags.output_dir)) return usage_error("--output-dir " + *problem);
  }
  options.format = outputs->front().format;
  if (!flags.judgement.empty()) {
    options.judgement = suite::parse_judgement(flags.judgement);
    if (!options.judgement) return usage_error("unknown --judgement '" + flags.judgement + "' (strict, lenient, bcp)");
  }

  // The embedded reference server lives as long as this function: it must outlive the run.
  std::unique_ptr<server::ReferenceServer> reference;
  if (flags.target || flags.profile_file) {
    if (!flags.profile_file) return usage_error("--target needs --profile FILE describing the target");
    auto profile = suite::load_target_profile(*flags.profile_file);
    if (!profile) return usage_error(profile.error().message());
    options.target = std::move(*profile);
    options.base_url = flags.target;
    // Before anything is sent, preflight included.
    const auto base_url = options.base_url.value_or(options.target.base_url);
    if (auto refused = suite::remote_refusal(base_url, flags.slow, options.remote)) return usage_error(*refused);
  } else {
    const auto compat = compat_mode(flags.compat);
    auto started = start_reference_target(compat);
    if (!started) return usage_error(started.error());
    reference = std::move(started->server);
    options.target = std::move(started->profile);
    options.base_url = reference->base_url();
    if (!flags.quiet) {
      std::cerr << "authprobe check: reference server"
                << (compat == config::CompatMode::fastapi ? " (--compat fastapi)" : "") << " on "
                << reference->base_url() << '\n';
    }
  }

  StderrProgress progress(!flags.quiet && isatty(STDERR_FILENO) != 0);
  if (!flags.quiet) options.progress = &progress;
  auto report = suite::run_suite(options);
  progress.finish();
  if (reference) reference->stop();
  if (!report) return usage_error(report.error().message);
  return write_report(*report, *outputs);
}

}  // namespace

Command add_check_command(CLI::App& parent) {
  auto flags = std::make_shared<CheckFlags>();
  Command command;
  command.app = parent.add_subcommand(
      "check", "Judge an auth server check by check against the catalog (default: the reference server, in-process)");
  auto* app = command.app;
  app->add_option("--target", flags->target, "Base URL of the server to judge (needs --profile)");
  app->add_option("--profile", flags->profile_file, "Target profile (JSON): endpoints, users, clients, token settings")
      ->check(CLI::ExistingFile);
  app->add_option("--judgement", flags->judgement, "Judgement profile: strict, lenient or bcp (default: the profile's, else strict)");
  app->add_option("--select", flags->selection, "Check IDs, sections or levels, e.g. BASIC-01,TOKEN,should")->delimiter(',');
  app->add_option("--format", flags->formats,
                  "Report formats, comma-separated: console, json, junit, html (several need --output-dir)")
      ->delimiter(',');
  auto* output = app->add_option("--output", flags->output, "Write the report (one --format) to this file instead of stdout");
  app->add_option("--output-dir", flags->output_dir,
                  "Write each --format but console to DIR/report.json, report.xml, report.html (console still to stdout)")
      ->excludes(output);
  app->add_option("--cacert", flags->cacert, "CA certificate (PEM) for an HTTPS target")->check(CLI::ExistingFile);
  app->add_flag("--insecure", flags->insecure, "Do not verify the HTTPS target's certificate");
  app->add_flag("--slow", flags->slow, "Also run the timing and throttling checks (bounded in requests and time)");
  app->add_option("--jobs", flags->jobs, "Checks run at once (default 4); timing, throttling and run-wide checks always run alone")
      ->check(CLI::Range(std::size_t{1}, max_jobs));
  app->add_flag("--quiet", flags->quiet, "No progress on stderr (errors only)");
  app->add_flag("--allow-remote", flags->allow_remote,
                "Judge a target that is not on loopback: the suite sends smuggling payloads and 10 MiB bodies");
  app->add_flag("--allow-remote-load", flags->allow_remote_load,
                "With --slow and --allow-remote: also send password-guessing bursts to the remote target");
  add_compat_option(*app, flags->compat, "check")
      ->description("Without --target: the mode of the reference server judged, strict (default) or fastapi (the "
                    "FastAPI security tutorials; its profile is reference-fastapi.json)");
  app->add_flag("--no-preflight", flags->no_preflight,
                "Skip the preflight (endpoints answer, users log in, the key verifies a server token) and run anyway");
  app->footer(
      "Exit codes: 0 every MUST passed and nothing ERRORed; 1 a check failed; 2 usage, profile or preflight error; "
      "3 target unreachable; 4 no FAIL, but checks ERRORed or the suite could not obtain what the profile "
      "promised (the report names the profile field to fix).");
  command.run = [flags] { return run_check(*flags); };
  return command;
}

}  // namespace authprobe::tools
