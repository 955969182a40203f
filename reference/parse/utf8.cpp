#include "reference/parse/utf8.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace authprobe::parse {
namespace {

constexpr std::uint8_t continuation_mask = 0xC0;
constexpr std::uint8_t continuation_tag = 0x80;
constexpr unsigned char delete_char = 0x7F;
constexpr unsigned char first_printable = 0x20;

bool is_continuation(std::uint8_t b) { return (b & continuation_mask) == continuation_tag; }

// RFC 3629 §4, the UTF8-2/3/4 rules: the second byte's range depends on the first byte,
// which is what excludes overlongs (E0 80..9F, F0 80..8F), surrogates (ED A0..BF) and
// code points above U+10FFFF (F4 90..BF).
struct LeadRule {
  std::uint8_t lead_min, lead_max;
  std::uint8_t second_min, second_max;
  std::size_t length;
};

constexpr LeadRule lead_rules[] = {
    {0xC2, 0xDF, 0x80, 0xBF, 2},
    {0xE0, 0xE0, 0xA0, 0xBF, 3},
    {0xE1, 0xEC, 0x80, 0xBF, 3},
    {0xED, 0xED, 0x80, 0x9F, 3},
    {0xEE, 0xEF, 0x80, 0xBF, 3},
    {0xF0, 0xF0, 0x90, 0xBF, 4},
    {0xF1, 0xF3, 0x80, 0xBF, 4},
    {0xF4, 0xF4, 0x80, 0x8F, 4},
};

const LeadRule* rule_for(std::uint8_t lead) {
  for (const auto& rule : lead_rules)
    if (lead >= rule.lead_min && lead <= rule.lead_max) return &rule;
  return nullptr;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto lead = static_cast<std::uint8_t>(bytes[i]);
    if (lead < continuation_tag) {
      ++i;
      continue;
    }
    const LeadRule* rule = rule_for(lead);
    if (rule == nullptr || bytes.size() - i < rule->length) return false;
    const auto second = static_cast<std::uint8_t>(bytes[i + 1]);
    if (second < rule->second_min || second > rule->second_max) return false;
    for (std::size_t k = 2; k < rule->length; ++k)
      if (!is_continuation(static_cast<std::uint8_t>(bytes[i + k]))) return false;
    i += rule->length;
  }
  return true;
}

bool is_ctl(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < first_printable || u == delete_char;
}

bool contains_ctl(std::string_view bytes) { return std::any_of(bytes.begin(), bytes.end(), is_ctl); }

}  // namespace authprobe::parse
