#pragma once
// SVG charts for `authprobe bench report`, drawn by gnuplot (Debian gnuplot-nox, `set terminal
// svg`): each chart is a gnuplot script with its data inline, piped to one gnuplot process.
#include <filesystem>
#include <string>
#include <vector>

#include "bench/measurement.hpp"

namespace authprobe::bench {

struct Chart {
  std::string file;     // e.g. "jwt.svg", written into the output directory
  std::string script;   // the gnuplot commands, data included; `set output` comes first
};

// The charts the results have data for: time vs cost parameter per hash; JWT pipeline vs
// floor vs libjwt; HTTP rate by client threads; HTTP latency percentiles.
[[nodiscard]] std::vector<Chart> build_charts(const Results& results);

struct ChartRun {
  std::vector<std::string> written;   // file names that gnuplot produced
  std::vector<std::string> problems;  // e.g. "gnuplot not found: install gnuplot-nox"
};

// Runs `gnuplot` (from PATH) once per chart with its output set to `directory`/file.
[[nodiscard]] ChartRun draw_charts(const std::vector<Chart>& charts, const std::filesystem::path& directory);

}  // namespace authprobe::bench
