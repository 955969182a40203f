#pragma once
// The one list of checks, in catalog order, and selection by ID, section or level.
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "conformance/check.hpp"

namespace authprobe::conformance {

[[nodiscard]] const std::vector<Check>& all_checks();

// Items as given on the command line: an ID ("BASIC-01"), a section ("BASIC" or "BASIC-"), or a
// level ("must", "should", "bcp", ...). A check is selected when it matches any ID/section item
// (or none were given) and any level item (or none were given).
struct Selection {
  std::vector<std::string> ids;
  std::vector<std::string> sections;
  std::vector<Level> levels;
};

// Comma- or space-separated items; an item that names nothing is an error (usage, exit 2).
[[nodiscard]] tl::expected<Selection, std::string> parse_selection(const std::vector<std::string>& items);
[[nodiscard]] std::vector<const Check*> select_checks(const std::vector<Check>& checks, const Selection& selection);
[[nodiscard]] std::string section_of(std::string_view id);  // "BASIC-01" -> "BASIC"

}  // namespace authprobe::conformance
