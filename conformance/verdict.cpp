#include "conformance/verdict.hpp"

#include <array>
#include <utility>

#include "conformance/challenge.hpp"

namespace authprobe::conformance {
namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> parse_named(const std::array<std::pair<Enum, std::string_view>, N>& names,
                                std::string_view text) {
  for (const auto& [value, name] : names) {
    if (iequals(name, text)) return value;
  }
  return std::nullopt;
}

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& names, Enum value) {
  for (const auto& [candidate, name] : names) {
    if (candidate == value) return name;
  }
  return "?";
}

constexpr std::array<std::pair<Level, std::string_view>, 7> level_names{{
    {Level::must, "MUST"},   {Level::should, "SHOULD"},     {Level::may, "MAY"},
    {Level::bcp, "BCP"},     {Level::owasp, "OWASP"},       {Level::baseline, "BASELINE"},
    {Level::info, "INFO"},
}};

constexpr std::array<std::pair<Verdict, std::string_view>, 6> verdict_names{{
    {Verdict::pass, "PASS"}, {Verdict::fail, "FAIL"}, {Verdict::warn, "WARN"},
    {Verdict::skip, "SKIP"}, {Verdict::info, "INFO"}, {Verdict::error, "ERROR"},
}};

constexpr std::array<std::pair<Mode, std::string_view>, 3> mode_names{{
    {Mode::black_box, "B"}, {Mode::key_known, "K"}, {Mode::inside_only, "I"},
}};

constexpr std::array<std::pair<Judgement, std::string_view>, 3> judgement_names{{
    {Judgement::strict, "strict"}, {Judgement::lenient, "lenient"}, {Judgement::bcp, "bcp"},
}};

}  // namespace

std::string_view to_string(Level level) { return name_of(level_names, level); }
std::string_view to_string(Verdict verdict) { return name_of(verdict_names, verdict); }
std::string_view to_string(Mode mode) { return name_of(mode_names, mode); }
std::string_view to_string(Judgement judgement) { return name_of(judgement_names, judgement); }

std::optional<Level> parse_level(std::string_view text) { return parse_named(level_names, text); }
std::optional<Verdict> parse_verdict(std::string_view text) { return parse_named(verdict_names, text); }
std::optional<Judgement> parse_judgement(std::string_view text) {
  return parse_named(judgement_names, text);
}

}  // namespace authprobe::conformance
