#pragma once
// `authprobe bench report results.json`: Google Benchmark JSON (--benchmark_out) turned into
// a Markdown table of figures and the ratio table, for the README and for review.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "bench/measurement.hpp"
#include "bench/ratios.hpp"

namespace authprobe::bench {

// Parses Google Benchmark's JSON output. When repetitions produced aggregates, the median
// stands for the benchmark; otherwise its (first) iteration run.
[[nodiscard]] tl::expected<Results, std::string> parse_results_json(std::string_view json_text);
[[nodiscard]] tl::expected<Results, std::string> load_results_json(const std::filesystem::path& file);

// The whole report: run context, one table per suite, the ratios against their targets,
// and an image link for every chart file name given.
[[nodiscard]] std::string render_markdown(const Results& results, const std::vector<std::string>& chart_files = {});
[[nodiscard]] std::string render_ratios_markdown(const std::vector<Ratio>& ratios);

// Three significant figures without exponents (0.375, 16.2, 34012).
[[nodiscard]] std::string format_number(double value);

}  // namespace authprobe::bench
