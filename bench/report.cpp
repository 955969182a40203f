#include "bench/report.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "bench/names.hpp"

namespace authprobe::bench {
namespace {

using nlohmann::json;

constexpr double ns_per_us = 1e3;
constexpr double ns_per_ms = 1e6;
constexpr std::string_view median_aggregate = "median";

// Context keys worth a line in the report, in this order, with their labels.
constexpr std::pair<std::string_view, std::string_view> context_lines[] = {
    {"cpu_model", "CPU"},         {"cores", "cores"},       {"num_cpus", "CPUs (Google Benchmark)"},
    {"mhz_per_cpu", "MHz"},       {"date", "date"},         {"host_name", "host"},
    {"library_build_type", "Google Benchmark build"},       {"authprobe_version", "authprobe"},
    {"libjwt", "libjwt"},         {"http_target", "HTTP target"},
};

std::string context_text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

tl::expected<Measurement, std::string> parse_entry(const json& entry) {
  if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string())
    return tl::unexpected(std::string("a benchmark entry has no \"name\""));
  Measurement m;
  const std::string run_name = entry.value("run_name", entry["name"].get<std::string>());
  m.name = normalise_name(run_name);
  m.error = entry.value("error_occurred", false);
  m.error_message = entry.value("error_message", "");
  m.iterations = entry.value("iterations", 0.0);
  if (!m.error) {
    const auto scale = ns_per_unit(entry.value("time_unit", "ns"));
    if (!scale) return tl::unexpected("unknown time_unit in " + run_name);
    m.real_ns = entry.value("real_time", 0.0) * *scale;
    m.cpu_ns = entry.value("cpu_time", 0.0) * *scale;
  }
  // Everything numeric that Google Benchmark does not write itself is a user counter.
  static const std::vector<std::string> own = {"family_index", "per_family_instance_index", "repetitions",
                                               "repetition_index", "threads", "iterations", "real_time",
                                               "cpu_time"};
  for (const auto& [key, value] : entry.items())
    if (value.is_number() && std::find(own.begin(), own.end(), key) == own.end()) m.counters[key] = value.get<double>();
  return m;
}

// Google Benchmark writes the coefficient of variation of an all-zero counter as a bare NaN
// (and could write inf), which JSON (RFC 8259 §6) does not have; outside strings such
// literals become null, and null counters are not numbers, so they are skipped.
std::string without_non_finite(std::string_view text) {
  static constexpr std::string_view literals[] = {"-Infinity", "Infinity", "-NaN", "NaN", "-nan", "nan", "-inf", "inf"};
  std::string out;
  out.reserve(text.size());
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < text.size()) out += text[++i];
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    bool replaced = false;
    for (const auto literal : literals) {
      if (text.substr(i).starts_with(literal)) {
        out += "null";
        i += literal.size() - 1;
        replaced = true;
        break;
      }
    }
    if (!replaced) out += c;
  }
  return out;
}

std::string cell(std::optional<double> value) { return value ? format_number(*value) : "—"; }

bool in_family(const Measurement& m, std::initializer_list<std::string_view> families) {
  for (const auto f : families)
    if (m.name.starts_with(std::string(f) + "/") || m.name == f) return true;
  return false;
}

void error_row(std::ostringstream& out, const Measurement& m, std::size_t columns) {
  out << "| " << m.name << " | error: " << m.error_message;
  for (std::size_t i = 2; i < columns; ++i) out << " | ";
  out << " |\n";
}

void hash_table(std::ostringstream& out, const Results& results) {
  bool header = false;
  for (const auto& m : results.measurements) {
    if (!in_family(m, {family::password_hash, family::password_verify})) continue;
    if (!header) {
      out << "\n### Password hashing\n\n| benchmark | ms/op | ops/s per core | cost parameter |\n|---|---:|---:|---:|\n";
      header = true;
    }
    if (m.error) {
      error_row(out, m, 4);
      continue;
    }
    out << "| " << m.name << " | " << cell(m.counter(counter::ms_per_op).value_or(m.real_ns / ns_per_ms)) << " | "
        << cell(m.counter(counter::ops_per_s_per_core)) << " | " << cell(m.counter(counter::cost_param)) << " |\n";
  }
}

void jwt_table(std::ostringstream& out, const Results& results) {
  bool header = false;
  for (const auto& m : results.measurements) {
    if (!in_family(m, {family::jwt_sign, family::jwt_verify, family::stage_split_decode, family::stage_signature,
                       family::stage_claims, family::floor_hmac, family::floor_hmac_one_shot, family::floor_base64url,
                       family::floor_signature, family::peer_libjwt}))
      continue;
    if (!header) {
      out << "\n### JWT\n\n| benchmark | CPU µs/op | wall µs/op | iterations |\n|---|---:|---:|---:|\n";
      header = true;
    }
    if (m.error) {
      error_row(out, m, 4);
      continue;
    }
    out << "| " << m.name << " | " << format_number(m.cpu_ns / ns_per_us) << " | "
        << format_number(m.real_ns / ns_per_us) << " | " << format_number(m.iterations) << " |\n";
  }
}

