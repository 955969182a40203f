// The walk as a Markdown handout: a heading per step, its lesson, each mode's exchanges in a
// fenced block, the verdicts, and side by side the differences with their catalog rows.
#include <ostream>

#include "tools/commands/demo/exchange_text.hpp"
#include "tools/commands/demo/lesson.hpp"
#include "tools/commands/demo/walk_writer.hpp"

namespace authprobe::tools::demo {
namespace {

constexpr std::string_view fence = "```";

// Prose outside the fenced blocks: "<ms>" would be read as an HTML tag, a lone '*' as emphasis.
std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '<') out += "&lt;";
    else if (c == '*' || c == '\\') out += std::string("\\") + c;
    else out += c;
  }
  return out;
}

class MarkdownWriter final : public WalkWriter {
 public:
  explicit MarkdownWriter(std::ostream& out) : out_(out) {}

  void begin(const std::vector<const Session*>& sessions) override {
    for (const auto* session : sessions) casts_.push_back(&session->cast());
    out_ << "# authprobe demo: "
         << (sessions.size() > 1 ? "strict and fastapi side by side" : casts_.front()->label + " mode") << "\n\n";
    for (const auto* session : sessions) out_ << "- " << servers_line(*session) << '\n';
    out_ << "\nLines starting `>` are sent, `<` received; tokens keep their head and tail around `"
         << ellipsis << "`.\n";
  }

  void step(const Step& step, const std::vector<StepRun>& runs, const std::vector<DifferenceLine>& differences) override {
    out_ << "\n## " << step_number(step.id) << ". " << escaped(fill_in(step.title, casts_)) << "\n\n"
         << escaped(fill_in(step.lesson, casts_)) << '\n';
    for (const auto& run : runs) {
      if (runs.size() > 1) out_ << "\n### " << run.mode << '\n';
      if (run.skipped) {
        out_ << "\nSkipped: " << *run.skipped << ".\n";
        continue;
      }
      for (const auto& exchange : run.exchanges) {
        out_ << '\n' << fence << "http\n";
        for (const auto& line : exchange_lines(exchange)) out_ << line << '\n';
        out_ << fence << '\n';
      }
      out_ << '\n';
      for (const auto& finding : run.findings) out_ << "- " << escaped(finding) << '\n';
    }
    if (runs.size() > 1) {
      out_ << "\n**Differences:**" << (differences.empty() ? " none, the two modes answer alike.\n" : "\n\n");
      for (const auto& difference : differences) out_ << "- " << escaped(difference.text) << '\n';
    }
  }

  void end(const WalkSummary& summary) override {
    out_ << "\n---\n\n" << summary_line(summary) << '\n';
  }

 private:
  std::ostream& out_;
  std::vector<const Cast*> casts_;
};

}  // namespace

std::unique_ptr<WalkWriter> markdown_writer(std::ostream& out) { return std::make_unique<MarkdownWriter>(out); }

}  // namespace authprobe::tools::demo
