#include "bench/measurement.hpp"

#include <array>
#include <charconv>

namespace authprobe::bench {
namespace {

// Name segments Google Benchmark adds for run settings, not for what is measured.
constexpr std::array<std::string_view, 5> setting_prefixes = {"real_time", "manual_time", "min_time:",
                                                              "iterations:", "repeats:"};

bool is_setting(std::string_view segment) {
  for (const auto prefix : setting_prefixes)
    if (segment.starts_with(prefix)) return true;
  return false;
}

}  // namespace

std::optional<double> Measurement::counter(std::string_view key) const {
  const auto found = counters.find(key);
  if (found == counters.end()) return std::nullopt;
  return found->second;
}

const Measurement* Results::find(std::string_view name) const {
  for (const auto& m : measurements)
    if (m.name == name) return &m;
  return nullptr;
}

std::vector<const Measurement*> Results::family(std::string_view family_name) const {
  std::vector<const Measurement*> members;
  for (const auto& m : measurements) {
    const std::string_view name = m.name;
    if (name == family_name || (name.starts_with(family_name) && name.size() > family_name.size() &&
                                name[family_name.size()] == '/'))
      members.push_back(&m);
  }
  return members;
}

std::string normalise_name(std::string_view run_name) {
  std::string out;
  std::size_t start = 0;
  while (start <= run_name.size()) {
    auto end = run_name.find('/', start);
    if (end == std::string_view::npos) end = run_name.size();
    const auto segment = run_name.substr(start, end - start);
    if (!is_setting(segment)) {
      if (!out.empty()) out += '/';
      out.append(segment);
    }
    start = end + 1;
  }
  return out;
}

std::optional<double> name_argument(std::string_view name, std::string_view key) {
  std::size_t start = 0;
  while (start < name.size()) {
    auto end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    const auto segment = name.substr(start, end - start);
    if (segment.size() > key.size() && segment.starts_with(key) && segment[key.size()] == ':') {
      const auto text = segment.substr(key.size() + 1);
      double value = 0;
      const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (ec == std::errc() && ptr == text.data() + text.size()) return value;
      return std::nullopt;
    }
    start = end + 1;
  }
  return std::nullopt;
}

std::optional<double> ns_per_unit(std::string_view unit) {
  if (unit == "ns") return 1.0;
  if (unit == "us") return 1e3;
  if (unit == "ms") return 1e6;
  if (unit == "s") return 1e9;
  return std::nullopt;
}

}  // namespace authprobe::bench