void http_table(std::ostringstream& out, const Results& results) {
  bool header = false;
  for (const auto& m : results.measurements) {
    if (!in_family(m, {family::http_open, family::http_protected, family::http_paired, family::http_login,
                       family::http_storm}))
      continue;
    if (!header) {
      out << "\n### HTTP\n\n| benchmark | req/s (2xx) | p50 µs | p90 µs | p99 µs | errors | storm logins/s | open "
             "req/s (alternating) |\n|---|---:|---:|---:|---:|---:|---:|---:|\n";
      header = true;
    }
    if (m.error) {
      error_row(out, m, 8);
      continue;
    }
    out << "| " << m.name << " | " << cell(m.counter(counter::req_per_s)) << " | " << cell(m.counter(counter::p50_us))
        << " | " << cell(m.counter(counter::p90_us)) << " | " << cell(m.counter(counter::p99_us)) << " | "
        << cell(m.counter(counter::errors)) << " | " << cell(m.counter(counter::storm_logins_per_s)) << " | "
        << cell(m.counter(counter::open_req_per_s)) << " |\n";
  }
}

}  // namespace

std::string format_number(double value) {
  if (!std::isfinite(value)) return "—";
  const double magnitude = std::fabs(value);
  int decimals = 0;
  if (magnitude == 0 || magnitude >= 100) decimals = 0;
  else if (magnitude >= 10) decimals = 1;
  else if (magnitude >= 1) decimals = 2;
  else decimals = std::min(6, 2 - static_cast<int>(std::floor(std::log10(magnitude))));
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

tl::expected<Results, std::string> parse_results_json(std::string_view json_text) {
  const json doc = json::parse(without_non_finite(json_text), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return tl::unexpected(std::string("not a JSON object"));
  if (!doc.contains("benchmarks") || !doc["benchmarks"].is_array())
    return tl::unexpected(std::string("no \"benchmarks\" array: not Google Benchmark JSON output"));
  Results results;
  if (doc.contains("context") && doc["context"].is_object())
    for (const auto& [key, value] : doc["context"].items()) results.context[key] = context_text(value);

  std::vector<Measurement> medians;
  for (const auto& entry : doc["benchmarks"]) {
    auto m = parse_entry(entry);
    if (!m) return tl::unexpected(m.error());
    if (entry.value("run_type", "iteration") == "aggregate") {
      if (entry.value("aggregate_name", "") == median_aggregate) medians.push_back(std::move(*m));
      continue;
    }
    if (results.find(m->name) == nullptr) results.measurements.push_back(std::move(*m));
  }
  for (auto& median : medians) {
    bool replaced = false;
    for (auto& m : results.measurements)
      if (m.name == median.name) {
        m = median;
        replaced = true;
      }
    if (!replaced) results.measurements.push_back(std::move(median));  // --benchmark_report_aggregates_only
  }
  return results;
}

tl::expected<Results, std::string> load_results_json(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return tl::unexpected(file.string() + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  auto parsed = parse_results_json(text.str());
  if (!parsed) return tl::unexpected(file.string() + ": " + parsed.error());
  return parsed;
}

std::string render_ratios_markdown(const std::vector<Ratio>& ratios) {
  std::ostringstream out;
  out << "| ratio | measured | target | met |\n|---|---:|---|---|\n";
  for (const auto& r : ratios) {
    out << "| " << r.name << " | " << (r.measured ? format_number(*r.measured) + " " + r.unit : "not measured") << " | "
        << (r.target.empty() ? "(information)" : r.target) << " | "
        << (r.met ? (*r.met ? "yes" : "**no**") : "—") << " |\n";
  }
  return out.str();
}

std::string render_markdown(const Results& results, const std::vector<std::string>& chart_files) {
  std::ostringstream out;
  out << "## Benchmark results\n\n";
  for (const auto& [key, label] : context_lines) {
    const auto found = results.context.find(key);
    if (found != results.context.end()) out << "- " << label << ": " << found->second << "\n";
  }
  hash_table(out, results);
  jwt_table(out, results);
  http_table(out, results);
  const auto ratios = compute_ratios(results);
  if (!ratios.empty()) out << "\n### Ratios (same run)\n\n" << render_ratios_markdown(ratios);
  if (!chart_files.empty()) {
    out << "\n### Charts\n\n";
    for (const auto& chart : chart_files) out << "![" << chart << "](" << chart << ")\n";
  }
  return out.str();
}

}  // namespace authprobe::bench
