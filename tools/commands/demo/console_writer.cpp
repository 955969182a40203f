// The walk on a terminal: one mode, or two modes' answers in two columns (stacked and labelled
// when the width is under min_two_column_width).
#include <ostream>

#include "tools/commands/demo/exchange_text.hpp"
#include "tools/commands/demo/lesson.hpp"
#include "tools/commands/demo/text_layout.hpp"
#include "tools/commands/demo/walk_writer.hpp"

namespace authprobe::tools::demo {
namespace {

constexpr std::string_view finding_mark = "= ";
constexpr std::string_view difference_mark = "* ";

std::vector<std::string> finding_lines(const StepRun& run) {
  if (run.skipped) return {std::string(finding_mark) + "skipped: " + *run.skipped};
  std::vector<std::string> lines;
  for (const auto& finding : run.findings) lines.push_back(std::string(finding_mark) + finding);
  return lines;
}

class ConsoleWriter final : public WalkWriter {
 public:
  ConsoleWriter(std::ostream& out, std::size_t width) : out_(out), width_(width) {}

  void begin(const std::vector<const Session*>& sessions) override {
    for (const auto* session : sessions) casts_.push_back(&session->cast());
    out_ << "authprobe demo: " << (sessions.size() > 1 ? "strict and fastapi side by side" : casts_.front()->label + " mode")
         << '\n';
    for (const auto* session : sessions) print_wrapped(servers_line(*session));
  }

  void step(const Step& step, const std::vector<StepRun>& runs, const std::vector<DifferenceLine>& differences) override {
    std::string heading = "== " + std::to_string(step_number(step.id)) + ". " + fill_in(step.title, casts_) + " ";
    if (display_width(heading) < width_) heading.append(width_ - display_width(heading), '=');
    out_ << '\n' << heading << '\n';
    print_wrapped(fill_in(step.lesson, casts_));
    if (runs.size() == 1) {
      print_run(runs.front());
    } else if (width_ >= min_two_column_width) {
      print_columns(runs.front(), runs.back());
    } else {
      for (const auto& run : runs) {
        out_ << "\n-- " << run.mode << " --";
        print_run(run);
      }
    }
    if (runs.size() > 1 && differences.empty()) out_ << difference_mark << "the two modes answer alike\n";
    for (const auto& difference : differences)
      for (const auto& line : wrap_line(std::string(difference_mark) + difference.text, width_)) out_ << line << '\n';
  }

  void end(const WalkSummary& summary) override { out_ << '\n' << summary_line(summary) << '\n'; }

 private:
  void print_wrapped(const std::string& text) {
    for (const auto& line : wrap_words(text, width_)) out_ << line << '\n';
  }

  void print_run(const StepRun& run) {
    for (const auto& exchange : run.exchanges) {
      out_ << '\n';
      for (const auto& line : exchange_lines(exchange))
        for (const auto& part : wrap_line(line, width_)) out_ << part << '\n';
    }
    out_ << '\n';
    for (const auto& line : finding_lines(run))
      for (const auto& part : wrap_line(line, width_)) out_ << part << '\n';
  }

  void print_columns(const StepRun& left, const StepRun& right) {
    out_ << '\n';
    const auto column = (width_ - column_separator.size()) / 2;
    for (const auto& row : two_columns({left.mode, std::string(column, '-')}, {right.mode, std::string(column, '-')}, width_))
      out_ << row << '\n';
    const auto exchanges = std::max(left.exchanges.size(), right.exchanges.size());
    for (std::size_t i = 0; i < exchanges; ++i) {
      if (i > 0) out_ << '\n';
      const auto lines = [i](const StepRun& run) {
        return i < run.exchanges.size() ? exchange_lines(run.exchanges[i]) : std::vector<std::string>{};
      };
      for (const auto& row : two_columns(lines(left), lines(right), width_)) out_ << row << '\n';
    }
    if (exchanges > 0) out_ << '\n';
    for (const auto& row : two_columns(finding_lines(left), finding_lines(right), width_)) out_ << row << '\n';
  }

  std::ostream& out_;
  std::size_t width_;
  std::vector<const Cast*> casts_;
};

}  // namespace

std::unique_ptr<WalkWriter> console_writer(std::ostream& out, std::size_t width) {
  return std::make_unique<ConsoleWriter>(out, width);
}

std::string servers_line(const Session& session) {
  const auto& cast = session.cast();
  return cast.label + ": reference server at " + session.base_url() + ", and at " + session.short_ttl_url() +
         " one whose access tokens live " + std::to_string(short_token_ttl.count()) +
         " s; browser origin allowed: " + cast.cors_origin;
}

std::string summary_line(const WalkSummary& summary) {
  if (summary.unexpected.empty())
    return "authprobe demo: all " + std::to_string(summary.steps) + " steps answered as the walk expects";
  std::string line = "authprobe demo: " + std::to_string(summary.unexpected.size()) + " of " +
                     std::to_string(summary.steps) + " steps did not answer as the walk expects:";
  for (const auto& step : summary.unexpected) line += "\n  " + step;
  return line;
}

}  // namespace authprobe::tools::demo
