#include "tools/commands/demo/lesson.hpp"

#include <algorithm>
#include <functional>
#include <utility>

namespace authprobe::tools::demo {

std::string fill_in(std::string_view text, const std::vector<const Cast*>& casts) {
  using Part = std::function<std::string(const Cast&)>;
  static const std::vector<std::pair<std::string_view, Part>> parts = {
      {"{ordinary}", [](const Cast& c) { return c.ordinary.username; }},
      {"{admin}", [](const Cast& c) { return c.admin.username; }},
      {"{disabled}", [](const Cast& c) { return c.disabled.username; }},
      {"{scope}", [](const Cast& c) { return c.needed_scope; }},
      {"{origin}", [](const Cast& c) { return c.cors_origin; }},
  };
  std::string out(text);
  for (const auto& [placeholder, part] : parts) {
    std::vector<std::string> values;
    for (const auto* cast : casts) {
      auto value = part(*cast);
      if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(std::move(value));
    }
    std::string joined;
    for (const auto& value : values) joined += (joined.empty() ? "" : " / ") + value;
    for (auto at = out.find(placeholder); at != std::string::npos; at = out.find(placeholder, at + joined.size()))
      out.replace(at, placeholder.size(), joined);
  }
  return out;
}

}  // namespace authprobe::tools::demo
