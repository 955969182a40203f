#pragma once
// Fitting the demo's text to a terminal: wrapping, and two columns side by side.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace authprobe::tools::demo {

// The default width, and the narrowest that still takes two columns; below it the two modes'
// answers are stacked, each block labelled.
inline constexpr std::size_t default_width = 100;
inline constexpr std::size_t min_two_column_width = 80;
inline constexpr std::string_view column_separator = " | ";

// Prose: breaks at spaces, never inside a word shorter than the width.
[[nodiscard]] std::vector<std::string> wrap_words(std::string_view text, std::size_t width);

// An exchange line: cut at `width` columns (at a space or comma when one is near), the rest
// indented by two spaces so a reader sees it continues.
[[nodiscard]] std::vector<std::string> wrap_line(std::string_view line, std::size_t width);

// Two blocks of lines as rows of `width` columns: left column, separator, right column. Lines
// are wrapped to the column; the shorter block is padded with blank rows.
[[nodiscard]] std::vector<std::string> two_columns(const std::vector<std::string>& left,
                                                   const std::vector<std::string>& right, std::size_t width);

}  // namespace authprobe::tools::demo
