#include "tools/commands/demo/demo_run.hpp"

#include <ostream>

#include "conformance/exit_status.hpp"
#include "tools/commands/demo/lesson.hpp"
#include "tools/commands/demo/walk_writer.hpp"

namespace authprobe::tools::demo {

namespace exit_code = conformance::exit_status;

int run_demo(const DemoOptions& options, std::ostream& out, std::ostream& err, StepPause& pause) {
  std::vector<config::CompatMode> modes = {options.compat};
  if (options.side_by_side) modes = {config::CompatMode::strict, config::CompatMode::fastapi};

  std::vector<std::unique_ptr<Session>> sessions;
  for (const auto mode : modes) {
    auto cast = cast_for(mode);
    if (!cast) {
      err << "authprobe demo: " << cast.error() << '\n';
      return exit_code::usage;
    }
    auto session = Session::start(std::move(*cast), options.users_file);
    if (!session) {
      err << "authprobe demo: cannot start the reference server (" << config::compat_name(mode)
          << "): " << session.error() << '\n';
      return exit_code::usage;
    }
    sessions.push_back(std::move(*session));
  }
  std::vector<const Session*> views;
  std::vector<const Cast*> casts;
  for (const auto& session : sessions) {
    views.push_back(session.get());
    casts.push_back(&session->cast());
  }

  auto writer = options.format == Format::markdown ? markdown_writer(out) : console_writer(out, options.width);
  writer->begin(views);
  WalkSummary summary;
  const auto& steps = walk();
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto& step = steps[i];
    std::vector<StepRun> runs;
    for (auto& session : sessions) runs.push_back(session->run(step));
    std::vector<DifferenceLine> differences;
    if (runs.size() == 2) differences = explain_differences(step, runs.front(), runs.back());

    const auto title = std::to_string(i + 1) + ". " + fill_in(step.title, casts);
    for (const auto& run : runs)
      if (!run.as_expected) summary.unexpected.push_back(title + " (" + run.mode + ")");
    for (const auto& difference : differences)
      if (!difference.explained) summary.unexpected.push_back(title + ": " + difference.text);
    ++summary.steps;
    writer->step(step, runs, differences);
    out.flush();
    if (options.step && i + 1 < steps.size() && !pause.ended()) {
      err << "-- Enter: step " << i + 2 << " of " << steps.size() << " --" << std::flush;
      if (!pause.wait()) err << " (end of input: no more pauses)\n";
      else if (!pause.echoes()) err << '\n';
    }
  }
  writer->end(summary);
  out.flush();
  return summary.unexpected.empty() ? exit_code::ok : exit_code::failed;
}

}  // namespace authprobe::tools::demo
