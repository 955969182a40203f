#include "tools/commands/demo/text_layout.hpp"

#include <algorithm>

#include "tools/commands/demo/exchange_text.hpp"

namespace authprobe::tools::demo {
namespace {

constexpr std::string_view continuation = "  ";
// Where an exchange line may break, rather than inside a word: after a space when there is one
// near the end, else after a list comma, a form field's '&', a media type's '/' or a hyphen.
constexpr std::string_view soft_breaks = " ,&;/-";

// The byte offset after `columns` code points of `text` (or its size).
std::size_t offset_of_column(std::string_view text, std::size_t columns) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool starts_code_point = (static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U;
    if (starts_code_point && seen++ == columns) return i;
  }
  return text.size();
}

std::string pad_to(std::string text, std::size_t width) {
  const auto shown = display_width(text);
  if (shown < width) text.append(width - shown, ' ');
  return text;
}

}  // namespace

std::vector<std::string> wrap_words(std::string_view text, std::size_t width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const auto word = text.substr(start, end - start);
    if (!line.empty() && display_width(line) + 1 + display_width(word) > width) {
      lines.push_back(std::move(line));
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
    start = end + 1;
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

std::vector<std::string> wrap_line(std::string_view line, std::size_t width) {
  std::vector<std::string> lines;
  std::string_view rest = line;
  std::string_view indent;
  // Each round emits at least one code point, so the loop ends within line.size() rounds.
  while (!rest.empty() && display_width(indent) + display_width(rest) > width) {
    const auto room = std::max<std::size_t>(width - std::min(width, display_width(indent)), 1);
    auto cut = offset_of_column(rest, room);
    const auto head = rest.substr(0, cut);
    for (const auto breaks : {std::string_view(" "), soft_breaks}) {
      const auto soft = head.find_last_of(breaks);
      if (soft == std::string_view::npos || soft + 1 <= cut / 3) continue;
      cut = soft + 1;
      break;
    }
    auto part = std::string(indent) + std::string(rest.substr(0, cut));
    while (!part.empty() && part.back() == ' ') part.pop_back();
    lines.push_back(std::move(part));
    rest = rest.substr(cut);
    indent = continuation;
  }
  lines.push_back(std::string(indent) + std::string(rest));
  return lines;
}

std::vector<std::string> two_columns(const std::vector<std::string>& left, const std::vector<std::string>& right,
                                     std::size_t width) {
  const auto column = (width - column_separator.size()) / 2;
  auto wrapped = [column](const std::vector<std::string>& lines) {
    std::vector<std::string> out;
    for (const auto& line : lines)
      for (auto& part : wrap_line(line, column)) out.push_back(std::move(part));
    return out;
  };
  const auto l = wrapped(left);
  const auto r = wrapped(right);
  std::vector<std::string> rows;
  for (std::size_t i = 0; i < std::max(l.size(), r.size()); ++i) {
    std::string row = pad_to(i < l.size() ? l[i] : std::string(), column) + std::string(column_separator) +
                      (i < r.size() ? r[i] : std::string());
    while (!row.empty() && row.back() == ' ') row.pop_back();
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace authprobe::tools::demo
