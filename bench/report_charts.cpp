#include "bench/report_charts.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include <sys/wait.h>

#include "bench/names.hpp"
#include "bench/report.hpp"

namespace authprobe::bench {
namespace {

constexpr double ns_per_us = 1e3;
constexpr std::string_view missing = "-";
constexpr double x_margin_low = 0.8;  // hash panels: room around the measured parameters
constexpr double x_margin_high = 1.2;
constexpr std::string_view terminal = "set terminal svg size 900,480 dynamic enhanced font 'sans,12' background '#ffffff'\n";

std::string value_or_missing(std::optional<double> value) {
  return value ? format_number(*value) : std::string(missing);
}

// gnuplot single-quoted strings: a quote is written twice.
std::string gnuplot_quoted(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string suffix_of(const std::string& name, std::string_view family_name) {
  return name.size() > family_name.size() + 1 ? name.substr(family_name.size() + 1) : std::string();
}

std::optional<double> cpu_us(const Results& results, std::string_view family_name, std::string_view arg) {
  const Measurement* m = results.find(std::string(family_name) + "/" + std::string(arg));
  if (m == nullptr || m->error) return std::nullopt;
  return m->cpu_ns / ns_per_us;
}

// One panel per algorithm: ms per operation against the parameter that sets its cost.
std::optional<Chart> hash_chart(const Results& results) {
  struct Panel {
    std::string_view prefix;
    std::string_view title;
    std::string_view x_label;
    bool log_x;  // argon2 memory and PBKDF2 rounds scale the work linearly; bcrypt/scrypt are already log2
  };
  static constexpr Panel panels[] = {{"bcrypt", "bcrypt", "cost (log2 rounds)", false},
                                     {"argon2id", "argon2id", "memory (MiB, log scale)", true},
                                     {"scrypt", "scrypt", "log2 N", false},
                                     {"pbkdf2", "PBKDF2-HMAC-SHA256", "iterations", true}};
  std::ostringstream data;
  std::ostringstream plots;
  int drawn = 0;
  for (const auto& panel : panels) {
    std::map<double, std::pair<std::optional<double>, std::optional<double>>> points;  // param -> hash, verify
    for (const auto* fam : {&family::password_hash, &family::password_verify}) {
      for (const Measurement* m : results.family(*fam)) {
        if (m->error || !suffix_of(m->name, *fam).starts_with(panel.prefix)) continue;
        const auto param = m->counter(counter::cost_param);
        const auto ms = m->counter(counter::ms_per_op);
        if (!param || !ms) continue;
        auto& point = points[*param];
        (fam == &family::password_hash ? point.first : point.second) = *ms;
      }
    }
    if (points.empty()) continue;
    std::string block("$");
    block.append(panel.prefix);
    data << block << " << EOD\n";
    for (const auto& [param, times] : points)
      data << std::llround(param) << ' ' << value_or_missing(times.first) << ' ' << value_or_missing(times.second)
           << '\n';
    data << "EOD\n";
    // The x range brackets the measured parameters; tick marks sit on them only.
    const double low = points.begin()->first * x_margin_low;
    const double high = points.rbegin()->first * x_margin_high;
    plots << "set title " << gnuplot_quoted(panel.title) << "\nset xlabel " << gnuplot_quoted(panel.x_label) << "\n"
          << "set xrange [" << format_number(low) << ":" << format_number(high) << "]\n"
          << (panel.log_x ? "set logscale x\n" : "unset logscale x\n")
          << (drawn == 0 ? "set ylabel 'ms per operation'\n" : "unset ylabel\n")
          << "plot " << block << " using 1:2:xtic(1) with linespoints pt 7 ps 1.3 title 'hash', " << block
          << " using 1:3 with linespoints pt 5 ps 1.3 title 'verify', " << block
          << " using 1:2:(sprintf('%.0f', $2)) with labels offset 0,1 notitle\n";
    ++drawn;
  }
  if (drawn == 0) return std::nullopt;
  std::ostringstream script;
  script << data.str() << "set datafile missing '-'\nset grid\nset key bottom right\nset yrange [0:*]\nset offsets 0, 0, graph 0.12, 0\n"
         << "set multiplot layout 1," << drawn << " title 'Password hashing: time vs cost parameter (one core)'\n"
         << plots.str() << "unset multiplot\n";
  return Chart{"hash.svg", script.str()};
}

// Per algorithm: our full verify pipeline, the floor for that algorithm, and libjwt.
std::optional<Chart> jwt_chart(const Results& results) {
  std::ostringstream data;
  int rows = 0;
  data << "$jwt << EOD\n";
  for (const std::string_view alg : {"HS256", "HS384", "HS512", "RS256", "PS256", "ES256", "EdDSA"}) {
    const auto pipeline = cpu_us(results, family::jwt_verify, alg);
    if (!pipeline) continue;
    auto floor = cpu_us(results, family::floor_hmac, alg);
    if (!floor) floor = cpu_us(results, family::floor_signature, alg);
    data << alg << ' ' << format_number(*pipeline) << ' ' << value_or_missing(floor) << ' '
         << value_or_missing(cpu_us(results, family::peer_libjwt, alg)) << '\n';
    ++rows;
  }
  data << "EOD\n";
  if (rows == 0) return std::nullopt;
  std::ostringstream script;
  script << data.str()
         << "set datafile missing '-'\nset title 'JWT verification: full pipeline vs floor vs libjwt (CPU time, "
            "one core, lower is better)'\n"
         << "set style data histograms\nset style histogram clustered gap 1\nset style fill solid 0.85 border -1\n"
         << "set logscale y\nset ylabel 'µs per token (log scale)'\nset grid ytics\nset key top left\n"
         << "plot $jwt using 2:xtic(1) title 'authprobe pipeline', '' using 3 title 'floor (HMAC precomputed / "
            "bare EVP verify)', '' using 4 title 'libjwt'\n";
  return Chart{"jwt.svg", script.str()};
}

std::optional<double> rate_of(const Results& results, std::string_view family_name, const std::string& arg) {
  const Measurement* m = results.find(std::string(family_name) + "/" + arg);
  if (m == nullptr || m->error) return std::nullopt;
  return m->counter(counter::req_per_s);
}

std::optional<Chart> http_rate_chart(const Results& results) {
  std::map<double, std::string> storm_args;  // threads -> "threads:N/storm:M"
  for (const Measurement* m : results.family(family::http_storm))
    if (auto threads = name_argument(m->name, arg::threads)) storm_args[*threads] = suffix_of(m->name, family::http_storm);
  std::ostringstream data;
  int rows = 0;
  data << "$rate << EOD\n";
  for (const Measurement* open : results.family(family::http_open)) {
    const auto threads = name_argument(open->name, arg::threads);
    if (!threads) continue;
    const std::string arg = suffix_of(open->name, family::http_open);
    const auto storm = storm_args.find(*threads);
    data << format_number(*threads) << ' ' << value_or_missing(rate_of(results, family::http_open, arg)) << ' '
         << value_or_missing(rate_of(results, family::http_protected, arg)) << ' '
         << value_or_missing(storm == storm_args.end() ? std::nullopt
                                                       : rate_of(results, family::http_storm, storm->second))
         << '\n';
    ++rows;
  }
  data << "EOD\n";
  if (rows == 0) return std::nullopt;
  std::ostringstream script;
  script << data.str()
         << "set datafile missing '-'\nset title 'HTTP: requests per second (2xx only) by client threads, "
            "keep-alive'\n"
         << "set xlabel 'client threads'\nset ylabel 'requests/s'\nset yrange [0:*]\nset grid\nset key bottom right\n"
         << "set logscale x 2\n"
         << "plot $rate using 1:2 with linespoints pt 7 title 'open route (baseline)', '' using 1:3 with linespoints "
            "pt 5 title 'protected route (HS256 bearer)', '' using 1:4 with linespoints pt 9 title 'protected during "
            "login storm'\n";
  return Chart{"http_rate.svg", script.str()};
}

// "BM_HttpProtectedDuringStorm/threads:4/storm:2" -> "storm t4 s2": tick labels that fit.
std::string short_http_label(const std::string& name) {
  static constexpr std::pair<std::string_view, std::string_view> words[] = {
      {"BM_HttpProtectedDuringStorm", "storm"}, {"BM_HttpProtectedVsOpen", "paired"},
      {"BM_HttpProtectedRoute", "protected"},   {"BM_HttpOpenRoute", "open"},
      {"BM_HttpLogin", "login"},                {"/threads:", " t"},
      {"/storm:", " s"}};
  std::string label = name;
  for (const auto& [from, to] : words)
    if (const auto at = label.find(from); at != std::string::npos) label.replace(at, from.size(), to);
  return label;
}

std::optional<Chart> http_latency_chart(const Results& results) {
  std::ostringstream data;
  int rows = 0;
  data << "$latency << EOD\n";
  for (const auto& m : results.measurements) {
    if (m.error || !m.name.starts_with("BM_Http")) continue;
    const auto p50 = m.counter(counter::p50_us);
    if (!p50) continue;
    const std::string label = short_http_label(m.name);
    data << '"' << label << "\" " << format_number(*p50) << ' ' << value_or_missing(m.counter(counter::p90_us)) << ' '
         << value_or_missing(m.counter(counter::p99_us)) << '\n';
    ++rows;
  }
  data << "EOD\n";
  if (rows == 0) return std::nullopt;
  std::ostringstream script;
  script << data.str()
         << "set datafile missing '-'\nset title 'HTTP latency percentiles (lower is better)'\n"
         << "set style data histograms\nset style histogram clustered gap 1\nset style fill solid 0.85 border -1\n"
         << "set logscale y\nset ylabel 'µs (log scale)'\nset grid ytics\nset key top left\n"
         << "set xtics rotate by 35 right font ',10'\nset bmargin 6\n"
         << "plot $latency using 2:xtic(1) title 'p50', '' using 3 title 'p90', '' using 4 title 'p99'\n";
  return Chart{"http_latency.svg", script.str()};
}

}  // namespace

std::vector<Chart> build_charts(const Results& results) {
  std::vector<Chart> charts;
  for (auto chart : {hash_chart(results), jwt_chart(results), http_rate_chart(results), http_latency_chart(results)})
    if (chart) charts.push_back(std::move(*chart));
  return charts;
}

ChartRun draw_charts(const std::vector<Chart>& charts, const std::filesystem::path& directory) {
  ChartRun run;
  for (const auto& chart : charts) {
    const auto output = directory / chart.file;
    // popen runs the fixed command "gnuplot"; the script goes to its stdin, never to a shell.
    FILE* gnuplot = popen("gnuplot", "w");
    if (gnuplot == nullptr) {
      run.problems.push_back("cannot start gnuplot (install gnuplot-nox)");
      break;
    }
    const std::string script =
        std::string(terminal) + "set output " + gnuplot_quoted(output.string()) + "\n" + chart.script + "unset output\n";
    std::fwrite(script.data(), 1, script.size(), gnuplot);
    const int status = pclose(gnuplot);
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      constexpr int shell_not_found = 127;
      run.problems.push_back(WIFEXITED(status) && WEXITSTATUS(status) == shell_not_found
                                 ? "gnuplot not found (install gnuplot-nox)"
                                 : chart.file + ": gnuplot failed");
      if (WIFEXITED(status) && WEXITSTATUS(status) == shell_not_found) break;
      continue;
    }
    run.written.push_back(chart.file);
  }
  return run;
}

}  // namespace authprobe::bench
